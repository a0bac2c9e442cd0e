/**
 * Contract rules that guard against bugs CPython had in its locks, each reproducing the
 * report's own scenario, translated from Lib/test/test_asyncio/test_locks.py (3.13), which
 * passes on 3.12.1 and 3.13.0. bpo-27585 (Lock) and gh-112202 (Condition) are in the Lock and
 * Condition specs; the others are here.
 */
import { CancelledError, Condition, createTask, gather, Semaphore, sleep, waitFor } from '@port';
import { useVirtualTime } from '../../support/virtual-time';

describe('CPython lock bug reports, reproduced', () => {
  const vt = useVirtualTime();

  test('[semaphore.cancel] python/asyncio#270: a Semaphore waiter cancelled just after a release woke it does not lose the slot (test_acquire_no_hang)', async () => {
    const sem = new Semaphore(1);
    const t1 = createTask(async (signal) => {
      {
        using _held = await sem.hold({ signal });
        await sleep(0);
      }
      // The release just woke t2; cancel it before it runs.
      t2.cancel();
    });
    const t2 = createTask(async (signal) => {
      using _held = await sem.hold({ signal });
      vt.trace.log('t2 got in');
    });
    const [r1, r2] = await vt.run(() => gather([t1, t2], { returnExceptions: true }));
    expect(r1).toBeUndefined();
    expect(r2).toBeInstanceOf(CancelledError);
    expect(vt.trace.labels()).toEqual([]);
    // The slot came back: acquiring it does not hang.
    await vt.run(() => waitFor(sem.acquire(), 1000));
    expect(vt.now()).toBe(0);
  });

  test('[semaphore.no-barging] gh-90155: Semaphore slots go first come first served, a task that releases and asks again goes to the back (test_acquire_fifo_order)', async () => {
    const sem = new Semaphore(1);
    const coro = (tag: string) =>
      createTask(async (signal) => {
        for (const round of [1, 2]) {
          await sem.acquire({ signal });
          vt.trace.log(`${tag}_${round}`);
          await sleep(10);
          sem.release();
        }
      });
    await vt.run(() => Promise.all([coro('c1'), coro('c2'), coro('c3')]));
    expect(vt.trace.labels()).toEqual(['c1_1', 'c2_1', 'c3_1', 'c1_2', 'c2_2', 'c3_2']);
  });

  describe('[condition.cancel] gh-111693: Condition.wait() propagates the cancellation the task received, not another one', () => {
    /** A task that waits on `cond` for `ready()` and records the error it caught. */
    function waiter(cond: Condition, ready: () => boolean) {
      const seen: { error?: unknown; reason?: unknown } = {};
      const task = createTask(async (signal) => {
        using _held = await cond.hold({ signal });
        try {
          await cond.waitFor(ready, { signal });
        } catch (error) {
          seen.error = error;
          seen.reason = signal.reason;
          throw error;
        }
      });
      return { task, seen };
    }

    test('cancelled while waiting to be notified (test_cancelled_error_wakeup)', async () => {
      const cond = new Condition();
      const { task, seen } = waiter(cond, () => false);
      await vt.runUntil(0);
      task.cancel('foo');
      await expect(vt.run(() => task)).rejects.toThrow(new CancelledError('foo'));
      expect(seen.error).toBe(seen.reason);
      expect(cond.locked()).toBe(false);
    });

    test('cancelled while taking the lock back after a notify (test_cancelled_error_re_aquire)', async () => {
      const cond = new Condition();
      let wake = false;
      const { task, seen } = waiter(cond, () => wake);
      await vt.runUntil(0);
      await cond.acquire();
      wake = true;
      cond.notify();
      await vt.runUntil(0);
      // The task is now taking the lock back; cancel it there.
      task.cancel('foo');
      cond.release();
      await expect(vt.run(() => task)).rejects.toThrow(new CancelledError('foo'));
      expect(seen.error).toBe(seen.reason);
      expect(cond.locked()).toBe(false);
    });
  });
});
