/** asyncio.sleep, in milliseconds. */
import { getEventListeners } from 'node:events';
import { CancelledError, sleep } from '@port';
import { useVirtualTime } from '../../support/virtual-time';

describe('sleep', () => {
  const vt = useVirtualTime();

  test('[sleep.delay] resolves to the value after exactly the given ms', async () => {
    await expect(vt.run(() => sleep(1100, 'woke'))).resolves.toBe('woke');
    expect(vt.now()).toBe(1100);
  });

  test('[sleep.delay] sleep(0) yields one turn: whatever was queued before runs first, and no time passes', async () => {
    const order: string[] = [];
    await vt.run(async () => {
      void Promise.resolve().then(() => order.push('queued before')).then(() => order.push('and its follow-up'));
      await sleep(0);
      order.push('after sleep(0)');
    });
    expect(order).toEqual(['queued before', 'and its follow-up', 'after sleep(0)']);
    expect(vt.now()).toBe(0);
  });

  test('[sleep.cancel] an aborted signal rejects it with CancelledError at once and clears its timer', async () => {
    const controller = new AbortController();
    const sleeping = sleep(1000, 'never', { signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    await expect(vt.run(() => sleeping)).rejects.toBeInstanceOf(CancelledError);
    expect(vt.now()).toBe(200);
    expect(vt.pendingTimers()).toBe(0);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  // asyncio: the sleep's timer only sets a future; a task cancelled before it resumed sees
  // CancelledError (checked on 3.13.0: a call_later of the same delay, made after the sleep
  // began, that cancels the task gives 'sleep CancelledError').
  test('[sleep.cancel] an abort at the instant the timer fired, before the sleep resumed, rejects it with CancelledError', async () => {
    const controller = new AbortController();
    const sleeping = sleep(100, 'woke', { signal: controller.signal });
    // Due at the same instant and set later: it fires right after the sleep's own timer.
    setTimeout(() => controller.abort(), 100);
    await expect(vt.run(() => sleeping)).rejects.toBeInstanceOf(CancelledError);
    expect(vt.now()).toBe(100);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  // asyncio: a task cancelled while it yields at sleep(0) sees CancelledError when it resumes (checked on 3.13.0).
  test('[sleep.cancel] sleep(0) aborted before its turn comes rejects with CancelledError and clears its timer at once', async () => {
    const controller = new AbortController();
    const sleeping = sleep(0, 'never', { signal: controller.signal });
    controller.abort();
    expect(vt.pendingTimers()).toBe(0);
    await expect(vt.run(() => sleeping)).rejects.toBeInstanceOf(CancelledError);
    expect(vt.now()).toBe(0);
  });

  // asyncio: sleeps A, X and Y due at 10 ms, and a call_later of the same delay set between X's
  // and Y's that cancels A's task: A ends cancelled, X and Y wake, all at 10 ms (checked on 3.13.0).
  test('[sleep.cancel] an abort at the instant other sleeps wake disturbs none of them: the aborted one rejects, each other one resolves', async () => {
    const controllers = [new AbortController(), new AbortController(), new AbortController()];
    const [a, x] = ['a', 'x'].map((value, i) => sleep(10, value, { signal: controllers[i]!.signal }));
    setTimeout(() => controllers[0]!.abort(), 10);
    const y = sleep(10, 'y', { signal: controllers[2]!.signal });
    const outcomes = await vt.run(() => Promise.allSettled([a!, x!, y]));
    expect(outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : outcome.reason))).toEqual([
      expect.any(CancelledError),
      'x',
      'y',
    ]);
    expect(vt.now()).toBe(10);
  });

  test('[sleep.cancel] an already aborted signal rejects without starting a timer', async () => {
    await expect(sleep(10, 1, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(CancelledError);
    expect(vt.pendingTimers()).toBe(0);
  });

  test('[extra] a delay that is not a number is a TypeError; NaN is a RangeError (CPython 3.13: ValueError "Invalid delay: NaN")', async () => {
    await expect(sleep(Number.NaN)).rejects.toThrow(RangeError);
    await expect(sleep('1' as never)).rejects.toThrow(TypeError);
  });

  test('[signal.listeners] a sleep that ends leaves no listener on its signal, so a long-lived signal does not pile them up', async () => {
    const controller = new AbortController();
    await vt.run(() => Promise.all([sleep(10, 1, { signal: controller.signal }), sleep(20, 2, { signal: controller.signal })]));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
