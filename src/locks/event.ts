import { cancelledBy } from '../errors';
import type { SignalOption } from '../sleep';
import { signalOf } from './signal';
import { RESOLVED_TRUE, WaiterQueue } from './waiter-queue';
import { type PendingWake, wakeUp } from '../wake-ups';

/**
 * Waiters that came one after another without a signal: nothing can cancel them, so they share
 * one promise, and its wake-up (delivered in its turn among the pending ones, src/wake-ups.ts).
 */
class SharedRun implements PendingWake {
  nextWake: PendingWake | null = null;
  readonly promise: Promise<true>;
  readonly deliver: () => void;

  constructor() {
    let resolve!: (value: true) => void;
    this.promise = new Promise<true>((r) => (resolve = r));
    this.deliver = () => resolve(true);
  }
}

/**
 * asyncio.Event: a flag; `wait()` returns once it is set, and `set()` wakes every waiter, in
 * the order they came. Waiters are kept as runs in arrival order: consecutive waiters without
 * a signal share one promise (a broadcast to 100 000 of them resolves one promise), and waiters
 * with a signal sit in a waiter queue, so a cancelled one leaves at once.
 *
 * As in asyncio, where a woken task runs on a later turn of the loop, a waiter whose signal
 * aborts after `set()` woke it, before the wake-up was delivered (one microtask later,
 * src/wake-ups.ts), rejects with CancelledError; a shared run after it waits its turn, so
 * waiters still resume in the order they came.
 */
export class Event {
  #set = false;
  #runs: Array<SharedRun | WaiterQueue> = [];

  isSet(): boolean {
    return this.#set;
  }

  /** Sets the flag and wakes every waiter, in the order they came. Setting a set event finds no waiter. */
  set(): void {
    this.#set = true;
    const runs = this.#runs;
    this.#runs = [];
    for (const run of runs) {
      if (run instanceof WaiterQueue) run.wakeAll();
      else wakeUp(run, false);
    }
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
    const last = this.#runs.at(-1);
    if (signal === undefined) {
      if (last !== undefined && !(last instanceof WaiterQueue)) return last.promise;
      const run = new SharedRun();
      this.#runs.push(run);
      return run.promise;
    }
    if (last instanceof WaiterQueue) return last.enqueue(signal);
    const queue = new WaiterQueue();
    this.#runs.push(queue);
    return queue.enqueue(signal);
  }
}
