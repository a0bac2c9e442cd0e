import { cancelledBy } from '../errors';
import type { SignalOption } from '../sleep';
import { signalOf } from './signal';
import { RESOLVED_TRUE, WaiterQueue } from './waiter-queue';

/** asyncio.Event: a flag; `wait()` returns once it is set, and `set()` wakes every waiter. */
export class Event {
  #set = false;
  readonly #waiters = new WaiterQueue();

  isSet(): boolean {
    return this.#set;
  }

  /** Sets the flag and wakes every waiter, in the order they came. */
  set(): void {
    if (this.#set) return;
    this.#set = true;
    this.#waiters.wakeAll();
  }

  /** Resets the flag: later `wait()` calls block until the next `set()`. */
  clear(): void {
    this.#set = false;
  }

  /** Resolves `true` once the flag is set (at once if it is); rejects with CancelledError if `signal` aborts first. */
  wait(options?: SignalOption): Promise<true> {
    const signal = signalOf('Event.wait()', options);
    if (signal?.aborted) return Promise.reject(cancelledBy(signal));
    if (this.#set) return RESOLVED_TRUE;
    return this.#waiters.enqueue(signal);
  }
}
