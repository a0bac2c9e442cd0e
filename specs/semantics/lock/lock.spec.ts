/**
 * asyncio.Lock: one holder at a time, waiters served first come first served, and no
 * cancellation can leave the lock held by nobody or a waiter stranded (bpo-27585).
 */
import { CancelledError, createTask, Lock, sleep } from '@port';
import { flush, stateOf } from '../promise-state';
import { useVirtualTime } from '../../support/virtual-time';

describe('Lock', () => {
  const vt = useVirtualTime();

  /** A task that holds the lock for `ms`, logging when it gets in and when it leaves. */
  const worker = (lock: Lock, name: string, ms = 10) =>
    createTask(async (signal) => {
      using _held = await lock.hold({ signal });
      vt.trace.log(`${name} in`);
      await sleep(ms);
      vt.trace.log(`${name} out`);
    });

  describe('[lock.fifo] hand-off', () => {
    test('waiters get the lock in the order they asked for it, each the instant the previous holder leaves', async () => {
      const lock = new Lock();
      await vt.run(() => Promise.all(['a', 'b', 'c', 'd'].map((name) => worker(lock, name))));
      expect(vt.trace.entries).toEqual([
        [0, 'a in'], [10, 'a out'],
        [10, 'b in'], [20, 'b out'],
        [20, 'c in'], [30, 'c out'],
        [30, 'd in'], [40, 'd out'],
      ]);
    });

    test('a newcomer arriving right after a release waits behind the waiter the lock was handed to', async () => {
      const lock = new Lock();
      await lock.acquire();
      const waiter = lock.acquire().then(() => vt.trace.log('waiter'));
      await flush();
      lock.release();
      const newcomer = lock.acquire().then(() => vt.trace.log('newcomer'));
      await flush();
      expect(vt.trace.labels()).toEqual(['waiter']);
      lock.release();
      await Promise.all([waiter, newcomer]);
      expect(vt.trace.labels()).toEqual(['waiter', 'newcomer']);
      lock.release();
    });

    test('a holder that releases and at once asks again goes behind the waiters', async () => {
      const lock = new Lock();
      await lock.acquire();
      const first = lock.acquire().then(() => vt.trace.log('first waiter'));
      lock.release();
      const again = lock.acquire().then(() => vt.trace.log('holder again'));
      await first;
      lock.release();
      await again;
      lock.release();
      expect(vt.trace.labels()).toEqual(['first waiter', 'holder again']);
    });
  });

  describe('misuse', () => {
    test('[lock.release-unlocked] release() of an unlocked lock throws and leaves it unlocked', async () => {
      const lock = new Lock();
      expect(() => lock.release()).toThrow(Error);
      await lock.acquire();
      lock.release();
      expect(() => lock.release()).toThrow(Error);
      expect(lock.locked()).toBe(false);
      expect(await stateOf(lock.acquire())).toBe('fulfilled');
      lock.release();
    });

    test('[input.signal] a signal that is not an AbortSignal is a TypeError, thrown or as the rejection', async () => {
      let error: unknown;
      try {
        await new Lock().acquire({ signal: 'stop' as unknown as AbortSignal });
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(TypeError);
    });
  });

  describe('[lock.locked] locked()', () => {
    test('is false when new, true while held, false while handed to a woken waiter that has not run (CPython 3.12/3.13), true once it runs', async () => {
      const lock = new Lock();
      expect(lock.locked()).toBe(false);
      await lock.acquire();
      expect(lock.locked()).toBe(true);
      const waiter = lock.acquire();
      lock.release();
      // asyncio marks the lock unlocked until the woken waiter runs; it still belongs to that
      // waiter: a newcomer queues behind it and a second release() throws (lock.handoff).
      expect(lock.locked()).toBe(false);
      const newcomer = lock.acquire();
      expect(() => lock.release()).toThrow();
      await waiter;
      expect(lock.locked()).toBe(true);
      lock.release();
      await newcomer;
      lock.release();
      expect(lock.locked()).toBe(false);
    });
  });

  describe('[lock.cancel] cancellation', () => {
    test('a waiter cancelled while queued rejects with CancelledError and is skipped', async () => {
      const lock = new Lock();
      await lock.acquire();
      const controller = new AbortController();
      const cancelled = lock.acquire({ signal: controller.signal });
      const next = lock.acquire();
      controller.abort();
      await expect(cancelled).rejects.toThrow(CancelledError);
      lock.release();
      expect(await stateOf(next)).toBe('fulfilled');
      lock.release();
      expect(lock.locked()).toBe(false);
    });

    test('when the only waiter is cancelled, release() leaves the lock free for a newcomer', async () => {
      const lock = new Lock();
      await lock.acquire();
      const controller = new AbortController();
      const cancelled = lock.acquire({ signal: controller.signal });
      controller.abort();
      await expect(cancelled).rejects.toThrow(CancelledError);
      lock.release();
      expect(lock.locked()).toBe(false);
      expect(await stateOf(lock.acquire())).toBe('fulfilled');
      lock.release();
    });

    test('a waiter cancelled after it was woken, before it ran, passes the lock to the next waiter (bpo-27585)', async () => {
      const lock = new Lock();
      await lock.acquire();
      const controller = new AbortController();
      const woken = lock.acquire({ signal: controller.signal });
      const next = lock.acquire();
      lock.release();
      controller.abort();
      await expect(woken).rejects.toThrow(CancelledError);
      expect(await stateOf(next)).toBe('fulfilled');
      expect(lock.locked()).toBe(true);
      lock.release();
      expect(lock.locked()).toBe(false);
    });

    test('a waiter cancelled after it was woken, with nobody behind it, leaves the lock free', async () => {
      const lock = new Lock();
      await lock.acquire();
      const controller = new AbortController();
      const woken = lock.acquire({ signal: controller.signal });
      lock.release();
      controller.abort();
      await expect(woken).rejects.toThrow(CancelledError);
      expect(lock.locked()).toBe(false);
    });

    test('an already aborted signal rejects at once and does not take a free lock', async () => {
      const lock = new Lock();
      await expect(lock.acquire({ signal: AbortSignal.abort() })).rejects.toThrow(CancelledError);
      expect(lock.locked()).toBe(false);
    });

    test('cancelling a task that waits for the lock lets the others through; nothing deadlocks', async () => {
      const lock = new Lock();
      const tasks = ['a', 'b', 'c'].map((name) => worker(lock, name));
      await vt.runUntil(5);
      tasks[1]!.cancel();
      await vt.run(() => Promise.allSettled(tasks));
      expect(tasks[1]!.cancelled()).toBe(true);
      expect(vt.trace.entries).toEqual([[0, 'a in'], [10, 'a out'], [10, 'c in'], [20, 'c out']]);
      expect(lock.locked()).toBe(false);
    });
  });

  describe('[lock.hold] hold()', () => {
    test('the lock is released when the using block ends', async () => {
      const lock = new Lock();
      {
        using _held = await lock.hold();
        expect(lock.locked()).toBe(true);
      }
      expect(lock.locked()).toBe(false);
    });

    test('the lock is released when the body throws, and the error goes through', async () => {
      const lock = new Lock();
      const body = async (): Promise<void> => {
        using _held = await lock.hold();
        throw new Error('body failed');
      };
      await expect(body()).rejects.toThrow('body failed');
      expect(lock.locked()).toBe(false);
    });

    test('disposing twice releases once: the next holder keeps the lock', async () => {
      const lock = new Lock();
      const held = await lock.hold();
      const next = lock.acquire();
      held[Symbol.dispose]();
      await next;
      held[Symbol.dispose]();
      expect(lock.locked()).toBe(true);
      lock.release();
    });

    test('an aborted hold() rejects with CancelledError and holds nothing', async () => {
      const lock = new Lock();
      await lock.acquire();
      const controller = new AbortController();
      const holding = lock.hold({ signal: controller.signal });
      controller.abort();
      await expect(holding).rejects.toThrow(CancelledError);
      lock.release();
      expect(lock.locked()).toBe(false);
    });
  });
});
