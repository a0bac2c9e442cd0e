/**
 * Contract rules (issue 12, items 1 and 2): what a task ends with is decided by what its
 * coroutine ends with, as in CPython's Task.__step. A CancelledError ends it cancelled with
 * that very error; any other error (even one thrown while handling a cancellation) fails it.
 * Checked on CPython 3.12.1 and 3.13.0 (docs/contract-notes/cpython/tasks_cancellation.py).
 */
import { CancelledError, createTask, gather, sleep, waitFor } from '@port';
import { useVirtualTime } from '../../support/virtual-time';

class Boom extends Error {
  override name = 'Boom';
}

/** A task that sleeps on its signal and throws `error` from its finally block, however it ends. */
function throwsWhileCleaningUp(error: Error) {
  return createTask(async (signal) => {
    try {
      await sleep(1000, undefined, { signal });
    } finally {
      // eslint-disable-next-line no-unsafe-finally
      throw error;
    }
  });
}

describe('[task.cancelled-error] the cancellation a task ended with is the one its awaiter sees', () => {
  const vt = useVirtualTime();

  test('await task rethrows the very CancelledError its coroutine ended with: same instance, message and cause', async () => {
    const user = new AbortController();
    const task = createTask((signal) => sleep(1000, 'late', { signal: AbortSignal.any([signal, user.signal]) }));
    await vt.runUntil(10);
    user.abort(new Error('user gave up'));
    const seen: unknown = await vt.run(() => task).catch((error: unknown) => error);
    expect(task.cancelled()).toBe(true);
    expect(seen).toBeInstanceOf(CancelledError);
    expect((seen as Error).cause).toEqual(new Error('user gave up'));
    // The port keeps that one instance for every reader (CPython gives it to the first retrieval only).
    expect(() => task.result()).toThrow(seen as Error);
    expect(catchOf(() => task.result())).toBe(seen);
    expect(catchOf(() => task.exception())).toBe(seen);
  });

  test('cancel(msg): the awaiter gets the CancelledError the signal was aborted with, with that message', async () => {
    const task = createTask((signal) => sleep(1000, 'late', { signal }));
    await vt.runUntil(10);
    task.cancel('enough');
    const seen: unknown = await vt.run(() => task).catch((error: unknown) => error);
    expect(seen).toBe(task.signal.reason);
    expect((seen as Error).message).toBe('enough');
  });

  test('a task cancelled before it started rethrows the CancelledError its signal was aborted with', async () => {
    const task = createTask(async () => 'never');
    task.cancel('not now');
    await expect(vt.run(() => task)).rejects.toBe(task.signal.reason);
  });

  test('a coroutine that throws its own CancelledError ends the task cancelled with that instance', async () => {
    const own = new CancelledError('gave up', { cause: 'no data' });
    const task = createTask(async () => {
      await sleep(10);
      throw own;
    });
    await expect(vt.run(() => task)).rejects.toBe(own);
    expect(task.cancelled()).toBe(true);
  });
});

describe('[task.error-in-cancel] an error raised while handling cancellation fails the task with that error', () => {
  const vt = useVirtualTime();

  test('a finally block that throws Boom after cancel(): exception() is Boom, cancelled() is false, await rethrows Boom', async () => {
    const boom = new Boom('cleanup failed');
    const task = throwsWhileCleaningUp(boom);
    await vt.runUntil(10);
    expect(task.cancel()).toBe(true);
    await vt.runUntilIdle();
    expect(task.cancelled()).toBe(false);
    expect(task.exception()).toBe(boom);
    await expect(vt.run(() => task)).rejects.toBe(boom);
  });

  test('a catch (CancelledError) that throws Boom fails the task with Boom too', async () => {
    const boom = new Boom('handler failed');
    const task = createTask(async (signal) => {
      try {
        await sleep(1000, undefined, { signal });
      } catch (error) {
        if (error instanceof CancelledError) throw boom;
        throw error;
      }
    });
    await vt.runUntil(10);
    task.cancel();
    await vt.runUntilIdle();
    expect([task.cancelled(), task.exception()]).toEqual([false, boom]);
  });

  test('waitFor rethrows Boom, whether the task is cancelled by someone else or by the time-out', async () => {
    const first = new Boom('cancelled by another task');
    const cancelledElsewhere = throwsWhileCleaningUp(first);
    const waiting = waitFor(cancelledElsewhere, 5000);
    await vt.runUntil(10);
    cancelledElsewhere.cancel();
    await expect(vt.run(() => waiting)).rejects.toBe(first);

    const second = new Boom('cancelled by the time-out');
    await expect(vt.run(() => waitFor(throwsWhileCleaningUp(second), 100))).rejects.toBe(second);
  });

  // CPython 3.12.1 and 3.13.0: the task awaiting wait_for(inner, 1) or wait_for(inner, None), cancelled,
  // ends with the ValueError inner raises while handling the cancellation, not CancelledError.
  test.each([5000, null])('waitFor(task, %p) cancelled through its signal rethrows Boom too', async (ms) => {
    const boom = new Boom('cleanup failed');
    const inner = throwsWhileCleaningUp(boom);
    const controller = new AbortController();
    const waiting = waitFor(inner, ms, { signal: controller.signal });
    await vt.runUntil(10);
    controller.abort();
    await expect(vt.run(() => waiting)).rejects.toBe(boom);
  });

  test('gather rethrows Boom, and the gathering is failed, not cancelled', async () => {
    const boom = new Boom('cleanup failed');
    const task = throwsWhileCleaningUp(boom);
    const gathering = gather([task]);
    await vt.runUntil(10);
    task.cancel();
    await expect(vt.run(() => gathering)).rejects.toBe(boom);
    expect(gathering.cancelled()).toBe(false);
  });
});

function catchOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
