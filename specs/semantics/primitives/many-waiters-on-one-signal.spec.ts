/**
 * Contract rule: any number of waits may share one AbortSignal (a task's signal passed to
 * every call it makes, or one signal for a whole crowd) without Node printing
 * MaxListenersExceededWarning, which it does for an EventTarget with more than 10 listeners.
 * asyncio has no such limit. Aborting the signal still cancels every one of them, in order.
 *
 * Node prints that warning from its own `process`, which a jest sandbox cannot listen to, so
 * the spec checks its cause: the abort listeners on the signal stay within Node's limit
 * (events.defaultMaxListeners, 10). With one listener per waiter this spec goes red, and the
 * warning shows in jest's output.
 */
import { CancelledError, ClientSession, Condition, Event, Lock, Semaphore, createTask, gather, sleep, wait, waitFor } from '@port';
import { flush } from '../promise-state';
import { useVirtualTime, type VirtualTime } from '../../support/virtual-time';
import { defaultMaxListeners, getEventListeners } from 'node:events';

const WAITERS = 25;

type Wait = (signal: AbortSignal) => PromiseLike<unknown>;

/** Each row: a primitive set up so that its wait blocks, and that wait. */
const ROWS: Array<[string, (vt: VirtualTime) => Promise<Wait>]> = [
  ['Lock.acquire', async () => {
    const lock = new Lock();
    await lock.acquire();
    return (signal) => lock.acquire({ signal });
  }],
  ['Lock.hold', async () => {
    const lock = new Lock();
    await lock.acquire();
    return (signal) => lock.hold({ signal });
  }],
  ['Semaphore.acquire', async () => {
    const sem = new Semaphore(0);
    return (signal) => sem.acquire({ signal });
  }],
  ['Event.wait', async () => {
    const event = new Event();
    return (signal) => event.wait({ signal });
  }],
  ['ClientSession.get', async (vt) => {
    const { url } = vt.service();
    const session = new ClientSession();
    return (signal) => session.get(url, { signal });
  }],
  ['sleep', async () => (signal) => sleep(60_000, undefined, { signal })],
  ['wait', async () => {
    const never = createTask(() => new Promise<never>(() => {}));
    return (signal) => wait([never], { signal });
  }],
  ['gather', async () => (signal) => gather([(s: AbortSignal) => sleep(60_000, undefined, { signal: s })], { signal })],
  ['waitFor', async () => (signal) => waitFor((s: AbortSignal) => sleep(60_000, undefined, { signal: s }), 120_000, { signal })],
  ['Condition.wait', async () => {
    const cond = new Condition();
    return async (signal) => {
      await cond.acquire();
      try {
        await cond.wait({ signal });
      } finally {
        cond.release();
      }
    };
  }],
];

describe.each(ROWS)('[signal.listeners] %s: many waiters on one signal', (_, setUp) => {
  const vt = useVirtualTime();

  test(`${WAITERS} waiters on one AbortSignal stay within Node's listener limit (no MaxListenersExceededWarning), and aborting it cancels all of them`, async () => {
    const wait = await setUp(vt);
    const controller = new AbortController();
    const settled: string[] = [];
    const waits = Array.from({ length: WAITERS }, (__, i) =>
      wait(controller.signal).then(
        () => settled.push(`${i} done`),
        (error: unknown) => settled.push(error instanceof CancelledError ? `${i} cancelled` : `${i} ${String(error)}`),
      ),
    );
    await flush();
    expect(getEventListeners(controller.signal, 'abort').length).toBeLessThanOrEqual(defaultMaxListeners);
    controller.abort();
    await vt.run(() => Promise.all(waits));
    expect(settled).toEqual(Array.from({ length: WAITERS }, (__, i) => `${i} cancelled`));
    expect(getEventListeners(controller.signal, 'abort')).toEqual([]);
    // An aborted request's socket is torn down on later turns.
    await vt.runUntilIdle();
  });
});

describe('waits sharing one signal are independent', () => {
  useVirtualTime();

  test('[signal.listeners] a waiter that got the lock leaves; aborting the signal later still cancels the one behind it, and leaves no listener', async () => {
    const lock = new Lock();
    await lock.acquire();
    const controller = new AbortController();
    const first = lock.acquire({ signal: controller.signal });
    const second = lock.acquire({ signal: controller.signal });
    lock.release();
    await first;
    controller.abort();
    await expect(second).rejects.toBeInstanceOf(CancelledError);
    expect(getEventListeners(controller.signal, 'abort')).toEqual([]);
    lock.release();
    expect(lock.locked()).toBe(false);
  });

  test("[extra] a task's own signal gets one abort listener from the port, at its first wait, kept to its end: later waits add none, and cancel() still reaches the one waiting", async () => {
    const event = new Event();
    const listeners: number[] = [];
    const task = createTask(async (signal) => {
      for (;;) {
        await event.wait({ signal });
        event.clear();
        listeners.push(getEventListeners(signal, 'abort').length);
      }
    });
    for (let i = 0; i < 3; i++) {
      await flush();
      event.set();
    }
    await flush();
    expect(listeners).toEqual([1, 1, 1]);
    task.cancel();
    await expect(task).rejects.toBeInstanceOf(CancelledError);
  });

  test('[event.cancel] an Event waiter cancelled with its own signal leaves the waiters of a shared signal waiting', async () => {
    const event = new Event();
    const shared = new AbortController();
    const own = new AbortController();
    const a = event.wait({ signal: shared.signal });
    const b = event.wait({ signal: own.signal });
    const c = event.wait({ signal: shared.signal });
    own.abort();
    await expect(b).rejects.toBeInstanceOf(CancelledError);
    event.set();
    await expect(Promise.all([a, c])).resolves.toEqual([true, true]);
    expect(getEventListeners(shared.signal, 'abort')).toEqual([]);
  });
});
