import { cancelledBy } from '../errors';
import type { SignalOption } from '../sleep';
import { LockNotAcquiredError } from './errors';
import { isHeld, Lock } from './lock';
import { signalOf } from './signal';
import { WaiterQueue } from './waiter-queue';

/**
 * asyncio.Condition: waiters sleep until notified, a counted few at a time. Its lock is a Lock
 * of its own unless one is given, and then the two share it: holding either holds both.
 */
export class Condition {
  readonly #lock: Lock;
  readonly #waiters = new WaiterQueue();

  /** `lock` null is asyncio's Condition(None): a lock of its own. */
  constructor(lock?: Lock | null) {
    if (lock !== undefined && lock !== null && !(lock instanceof Lock)) {
      throw new TypeError('Condition(lock): lock must be a Lock');
    }
    this.#lock = lock ?? new Lock();
  }

  locked(): boolean {
    return this.#lock.locked();
  }

  acquire(options?: SignalOption): Promise<true> {
    return this.#lock.acquire(options);
  }

  release(): void {
    this.#lock.release();
  }

  /** `using _ = await cond.hold();` holds the condition's lock until the end of the block. */
  hold(options?: SignalOption): Promise<Disposable> {
    return this.#lock.hold(options);
  }

  /**
   * Releases the lock, waits to be notified, then takes the lock back before it returns. The
   * lock is taken back even when `signal` aborts (bpo-22970): the caller's `using` block still
   * owns it and will release it. Throws at once if the lock is not held.
   */
  wait(options?: SignalOption): Promise<true> {
    const signal = signalOf('Condition.wait()', options);
    if (!isHeld(this.#lock)) throw new LockNotAcquiredError('Condition.wait(): the lock is not acquired');
    if (signal?.aborted) return Promise.reject(cancelledBy(signal));
    return this.#wait(signal);
  }

  async #wait(signal: AbortSignal | undefined): Promise<true> {
    this.#lock.release();
    let failed = false;
    let failure: unknown;
    try {
      await this.#waiters.enqueue(signal);
    } catch (error) {
      failed = true;
      failure = error;
    }
    // The lock is taken back whatever happens: wait() must never return without it. As in
    // CPython, a cancellation that comes while waiting for it (queued, or handed the lock and
    // not resumed yet) leaves the lock's queue, passing the lock on, and queues again at the
    // tail, this time for good (the port's signal stays aborted; asyncio's task is cancelled once).
    for (;;) {
      try {
        await this.#lock.acquire(failed ? undefined : { signal });
        break;
      } catch (error) {
        failed = true;
        failure = error;
      }
    }
    if (!failed) return true;
    // CPython 3.13: any error out of wait() notifies the next waiter, so a notification that
    // chose this one is never lost with it (gh-112202); when none had, it is a spurious wake-up,
    // which the protocol allows (3.12 woke the next one only after a notify).
    this.#waiters.wakeFirst();
    throw failure;
  }

  /**
   * Waits until `predicate()` is truthy, checking it first and again after every wake-up,
   * and returns its last value.
   */
  async waitFor<T>(predicate: () => T, options?: SignalOption): Promise<T> {
    if (typeof predicate !== 'function') throw new TypeError('Condition.waitFor(predicate): predicate must be a function');
    // Checked before the predicate, which may already hold: a wrong option is wrong either way.
    signalOf('Condition.waitFor()', options);
    let result = predicate();
    while (!result) {
      await this.wait(options);
      result = predicate();
    }
    return result;
  }

  /** Wakes up to `n` waiters (default one), first come first. Throws if the lock is not held. */
  notify(n = 1): void {
    if (!isHeld(this.#lock)) throw new LockNotAcquiredError('Condition.notify(): the lock is not acquired');
    if (typeof n !== 'number') throw new TypeError(`Condition.notify(n): n must be a number, got ${typeof n}`);
    if (!(n >= 0) || (!Number.isInteger(n) && n !== Infinity)) {
      throw new RangeError(`Condition.notify(n): n must be an integer >= 0, got ${n}`);
    }
    for (let woken = 0; woken < n && this.#waiters.wakeFirst(); woken++);
  }

  /** Wakes every waiter. Throws if the lock is not held. */
  notifyAll(): void {
    if (!isHeld(this.#lock)) throw new LockNotAcquiredError('Condition.notifyAll(): the lock is not acquired');
    this.#waiters.wakeAll();
  }
}
