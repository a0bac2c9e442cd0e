import { cancelledBy } from '../errors';
import type { SignalOption } from '../sleep';
import { hold } from './hold';
import { signalOf } from './signal';
import { RESOLVED_TRUE, WaiterQueue } from './waiter-queue';

let valueOf: (semaphore: Semaphore) => number;

/**
 * asyncio.Semaphore with 3.12's rules (gh-90155): a release hands its slot straight to the
 * first waiter, so the counter never rises while anyone waits and nobody barges past the
 * queue; a waiter woken and then cancelled before it ran gives the slot to the next one.
 */
export class Semaphore {
  #value: number;
  readonly #waiters = new WaiterQueue({ handBack: () => this.#passOn() });

  static {
    valueOf = (semaphore) => semaphore.#value;
  }

  constructor(value = 1) {
    if (!Number.isInteger(value)) {
      throw new TypeError(`${new.target.name}(value): value must be an integer, got ${String(value)}`);
    }
    if (value < 0) throw new RangeError(`${new.target.name}(value): the initial value must be >= 0, got ${value}`);
    this.#value = value;
  }

  /**
   * True when `acquire()` would have to wait. A free slot and a queued waiter never coexist
   * (a release hands its slot to the first waiter instead of counting it, and nobody queues
   * while a slot is free), so no slot free is the whole test, here and in acquire().
   */
  locked(): boolean {
    return this.#value === 0;
  }

  /** Resolves `true` once a slot is this caller's; rejects with CancelledError if `signal` aborts first. */
  acquire(options?: SignalOption): Promise<true> {
    const signal = signalOf('Semaphore.acquire()', options);
    if (signal?.aborted) return Promise.reject(cancelledBy(signal));
    if (this.#value > 0) {
      this.#value--;
      return RESOLVED_TRUE;
    }
    return this.#waiters.enqueue(signal);
  }

  /** Gives a slot back: to the first waiter if there is one, otherwise to the counter. */
  release(): void {
    this.#passOn();
  }

  /** `using _ = await semaphore.hold();` holds a slot until the end of the block. */
  hold(options?: SignalOption): Promise<Disposable> {
    return hold(this, options);
  }

  #passOn(): void {
    if (!this.#waiters.wakeFirst()) this.#value++;
  }
}

/** asyncio.BoundedSemaphore: releasing more than was acquired throws and changes nothing. */
export class BoundedSemaphore extends Semaphore {
  readonly #bound: number;

  constructor(value = 1) {
    super(value);
    this.#bound = value;
  }

  override release(): void {
    if (valueOf(this) >= this.#bound) {
      throw new RangeError(`BoundedSemaphore.release(): released more times than acquired (initial value ${this.#bound})`);
    }
    super.release();
  }
}
