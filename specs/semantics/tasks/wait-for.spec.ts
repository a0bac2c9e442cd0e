/** asyncio.wait_for: a result within the time allowed, or TimeoutError and a cancelled task. */
import { CancelledError, createTask, sleep, TimeoutError, waitFor } from '@port';
import { useVirtualTime } from '../../support/virtual-time';

describe('waitFor', () => {
  const vt = useVirtualTime();

  test('[wait-for.result] a result within the time allowed comes back, and no timer is left', async () => {
    await expect(vt.run(() => waitFor((signal: AbortSignal) => sleep(100, 'in time', { signal }), 1000))).resolves.toBe('in time');
    expect(vt.now()).toBe(100);
    expect(vt.pendingTimers()).toBe(0);
  });

  test('[wait-for.timeout] out of time: TimeoutError exactly at the limit, and the task it waited for is cancelled', async () => {
    const task = createTask((signal) => sleep(5000, 'late', { signal }));
    await expect(vt.run(() => waitFor(task, 300))).rejects.toBeInstanceOf(TimeoutError);
    expect(vt.now()).toBe(300);
    expect(task.cancelled()).toBe(true);
    expect(task.signal.reason).toBeInstanceOf(CancelledError);
  });

  test('[wait-for.timeout] it waits for the cancelled task to finish cleaning up before throwing', async () => {
    const events: string[] = [];
    const task = createTask(async (signal) => {
      try {
        await sleep(5000, undefined, { signal });
      } finally {
        await sleep(50);
        events.push(`cleaned up at ${Date.now()}`);
      }
    });
    await expect(vt.run(() => waitFor(task, 100))).rejects.toBeInstanceOf(TimeoutError);
    expect(events).toEqual(['cleaned up at 150']);
    expect(vt.now()).toBe(150);
  });

  test('[wait-for.no-limit] a null limit waits as long as it takes', async () => {
    await expect(vt.run(() => waitFor((signal: AbortSignal) => sleep(99_000, 'eventually', { signal }), null))).resolves.toBe('eventually');
    expect(vt.now()).toBe(99_000);
  });

  test('[extra] a limit that is not a number is a TypeError', async () => {
    await expect(waitFor(Promise.resolve(1), Number.NaN)).rejects.toThrow(TypeError);
  });

  test('[wait-for.result] a plain awaitable that fails in time rethrows its own error, not TimeoutError', async () => {
    await expect(vt.run(() => waitFor(Promise.reject(new Error('refused')), 1000))).rejects.toThrow('refused');
    await expect(vt.run(() => waitFor(sleep(10).then(() => { throw new Error('late refusal'); }), 1000))).rejects.toThrow('late refusal');
  });

  test('[wait-for.timeout] a task that catches the cancellation at the limit and returns a value: waitFor returns that value', async () => {
    const stubborn = createTask(async (signal) => {
      await sleep(5000, undefined, { signal }).catch(() => undefined);
      return 'cleaned up';
    });
    await expect(vt.run(() => waitFor(stubborn, 300))).resolves.toBe('cleaned up');
    expect(vt.now()).toBe(300);
  });
});
