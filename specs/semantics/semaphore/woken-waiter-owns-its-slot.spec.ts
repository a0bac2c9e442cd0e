/**
 * Contract rule (asyncio 3.13, Lib/asyncio/locks.py Semaphore): a release() that wakes a waiter
 * gives it a slot at once, so the woken waiter owns that slot before it runs. Until it has run,
 * the semaphore stays locked() even when later releases free more slots, and newcomers queue
 * behind it; when it runs it wakes as many queued waiters as there are free slots. 3.12.1
 * behaves the same on these scenarios (checked with both interpreters).
 */
import { createTask, Semaphore } from '@port';
import { flush } from '../promise-state';
import { useVirtualTime } from '../../support/virtual-time';

describe('[semaphore.no-barging] Semaphore: a woken waiter owns its slot before it runs', () => {
  const vt = useVirtualTime();

  // The two ways a waiter can wait: without a signal (nothing can take the wake-up back), and
  // with one (the wake-up can still be handed back until it runs).
  describe.each([
    ['without a signal', () => undefined],
    ['with a signal', () => ({ signal: new AbortController().signal })],
  ])('a waiter %s', (_, options) => {
    test('after release() woke it, a second release() frees a slot, yet locked() stays true and a newcomer queues behind it', async () => {
      const sem = new Semaphore(0);
      const woken = sem.acquire(options()).then(() => vt.trace.log('woken waiter'));
      await flush();
      sem.release();
      sem.release();
      // asyncio: _value is 1 here, and locked() is True because the woken waiter has not run.
      expect(sem.locked()).toBe(true);
      const newcomer = sem.acquire(options()).then(() => vt.trace.log('newcomer'));
      await Promise.all([woken, newcomer]);
      expect(vt.trace.labels()).toEqual(['woken waiter', 'newcomer']);
      expect(sem.locked()).toBe(true);
    });
  });

  test('CPython test_acquire_fifo_order_4: three releases wake one waiter; the task it starts runs after the tasks queued before it (order 1, 2, 3, 4)', async () => {
    // Acquires without a signal: a waiter with one resumes one microtask after it is woken
    // (so that it can still be cancelled), which puts it a step behind a task started in the
    // same turn; asyncio has one ready queue for both. The slot rules are the same either way
    // (the describe.each above checks both kinds of waiter).
    const sem = new Semaphore(0);
    const result: number[] = [];
    let t4: ReturnType<typeof createTask> | undefined;
    const t1 = createTask(async () => {
      await sem.acquire();
      t4 = createTask(async () => result.push(4));
      result.push(1);
    });
    const t2 = createTask(async () => {
      sem.release();
      sem.release();
      sem.release();
      // Locked, because the first task has not woken up yet.
      expect(sem.locked()).toBe(true);
      await sem.acquire();
      result.push(2);
    });
    const t3 = createTask(async () => {
      await sem.acquire();
      expect(sem.locked()).toBe(true);
      result.push(3);
    });
    await vt.run(() => Promise.all([t1, t2, t3]));
    await vt.run(() => t4!);
    expect(result).toEqual([1, 2, 3, 4]);
  });

  test('CPython test_acquire_fifo_order_2: a holder that releases and asks again runs after the waiters already woken (order 1, 2, 3, 4)', async () => {
    const sem = new Semaphore(1);
    const result: number[] = [];
    const t1 = createTask(async (signal) => {
      await sem.acquire({ signal });
      result.push(1);
    });
    const t2 = createTask(async (signal) => {
      await sem.acquire({ signal });
      result.push(2);
      sem.release();
      await sem.acquire({ signal });
      result.push(4);
    });
    const t3 = createTask(async (signal) => {
      await sem.acquire({ signal });
      result.push(3);
    });
    await vt.runUntil(0);
    sem.release();
    sem.release();
    await vt.run(() => Promise.all([t1, t2, t3]));
    expect(result).toEqual([1, 2, 3, 4]);
  });
});
