/**
 * Contract rule (asyncio 3.12 and 3.13 alike): release() hands the lock to the first waiter,
 * and from then on that waiter is the holder, even before it has run. A second release()
 * before it runs throws LockNotAcquiredError, as releasing an unlocked lock does (asyncio
 * marks the lock unlocked until the woken task runs and raises RuntimeError "Lock is not
 * acquired"); it must never let a second holder in. A Condition's lock is the same Lock, and
 * notify()/wait() then throw too ("cannot notify on un-acquired lock").
 */
import { Condition, Lock, LockNotAcquiredError } from '@port';
import { flush, stateOf } from '../promise-state';
import { useVirtualTime } from '../../support/virtual-time';

type Holdable = Lock | Condition;

describe.each([
  ['Lock', (): Holdable => new Lock()],
  ["a Condition's lock", (): Holdable => new Condition()],
])('[lock.double-release] %s: release() during a hand-off', (_, make) => {
  useVirtualTime();

  describe.each([
    ['without a signal', () => undefined],
    ['with a signal', () => ({ signal: new AbortController().signal })],
  ])('to a waiter %s', (__, options) => {
    test('a second release() before the woken waiter runs throws LockNotAcquiredError and lets nobody else in', async () => {
      const lock = make();
      await lock.acquire();
      const woken = lock.acquire(options());
      const next = lock.acquire(options());
      await flush();
      lock.release();
      expect(() => lock.release()).toThrow(LockNotAcquiredError);
      expect(await stateOf(woken)).toBe('fulfilled');
      // One holder: the next waiter still waits.
      expect(await stateOf(next)).toBe('pending');
      expect(lock.locked()).toBe(true);
      lock.release();
      expect(await stateOf(next)).toBe('fulfilled');
      lock.release();
      expect(lock.locked()).toBe(false);
    });

    test('once the woken waiter has resumed, it releases normally', async () => {
      const lock = make();
      await lock.acquire();
      const woken = lock.acquire(options()).then(() => lock.release());
      lock.release();
      await woken;
      expect(lock.locked()).toBe(false);
    });
  });
});

describe('[lock.double-release] Condition: notify() and wait() while its lock is handed to a waiter that has not run', () => {
  useVirtualTime();

  test('throw LockNotAcquiredError, as asyncio\'s "cannot notify/wait on un-acquired lock"', async () => {
    const cond = new Condition();
    await cond.acquire();
    const woken = cond.acquire();
    cond.release();
    expect(() => cond.notify()).toThrow(LockNotAcquiredError);
    expect(() => cond.notifyAll()).toThrow(LockNotAcquiredError);
    expect(() => cond.wait()).toThrow(LockNotAcquiredError);
    await woken;
    expect(() => cond.notify()).not.toThrow();
    cond.release();
  });
});
