import { cancelledBy } from '../errors';
import type { SignalOption } from '../sleep';
import { LockNotAcquiredError } from './errors';
import { hold } from './hold';
import { signalOf } from './signal';
import { RESOLVED_TRUE, WaiterQueue } from './waiter-queue';

let heldBy: (lock: Lock) => boolean;

/** Whether `lock` is held by a holder that runs: locked, and not handed to a waiter that has not resumed yet. */
export function isHeld(lock: Lock): boolean {
  return heldBy(lock);
}

/**
 * asyncio.Lock. Waiters are served first come, first served, and a release hands the lock
 * straight to the first waiter, so nobody arriving later can barge past the queue. Until that
 * waiter resumes, `locked()` is false, as in asyncio (which marks the lock unlocked until the
 * woken task runs), yet a newcomer still queues behind it and a second `release()` throws.
 */
export class Lock {
  #locked = false;
  readonly #waiters = new WaiterQueue({ handBack: () => this.#passOn() });

  static {
    heldBy = (lock) => lock.#locked && !lock.#waiters.handingOff;
  }

  /** True while a holder that runs holds the lock; false while it is handed to a woken waiter (asyncio 3.12/3.13). */
  locked(): boolean {
    return heldBy(this);
  }

  /** Resolves `true` once the lock is this caller's; rejects with CancelledError if `signal` aborts first. */
  acquire(options?: SignalOption): Promise<true> {
    const signal = signalOf('Lock.acquire()', options);
    if (signal?.aborted) return Promise.reject(cancelledBy(signal));
    if (!this.#locked) {
      this.#locked = true;
      return RESOLVED_TRUE;
    }
    return this.#waiters.enqueue(signal);
  }

  /**
   * Releases the lock, handing it to the first waiter if there is one. Throws when nobody holds
   * it, including while it is handed to a waiter that has not resumed yet: that waiter is its
   * holder, and a second release would let two holders in (asyncio: the lock is unlocked until
   * the woken task runs, so release() raises "Lock is not acquired").
   */
  release(): void {
    if (!heldBy(this)) throw new LockNotAcquiredError('Lock.release(): the lock is not acquired');
    this.#passOn();
  }

  /** `using _ = await lock.hold();` holds the lock until the end of the block. */
  hold(options?: SignalOption): Promise<Disposable> {
    return hold(this, options);
  }

  #passOn(): void {
    if (!this.#waiters.wakeFirst()) this.#locked = false;
  }
}
