import { offAbort, onAbort } from '../abort-listeners';
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
  /**
   * Called when a woken waiter resumes, i.e. just before the code awaiting it runs (a
   * microtask queued right before its promise resolves, so nothing runs in between). Only
   * with `handBack`. Until then the waiter is `handingOff`: asyncio's woken task that has not
   * run yet, which owns what it was given (a Lock cannot be released again, a Semaphore
   * stays locked()) without having used it.
   */
  resumed?: () => void;
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
    else this.queue.cancelWoken();
    this.reject(cancelledBy(this.signal!));
  }

  /**
   * The deferred half of a wake-up. A waiter cancelled in between has been rejected and its
   * listener has fired: resolving it now changes nothing, so no check is needed.
   */
  finishWake(): void {
    this.state = DONE;
    offAbort(this.signal!, this);
    this.queue.resolveWoken(this);
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
  /** Woken waiters that have not resumed yet (only counted with `handBack`). */
  #woken = 0;
  readonly #handBack: (() => void) | undefined;
  readonly #resumed: (() => void) | undefined;
  /** One function for every resumption: it only counts, so it needs no waiter of its own. */
  readonly #settle = (): void => {
    this.#woken--;
    this.#resumed?.();
  };

  constructor({ handBack, resumed }: WaiterQueueOptions = {}) {
    this.#handBack = handBack;
    this.#resumed = resumed;
  }

  /** True while a woken waiter has not resumed yet. */
  get handingOff(): boolean {
    return this.#woken > 0;
  }

  /** True while someone waits: queued, or woken and not resumed yet. */
  get occupied(): boolean {
    return this.#head !== null || this.#woken > 0;
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
    if (signal !== undefined) onAbort(signal, waiter);
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

  /** A woken waiter was cancelled before it resumed (internal): what it was given goes back. */
  cancelWoken(): void {
    this.#woken--;
    this.#handBack!();
  }

  /** Resolves a woken waiter (internal), counting it as handing off until it resumes. */
  resolveWoken(waiter: Waiter): void {
    queueMicrotask(this.#settle);
    waiter.resolve(true);
  }

  #wake(waiter: Waiter): void {
    const signal = waiter.signal;
    if (this.#handBack === undefined) {
      // Nothing can hand the wake-up back: it is final now.
      waiter.state = DONE;
      if (signal !== undefined) offAbort(signal, waiter);
      waiter.resolve(true);
      return;
    }
    this.#woken++;
    if (signal === undefined) {
      // Nothing can cancel it: resolved now, handing off until it resumes.
      waiter.state = DONE;
      this.resolveWoken(waiter);
    } else {
      waiter.state = WOKEN;
      queueMicrotask(() => waiter.finishWake());
    }
  }
}
