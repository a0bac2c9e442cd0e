import { offAbort, onAbort } from '../abort-listeners';
import { cancelledBy } from '../errors';
import { soon } from '../soon';
import { type PendingWake, wakeLater, wakeUp } from '../wake-ups';

/** A waiter's life: queued, woken but not yet handed its wake-up (cancellable), then done or cancelled. */
const QUEUED = 0;
const WOKEN = 1;
const DONE = 2;
const CANCELLED = 3;

/** The promise every wait resolves to; shared when nothing has to wait, so no allocation. */
export const RESOLVED_TRUE: Promise<true> = Promise.resolve(true);

export interface WaiterQueueOptions {
  /**
   * What a waiter was given goes back through this when it is cancelled after its wake-up,
   * before the wake-up was delivered (asyncio's task cancelled after its future was set: the
   * lock or slot goes to the next waiter, bpo-27585, python/asyncio#270). Without it (Event,
   * Condition) such a waiter just rejects: the primitive passes nothing on, or does it itself
   * (Condition.wait). With it, woken waiters are counted until they resume (`handingOff`).
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
 * costs no extra closure, its own list node, so unlinking it is O(1), and, once woken, its own
 * pending wake-up (src/wake-ups.ts).
 */
class Waiter implements PendingWake {
  prev: Waiter | null = null;
  next: Waiter | null = null;
  nextWake: PendingWake | null = null;
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
   * call a listener removed during the dispatch. The waiter leaves the queue at once, and what
   * a woken one was given goes back at once; the rejection is delivered as a wake-up is, in
   * order (asyncio schedules the cancelled task's step as it schedules a woken one's): a woken
   * waiter keeps its place among the pending wake-ups, now to reject, as asyncio's woken task
   * cancelled before it ran still runs in its turn and sees CancelledError.
   */
  handleEvent(): void {
    const state = this.state;
    this.state = CANCELLED;
    if (state === QUEUED) {
      this.queue.unlink(this);
      wakeLater(this);
    } else {
      this.queue.cancelWoken();
    }
  }

  /** The wake-up, or the cancellation, delivered (src/wake-ups.ts). */
  deliver(): void {
    if (this.state === CANCELLED) {
      this.reject(cancelledBy(this.signal!));
      return;
    }
    this.state = DONE;
    if (this.signal !== undefined) offAbort(this.signal, this);
    this.queue.resolveWoken(this);
  }
}

function noop(): void {}

/**
 * The FIFO of waiters of one primitive: an intrusive doubly linked list, so enqueueing,
 * waking the first and removing a cancelled waiter are all O(1), whatever the length.
 * A cancelled waiter leaves the list at once, so every waiter in it is live.
 *
 * A wake-up of a waiter with a signal is delivered one microtask later (src/wake-ups.ts), as
 * asyncio's woken task only runs on a later turn of its loop: a signal that aborts in between
 * wins, the wait rejects with CancelledError, and `handBack` gets back what it was given.
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

  /** A woken waiter was cancelled before its wake-up was delivered (internal): what it was given goes back now. */
  cancelWoken(): void {
    if (this.#handBack === undefined) return;
    this.#woken--;
    this.#handBack();
  }

  /** Resolves a woken waiter (internal), counting it as handing off until it resumes. */
  resolveWoken(waiter: Waiter): void {
    // Queued right before the resolution, so it runs just before the awaiting code resumes.
    if (this.#handBack !== undefined) soon(this.#settle);
    waiter.resolve(true);
  }

  #wake(waiter: Waiter): void {
    waiter.state = WOKEN;
    if (this.#handBack !== undefined) this.#woken++;
    wakeUp(waiter, waiter.signal !== undefined);
  }
}
