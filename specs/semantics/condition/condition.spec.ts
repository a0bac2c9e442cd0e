/**
 * asyncio.Condition: wait() gives the lock up while it sleeps and always takes it back before
 * it returns or throws (bpo-22970); notify(n) wakes n waiters, first come first; a waiter that
 * is cancelled after being notified passes the notification on (gh-112202).
 */
import { CancelledError, Condition, createTask, Event, Lock } from '@port';
import { flush, stateOf } from '../promise-state';
import { useVirtualTime } from '../../support/virtual-time';

describe('Condition', () => {
  const vt = useVirtualTime();

  /** A coroutine that waits on `cond` under its lock and logs when it is through. */
  async function waiter(cond: Condition, name: string, signal?: AbortSignal): Promise<void> {
    using _held = await cond.hold();
    await cond.wait({ signal });
    vt.trace.log(`${name} woke holding the lock: ${cond.locked()}`);
  }

  /** Holds the lock, runs `fn`, releases; like `async with cond: fn()`. */
  async function underLock(cond: Condition, fn: () => void): Promise<void> {
    using _held = await cond.hold();
    fn();
  }

  describe('the lock', () => {
    test('[condition.lock-required] wait() without holding the lock throws', async () => {
      const cond = new Condition();
      await expect(async () => cond.wait()).rejects.toThrow(Error);
      expect(cond.locked()).toBe(false);
    });

    test('[condition.lock-required] notify() and notifyAll() without holding the lock throw', () => {
      const cond = new Condition();
      expect(() => cond.notify()).toThrow(Error);
      expect(() => cond.notify(2)).toThrow(Error);
      expect(() => cond.notifyAll()).toThrow(Error);
    });

    test('[condition.wait-reacquires] wait() releases the lock while it waits and holds it again before it returns', async () => {
      const cond = new Condition();
      const waiting = waiter(cond, 'w');
      await flush();
      // Released while waiting: a notifier can get in.
      expect(cond.locked()).toBe(false);
      await cond.acquire();
      cond.notify();
      await flush();
      // Notified, but it cannot return until the notifier lets the lock go.
      expect(vt.trace.labels()).toEqual([]);
      cond.release();
      await waiting;
      expect(vt.trace.labels()).toEqual(['w woke holding the lock: true']);
      expect(cond.locked()).toBe(false);
    });

    test('[condition.wait-reacquires] a cancelled wait() takes the lock back before it throws CancelledError', async () => {
      const cond = new Condition();
      await cond.acquire();
      const controller = new AbortController();
      const waiting = cond.wait({ signal: controller.signal });
      await flush();
      await cond.acquire();
      controller.abort();
      // It must wait for the lock, which someone else holds, before it may throw.
      expect(await stateOf(waiting)).toBe('pending');
      cond.release();
      await expect(waiting).rejects.toThrow(CancelledError);
      expect(cond.locked()).toBe(true);
      cond.release();
    });

    test('[condition.wait-reacquires] a wait() cancelled after it was notified still takes the lock back before it throws (bpo-22970)', async () => {
      const cond = new Condition();
      await cond.acquire();
      const controller = new AbortController();
      const waiting = cond.wait({ signal: controller.signal });
      await flush();
      await cond.acquire();
      cond.notify();
      controller.abort();
      expect(await stateOf(waiting)).toBe('pending');
      cond.release();
      await expect(waiting).rejects.toThrow(CancelledError);
      expect(cond.locked()).toBe(true);
      cond.release();
      expect(cond.locked()).toBe(false);
    });

    test('[condition.shared-lock] a Condition built on a given Lock shares it', async () => {
      const lock = new Lock();
      const cond = new Condition(lock);
      await lock.acquire();
      expect(cond.locked()).toBe(true);
      cond.notify();
      cond.release();
      expect(lock.locked()).toBe(false);
      {
        using _held = await cond.hold();
        expect(lock.locked()).toBe(true);
      }
      expect(lock.locked()).toBe(false);
    });

    test('[extra] anything but a Lock is refused with a TypeError', () => {
      expect(() => new Condition({} as Lock)).toThrow(TypeError);
    });
  });

  describe('notify', () => {
    test('[condition.notify] notify(2) wakes exactly the first two waiters; the third sleeps on', async () => {
      const cond = new Condition();
      const waiters = ['a', 'b', 'c'].map((name) => waiter(cond, name));
      await flush();
      await underLock(cond, () => cond.notify(2));
      await flush();
      expect(vt.trace.labels()).toEqual(['a woke holding the lock: true', 'b woke holding the lock: true']);
      await underLock(cond, () => cond.notify());
      await Promise.all(waiters);
      expect(vt.trace.labels()).toHaveLength(3);
    });

    test('[condition.notify] notify() wakes one waiter, the longest waiting', async () => {
      const cond = new Condition();
      const waiters = ['a', 'b'].map((name) => waiter(cond, name));
      await flush();
      await underLock(cond, () => cond.notify());
      await flush();
      expect(vt.trace.labels()).toEqual(['a woke holding the lock: true']);
      await underLock(cond, () => cond.notify());
      await Promise.all(waiters);
    });

    test('[condition.notify] notify(n) with fewer than n waiters wakes all of them, and a later waiter is not pre-notified', async () => {
      const cond = new Condition();
      const waiters = ['a', 'b'].map((name) => waiter(cond, name));
      await flush();
      await underLock(cond, () => cond.notify(5));
      await Promise.all(waiters);
      const late = waiter(cond, 'late');
      await flush();
      expect(await stateOf(late)).toBe('pending');
      await underLock(cond, () => cond.notify());
      await late;
      expect(vt.trace.labels()).toEqual(['a woke holding the lock: true', 'b woke holding the lock: true', 'late woke holding the lock: true']);
    });

    test('[condition.notify] notifyAll() wakes every waiter, one holder at a time', async () => {
      const cond = new Condition();
      const waiters = ['a', 'b', 'c'].map((name) => waiter(cond, name));
      await flush();
      await underLock(cond, () => cond.notifyAll());
      await Promise.all(waiters);
      expect(vt.trace.labels()).toEqual(['a', 'b', 'c'].map((name) => `${name} woke holding the lock: true`));
    });

    test('[extra] a negative or fractional n is a RangeError, and an n that is not a number a TypeError', async () => {
      const cond = new Condition();
      await underLock(cond, () => {
        expect(() => cond.notify(-1)).toThrow(RangeError);
        expect(() => cond.notify(1.5)).toThrow(RangeError);
        expect(() => cond.notify('1' as never)).toThrow(TypeError);
      });
    });
  });

  describe('[condition.cancel] cancellation', () => {
    test('a waiter cancelled while waiting wakes the next one, a spurious wake-up (CPython 3.13; 3.12 woke nobody)', async () => {
      const cond = new Condition();
      const controller = new AbortController();
      const cancelled = waiter(cond, 'cancelled', controller.signal);
      const other = waiter(cond, 'other');
      const last = waiter(cond, 'last');
      await flush();
      controller.abort();
      await expect(cancelled).rejects.toThrow(CancelledError);
      // 3.13's wait() notifies one waiter on any error out of it, notified or not: exactly one.
      await other;
      expect(await stateOf(last)).toBe('pending');
      await underLock(cond, () => cond.notify());
      await last;
      expect(vt.trace.labels()).toEqual(['other woke holding the lock: true', 'last woke holding the lock: true']);
    });

    test('a waiter cancelled after notify() chose it passes the notification to the next (gh-112202)', async () => {
      const cond = new Condition();
      const controller = new AbortController();
      const chosen = waiter(cond, 'chosen', controller.signal);
      const next = waiter(cond, 'next');
      await flush();
      await underLock(cond, () => {
        cond.notify(1);
        controller.abort();
      });
      await expect(chosen).rejects.toThrow(CancelledError);
      await next;
      expect(vt.trace.labels()).toEqual(['next woke holding the lock: true']);
      expect(cond.locked()).toBe(false);
    });

    // CPython 3.13's wait() takes the lock back in a loop that catches CancelledError: cancelled
    // there, the task leaves the lock's queue (Lock.acquire passes a lock handed to it on) and
    // asks again at the end of the queue (checked on 3.13.0: both cases give 'other has the
    // lock' before 'w CancelledError, holds lock=True').
    describe('cancelled while it takes the lock back, it leaves the lock\'s queue and asks again at its end', () => {
      /** Waits on `cond` under its lock; logs what wait() threw and whether it held the lock then. */
      async function cancellable(cond: Condition, signal: AbortSignal): Promise<void> {
        using _held = await cond.hold();
        try {
          await cond.wait({ signal });
        } catch (error) {
          vt.trace.log(`w ${(error as Error).name} holding the lock: ${cond.locked()}`);
        }
      }

      /** w is notified and waits for the lock, which the caller holds; `other` asks for it after w. */
      async function notifiedThenOther(cond: Condition, signal: AbortSignal): Promise<{ both: Promise<unknown> }> {
        const w = cancellable(cond, signal);
        await flush();
        await cond.acquire();
        cond.notify();
        await flush();
        const other = underLock(cond, () => vt.trace.log('other has the lock'));
        await flush();
        return { both: Promise.all([w, other]) };
      }

      test('queued for the lock: a lock waiter that came after it goes first', async () => {
        const cond = new Condition();
        const controller = new AbortController();
        const { both } = await notifiedThenOther(cond, controller.signal);
        controller.abort();
        await flush();
        cond.release();
        await both;
        expect(vt.trace.labels()).toEqual(['other has the lock', 'w CancelledError holding the lock: true']);
        expect(cond.locked()).toBe(false);
      });

      test('handed the lock and not resumed yet: the lock goes to the next lock waiter', async () => {
        const cond = new Condition();
        const controller = new AbortController();
        const { both } = await notifiedThenOther(cond, controller.signal);
        cond.release();
        controller.abort();
        await both;
        expect(vt.trace.labels()).toEqual(['other has the lock', 'w CancelledError holding the lock: true']);
        expect(cond.locked()).toBe(false);
      });
    });

    // asyncio: the cancelled task's step is scheduled before the one the Event wakes, and its
    // wait() takes the free lock back without yielding (checked on 3.13.0 and 3.12.1: 'a' has
    // the lock back and releases it before 'b' gets it).
    test('cancelled in the same turn as another task is woken, it takes the lock back before that task can ask for it', async () => {
      const cond = new Condition();
      const event = new Event();
      const a = createTask(async (signal) => {
        using _held = await cond.hold();
        try {
          await cond.wait({ signal });
        } catch (error) {
          vt.trace.log(`a ${(error as Error).name} holding the lock: ${cond.locked()}`);
          throw error;
        }
      });
      const b = createTask(async (signal) => {
        await event.wait({ signal });
        using _held = await cond.hold({ signal });
        vt.trace.log('b has the lock');
      });
      await vt.runUntil(0);
      a.cancel();
      event.set();
      await vt.run(() => Promise.allSettled([a, b]));
      expect(a.cancelled()).toBe(true);
      expect(vt.trace.labels()).toEqual(['a CancelledError holding the lock: true', 'b has the lock']);
      expect(cond.locked()).toBe(false);
    });

    test('cancelling a task that waits on the condition leaves the lock to the others', async () => {
      const cond = new Condition();
      const tasks = ['a', 'b'].map((name) => createTask((signal) => waiter(cond, name, signal)));
      await flush();
      tasks[0]!.cancel();
      await underLock(cond, () => cond.notify());
      await vt.run(() => Promise.allSettled(tasks));
      expect(tasks[0]!.cancelled()).toBe(true);
      expect(vt.trace.labels()).toEqual(['b woke holding the lock: true']);
      expect(cond.locked()).toBe(false);
    });
  });

  describe('waitFor(predicate)', () => {
    test('[condition.wait-for] returns at once when the predicate already holds, with its value', async () => {
      const cond = new Condition();
      await cond.acquire();
      await expect(cond.waitFor(() => 'ready')).resolves.toBe('ready');
      cond.release();
    });

    test('[condition.wait-for] re-checks the predicate after every wake-up and returns once it holds', async () => {
      const cond = new Condition();
      let value = 0;
      const checks: number[] = [];
      const waiting = (async () => {
        using _held = await cond.hold();
        return await cond.waitFor(() => {
          checks.push(value);
          return value >= 3 && value;
        });
      })();
      for (let i = 1; i <= 3; i++) {
        await flush();
        await underLock(cond, () => {
          value = i;
          cond.notifyAll();
        });
      }
      await expect(waiting).resolves.toBe(3);
      expect(checks).toEqual([0, 1, 2, 3]);
      expect(cond.locked()).toBe(false);
    });

    test('[extra] a predicate that is not a function is a TypeError', async () => {
      const cond = new Condition();
      await expect(async () => cond.waitFor('ready' as never)).rejects.toThrow(TypeError);
    });
  });
});
