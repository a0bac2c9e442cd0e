import { cancelledBy } from '../errors';

/** A waiter's life: queued, woken but not yet handed its wake-up (cancellable), done. */
const QUEUED = 0;
const WOKEN = 1;
const DONE = 2;

/** The promise every wait resolves to; shared when nothing has to wait, so no allocation. */
export const RESOLVED_TRUE: Promise<true> = Promise.resolve(true);

export interface WaiterQueueOptions {
  /**
   * Whether a wake-up can be handed back. When set, a waiter that has a signal is told of its
   * wake-up one microtask later; if its signal aborts in between (woken, then cancelled before
   * it could run, as asyncio's task cancelled after its future was set), it rejects and calls
   * `handBack`, so the lock or slot it was given goes to the next waiter (bpo-27585, gh-90155).
   * Without it (Event, Condition) a wake-up is final the moment it is given.
   */
  handBack?: () => void;
}

/**
 * One pending wait. It is its own abort listener (`handleEvent`), so a waiter with a signal
 * costs no extra closure, and it is its own list node, so unlinking it is O(1).
 */
class Waiter {
  prev: Waiter | null = null;
  next: Waiter | null = null;
  state = QUEUED;
  resolve: (value: true) => void = noop;
  reject: (error: unknown) => void = noop;

  constructor(
    readonly queue: WaiterQueue,
    readonly signal: AbortSignal | undefined,
  ) {}

  /**
   * The abort listener. It only runs for a waiter that is not done: it is registered `once`,
   * and every other way to done removes it (or had none to add), and an EventTarget does not
   * call a listener removed during the dispatch.
   */
  handleEvent(): void {
    const state = this.state;
    this.state = DONE;
    if (state === QUEUED) this.queue.unlink(this);
    else this.queue.handBack!();
    this.reject(cancelledBy(this.signal!));
  }

  /**
   * The deferred half of a wake-up. A waiter cancelled in between has been rejected and its
   * listener has fired: resolving it now changes nothing, so no check is needed.
   */
  finishWake(): void {
    this.state = DONE;
    this.signal!.removeEventListener('abort', this);
    this.resolve(true);
  }
}

function noop(): void {}

/**
 * The FIFO of waiters of one primitive: an intrusive doubly linked list, so enqueueing,
 * waking the first and removing a cancelled waiter are all O(1), whatever the length.
 * A cancelled waiter leaves the list at once, so every waiter in it is live.
 */
export class WaiterQueue {
  #head: Waiter | null = null;
  #tail: Waiter | null = null;
  readonly handBack: (() => void) | undefined;

  constructor({ handBack }: WaiterQueueOptions = {}) {
    this.handBack = handBack;
  }

  /**
   * Queues a waiter and returns its promise: it resolves `true` when woken, and rejects with
   * CancelledError when `signal` aborts first. The caller has checked that the signal is not
   * aborted yet.
   */
  enqueue(signal: AbortSignal | undefined): Promise<true> {
    const waiter = new Waiter(this, signal);
    const promise = new Promise<true>((resolve, reject) => {
      waiter.resolve = resolve;
      waiter.reject = reject;
    });
    const tail = this.#tail;
    waiter.prev = tail;
    if (tail === null) this.#head = waiter;
    else tail.next = waiter;
    this.#tail = waiter;
    if (signal !== undefined) signal.addEventListener('abort', waiter, { once: true });
    return promise;
  }

  /** Wakes the first waiter; false when there is none. */
  wakeFirst(): boolean {
    const waiter = this.#head;
    if (waiter === null) return false;
    this.unlink(waiter);
    this.#wake(waiter);
    return true;
  }

  /** Wakes every waiter, in the order they came. */
  wakeAll(): void {
    let waiter = this.#head;
    this.#head = this.#tail = null;
    while (waiter !== null) {
      const next = waiter.next;
      waiter.prev = waiter.next = null;
      this.#wake(waiter);
      waiter = next;
    }
  }

  /** Removes a queued waiter (internal: the waiter's own cancellation calls it). */
  unlink(waiter: Waiter): void {
    const { prev, next } = waiter;
    if (prev === null) this.#head = next;
    else prev.next = next;
    if (next === null) this.#tail = prev;
    else next.prev = prev;
    waiter.prev = waiter.next = null;
  }

  #wake(waiter: Waiter): void {
    const signal = waiter.signal;
    if (signal === undefined) {
      // Nothing can cancel it: the wake-up is final now.
      waiter.state = DONE;
      waiter.resolve(true);
    } else if (this.handBack === undefined) {
      waiter.state = DONE;
      signal.removeEventListener('abort', waiter);
      waiter.resolve(true);
    } else {
      waiter.state = WOKEN;
      queueMicrotask(() => waiter.finishWake());
    }
  }
}
