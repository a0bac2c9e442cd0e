import { cancelledBy } from '../errors';
import type { SignalOption } from '../sleep';
import { signalOf } from './signal';
import { RESOLVED_TRUE, WaiterQueue } from './waiter-queue';

/** Waiters that came one after another without a signal: nothing can cancel them, so they share one promise. */
interface SharedRun {
  readonly promise: Promise<true>;
  resolve(value: true): void;
}

function sharedRun(): SharedRun {
  let resolve!: (value: true) => void;
  const promise = new Promise<true>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * asyncio.Event: a flag; `wait()` returns once it is set, and `set()` wakes every waiter, in
 * the order they came. Waiters are kept as runs in arrival order: consecutive waiters without
 * a signal share one promise (a broadcast to 100 000 of them resolves one promise), and waiters
 * with a signal sit in a waiter queue, so a cancelled one leaves at once.
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
      else run.resolve(true);
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
      const run = sharedRun();
      this.#runs.push(run);
      return run.promise;
    }
    if (last instanceof WaiterQueue) return last.enqueue(signal);
    const queue = new WaiterQueue();
    this.#runs.push(queue);
    return queue.enqueue(signal);
  }
}
