/**
 * What a cancellation says about itself: asyncio raises CancelledError, and keeps why. An abort
 * reason that is already a CancelledError is passed on as it is; any other reason becomes the
 * cause of a new CancelledError; a time-out's TimeoutError comes from the CancelledError that
 * ended the wait (asyncio 3.11+: `raise TimeoutError from exc`).
 */
import { CancelledError, createTask, sleep, TimeoutError, waitFor } from '@port';
import { useVirtualTime } from '../../support/virtual-time';

describe('cancellation causes', () => {
  const vt = useVirtualTime();

  test('[cancellation.cause] an abort whose reason is a CancelledError rejects with that very error', async () => {
    const controller = new AbortController();
    const reason = new CancelledError('stopped by the caller');
    const sleeping = sleep(100, 'x', { signal: controller.signal });
    controller.abort(reason);
    await expect(sleeping).rejects.toBe(reason);
    await expect(sleep(100, 'x', { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });

  // Its message is the one a CancelledError made without a message has (N6: no cancel message).
  test('[cancellation.cause] any other abort reason becomes the cause of a CancelledError without a cancel message of its own', async () => {
    const controller = new AbortController();
    const sleeping = sleep(100, 'x', { signal: controller.signal });
    controller.abort('shutting down');
    const error: unknown = await sleeping.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CancelledError);
    expect((error as Error).cause).toBe('shutting down');
    expect((error as Error).message).toBe(new CancelledError().message);
    const early: unknown = await sleep(100, 'x', { signal: AbortSignal.abort('too late') }).catch((e: unknown) => e);
    expect((early as Error).cause).toBe('too late');
  });

  test('[task.cancel] a coroutine that throws CancelledError by itself ends its task cancelled, not failed', async () => {
    const task = createTask(async () => {
      await sleep(10);
      throw new CancelledError('gave up');
    });
    await vt.runUntilIdle();
    expect(task.cancelled()).toBe(true);
    expect(() => task.result()).toThrow('gave up');
  });

  test("[wait-for.timeout] waitFor's TimeoutError has the CancelledError of the wait as its cause", async () => {
    const error: unknown = await vt.run(() => waitFor((signal: AbortSignal) => sleep(500, 1, { signal }), 300)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).cause).toBeInstanceOf(CancelledError);
  });
});
