/**
 * asyncio.Semaphore, 3.12 rules (gh-90155, PR 93222): never more holders than the initial
 * value, slots handed out first come first served with no barging, and a waiter cancelled
 * after it was given a slot hands the slot on instead of losing it.
 */
import { CancelledError, createTask, Semaphore, sleep } from '@port';
import { flush, stateOf } from '../promise-state';
import { useVirtualTime } from '../../support/virtual-time';

describe('Semaphore', () => {
  const vt = useVirtualTime();

  /** Tasks that each hold a slot for `ms`; returns them and a probe of the most inside at once. */
  function crowd(sem: Semaphore, count: number, ms = 10) {
    let inside = 0;
    let most = 0;
    const tasks = Array.from({ length: count }, (_, i) =>
      createTask(async (signal) => {
        using _held = await sem.hold({ signal });
        most = Math.max(most, ++inside);
        vt.trace.log(`${i} in`);
        await sleep(ms);
        inside--;
      }),
    );
    return { tasks, most: () => most };
  }

  describe('the initial value', () => {
    test('[extra] a negative value is a RangeError, a non-integer a TypeError', () => {
      expect(() => new Semaphore(-1)).toThrow(RangeError);
      expect(() => new Semaphore(1.5)).toThrow(TypeError);
      expect(() => new Semaphore('2' as unknown as number)).toThrow(TypeError);
    });

    test('[semaphore.value] defaults to 1', async () => {
      const sem = new Semaphore();
      expect(sem.locked()).toBe(false);
      await sem.acquire();
      expect(sem.locked()).toBe(true);
      sem.release();
    });

    test('[semaphore.value] Semaphore(0) is locked until someone releases', async () => {
      const sem = new Semaphore(0);
      expect(sem.locked()).toBe(true);
      const waiting = sem.acquire();
      expect(await stateOf(waiting)).toBe('pending');
      sem.release();
      expect(await stateOf(waiting)).toBe('fulfilled');
    });
  });

  describe('[semaphore.fifo] bounding', () => {
    test('never more holders than the value: Semaphore(2) over 7 tasks', async () => {
      const sem = new Semaphore(2);
      const { tasks, most } = crowd(sem, 7);
      await vt.run(() => Promise.all(tasks));
      expect(most()).toBe(2);
      expect(vt.trace.entries).toEqual([
        [0, '0 in'], [0, '1 in'], [10, '2 in'], [10, '3 in'], [20, '4 in'], [20, '5 in'], [30, '6 in'],
      ]);
      expect(sem.locked()).toBe(false);
    });

    test('100 tasks behind Semaphore(3) get in strictly in the order they asked', async () => {
      const sem = new Semaphore(3);
      const { tasks, most } = crowd(sem, 100, 7);
      await vt.run(() => Promise.all(tasks));
      expect(vt.trace.labels()).toEqual(Array.from({ length: 100 }, (_, i) => `${i} in`));
      expect(most()).toBe(3);
      expect(vt.now()).toBe(34 * 7);
    });

    test('waiters woken by releases in one go resume in the order they asked, with a signal or without', async () => {
      const sem = new Semaphore(0);
      const kinds = ['signal', 'plain', 'signal', 'plain'];
      const waiters = kinds.map((kind, i) =>
        sem.acquire(kind === 'signal' ? { signal: new AbortController().signal } : undefined).then(() => vt.trace.log(`${kind} ${i}`)),
      );
      await flush();
      for (const _ of kinds) sem.release();
      await Promise.all(waiters);
      expect(vt.trace.labels()).toEqual(kinds.map((kind, i) => `${kind} ${i}`));
    });
  });

  describe('[semaphore.locked] locked()', () => {
    test('is true while waiters are queued, also right after a release handed one of them the slot', async () => {
      const sem = new Semaphore(1);
      await sem.acquire();
      const first = sem.acquire();
      const second = sem.acquire();
      sem.release();
      expect(sem.locked()).toBe(true);
      await first;
      expect(sem.locked()).toBe(true);
      sem.release();
      await second;
      sem.release();
      expect(sem.locked()).toBe(false);
    });

    test('is false again when the only waiter was cancelled and the slot came back', async () => {
      const sem = new Semaphore(1);
      await sem.acquire();
      const controller = new AbortController();
      const cancelled = sem.acquire({ signal: controller.signal });
      controller.abort();
      await expect(cancelled).rejects.toThrow(CancelledError);
      sem.release();
      expect(sem.locked()).toBe(false);
      expect(await stateOf(sem.acquire())).toBe('fulfilled');
    });
  });

  describe('[semaphore.no-barging] no barging', () => {
    test('a newcomer arriving right after a release does not overtake the waiters', async () => {
      const sem = new Semaphore(1);
      await sem.acquire();
      const order: string[] = [];
      const waiter = sem.acquire().then(() => order.push('waiter'));
      await flush();
      sem.release();
      const newcomer = sem.acquire().then(() => order.push('newcomer'));
      await flush();
      expect(order).toEqual(['waiter']);
      sem.release();
      await Promise.all([waiter, newcomer]);
      expect(order).toEqual(['waiter', 'newcomer']);
    });

    test('a holder that releases and at once acquires again goes behind the waiters', async () => {
      const sem = new Semaphore(1);
      await sem.acquire();
      const order: string[] = [];
      const waiters = ['a', 'b'].map((name) => sem.acquire().then(() => order.push(name)));
      sem.release();
      const again = sem.acquire().then(() => order.push('holder again'));
      await waiters[0];
      sem.release();
      await waiters[1];
      sem.release();
      await again;
      expect(order).toEqual(['a', 'b', 'holder again']);
    });
  });

  describe('[semaphore.cancel] cancellation', () => {
    test('a waiter cancelled while queued is skipped: the slot goes to the next', async () => {
      const sem = new Semaphore(1);
      await sem.acquire();
      const controller = new AbortController();
      const cancelled = sem.acquire({ signal: controller.signal });
      const next = sem.acquire();
      controller.abort();
      await expect(cancelled).rejects.toThrow(CancelledError);
      sem.release();
      expect(await stateOf(next)).toBe('fulfilled');
    });

    test('a waiter woken and then cancelled before it ran gives its slot to the next waiter', async () => {
      const sem = new Semaphore(1);
      await sem.acquire();
      const controller = new AbortController();
      const woken = sem.acquire({ signal: controller.signal });
      const next = sem.acquire();
      const last = sem.acquire();
      sem.release();
      controller.abort();
      await expect(woken).rejects.toThrow(CancelledError);
      expect(await stateOf(next)).toBe('fulfilled');
      // One slot, one holder: the slot was passed on, not duplicated.
      expect(await stateOf(last)).toBe('pending');
      sem.release();
      expect(await stateOf(last)).toBe('fulfilled');
    });

    test('a waiter woken and then cancelled with nobody behind it puts the slot back', async () => {
      const sem = new Semaphore(2);
      await sem.acquire();
      await sem.acquire();
      const controller = new AbortController();
      const woken = sem.acquire({ signal: controller.signal });
      sem.release();
      controller.abort();
      await expect(woken).rejects.toThrow(CancelledError);
      expect(sem.locked()).toBe(false);
      await sem.acquire();
      expect(sem.locked()).toBe(true);
    });

    test('an already aborted signal rejects at once and does not take a free slot', async () => {
      // asyncio: a task cancelled before it runs never reaches acquire() (3.13.0: cancelled, not locked).
      const sem = new Semaphore(1);
      await expect(sem.acquire({ signal: AbortSignal.abort() })).rejects.toThrow(CancelledError);
      expect(sem.locked()).toBe(false);
    });

    test('cancelling tasks that wait for a slot lets every other task through (no hang, gh-90155)', async () => {
      const sem = new Semaphore(2);
      const { tasks, most } = crowd(sem, 6);
      await vt.runUntil(5);
      tasks[2]!.cancel();
      tasks[4]!.cancel();
      await vt.run(() => Promise.allSettled(tasks));
      expect(tasks.map((task) => task.cancelled())).toEqual([false, false, true, false, true, false]);
      expect(vt.trace.entries).toEqual([[0, '0 in'], [0, '1 in'], [10, '3 in'], [10, '5 in']]);
      expect(most()).toBe(2);
      expect(sem.locked()).toBe(false);
    });
  });

  describe('[semaphore.hold] hold()', () => {
    test('disposing twice gives back one slot, not two', async () => {
      const sem = new Semaphore(1);
      const held = await sem.hold();
      held[Symbol.dispose]();
      held[Symbol.dispose]();
      await sem.acquire();
      expect(sem.locked()).toBe(true);
    });

    test('the slot comes back when the body throws', async () => {
      const sem = new Semaphore(1);
      const body = async (): Promise<void> => {
        using _held = await sem.hold();
        throw new Error('body failed');
      };
      await expect(body()).rejects.toThrow('body failed');
      expect(sem.locked()).toBe(false);
    });
  });
});
