import { cancelledBy } from '../errors';
import type { SignalOption } from '../sleep';
import { hold } from './hold';
import { signalOf } from './signal';
import { RESOLVED_TRUE, WaiterQueue } from './waiter-queue';

let valueOf: (semaphore: Semaphore) => number;

/**
 * asyncio.Semaphore with 3.13's rules (gh-90155): a release wakes the first waiter and gives
 * it a slot at once, so the woken waiter owns its slot before it runs; while woken waiters
 * have not run yet, the semaphore stays locked() and newcomers queue behind them even when
 * slots are free, and each woken waiter, when it resumes, wakes as many queued ones as there
 * are free slots (test_acquire_fifo_order_4). A waiter woken and then cancelled before it
 * ran gives its slot to the next one.
 */
export class Semaphore {
  #value: number;
  readonly #waiters = new WaiterQueue({
    handBack: () => {
      this.#value++;
      this.#wakeWhileFree();
    },
    resumed: () => this.#wakeWhileFree(),
  });

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
   * True when `acquire()` would have to wait: no slot free, or someone waiting (queued, or
   * woken and not run yet), whom a newcomer may not pass.
   */
  locked(): boolean {
    // Queued waiters alone need no test (an `occupied` check was removed as dead code): with no
    // woken waiter pending, a queued waiter means no free slot, since release(), a resumption
    // and a cancelled woken waiter hand every free slot to the queue at once.
    return this.#value === 0 || this.#waiters.handingOff;
  }

  /** Resolves `true` once a slot is this caller's; rejects with CancelledError if `signal` aborts first. */
  acquire(options?: SignalOption): Promise<true> {
    const signal = signalOf('Semaphore.acquire()', options);
    if (signal?.aborted) return Promise.reject(cancelledBy(signal));
    if (!this.locked()) {
      this.#value--;
      return RESOLVED_TRUE;
    }
    return this.#waiters.enqueue(signal);
  }

  /** Gives a slot back and wakes the first queued waiter, if any, giving it that slot. */
  release(): void {
    this.#value++;
    if (this.#waiters.wakeFirst()) this.#value--;
  }

  /** `using _ = await semaphore.hold();` holds a slot until the end of the block. */
  hold(options?: SignalOption): Promise<Disposable> {
    return hold(this, options);
  }

  /** asyncio's loop at the end of acquire(): queued waiters get the slots that are free. */
  #wakeWhileFree(): void {
    while (this.#value > 0 && this.#waiters.wakeFirst()) this.#value--;
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
