import { CancelledError, InvalidStateError, NullishFailureError } from './errors';
import { callExceptionHandler } from './exception-handler';
import { soon } from './soon';

type State = 'pending' | 'finished' | 'cancelled';
/** A done callback as stored: of a Future<T>, but typed apart from T so that Future stays covariant in T. */
type StoredCallback = (future: never) => void;

/** For the port's own modules: end a future cancelled with this very CancelledError. */
export const CANCEL_WITH: unique symbol = Symbol('cancelWith');
/** For the port's own modules: fail a future with any error, a CancelledError included (gather does). */
export const FAIL_WITH: unique symbol = Symbol('failWith');

/**
 * asyncio.Future: a result that will be set once, from outside. It is a thenable, so
 * `await future` works; `result()` and `exception()` read it without waiting and throw
 * InvalidStateError while it is pending. Done callbacks run asynchronously (a microtask
 * after completion), in the order they were added, as asyncio runs them with call_soon.
 *
 * A failure nobody looks at is reported, as asyncio logs "Future exception was never
 * retrieved": when the future fails with no done callback and no awaiter, and by the end of
 * that turn of the event loop (the next macrotask) nobody has awaited it, added a callback or
 * read `result()`/`exception()`, the exception handler gets it (see exception-handler.ts).
 */
export class Future<T = unknown> implements PromiseLike<T> {
  #state: State = 'pending';
  #result: T | undefined;
  /** The exception, or the CancelledError of a cancelled future (one instance, so every reader sees the same). */
  #exception: unknown;
  #callbacks: StoredCallback[] | undefined;
  /** The pending check that reports an unretrieved failure; cleared once someone retrieves it. */
  #unretrieved: { clear(): void } | undefined;

  done(): boolean {
    return this.#state !== 'pending';
  }

  cancelled(): boolean {
    return this.#state === 'cancelled';
  }

  /** The result; rethrows the exception, or the CancelledError; InvalidStateError while pending. */
  result(): T {
    if (this.#state === 'pending') throw new InvalidStateError('Result is not set.');
    this.#retrieved();
    // A cancelled future holds its CancelledError as its exception, so one test covers both.
    if (this.#exception !== undefined) throw this.#exception;
    return this.#result as T;
  }

  /** The exception (undefined after a result); the CancelledError if cancelled; InvalidStateError while pending. */
  exception(): unknown {
    if (this.#state === 'pending') throw new InvalidStateError('Exception is not set.');
    this.#retrieved();
    if (this.#state === 'cancelled') throw this.#exception;
    return this.#exception;
  }

  setResult(value: T): void {
    this.#assertPending('setResult');
    this.#result = value;
    this.#complete('finished');
  }

  /**
   * Fails the future. JavaScript may throw anything: a reason that is undefined or null is kept
   * as the `reason` of a NullishFailureError, so that `exception()` can tell the failure from a result.
   */
  setException(error: unknown): void {
    this.#assertPending('setException');
    if (error instanceof CancelledError) {
      throw new TypeError('setException(): a CancelledError cannot be set; use cancel()');
    }
    this[FAIL_WITH](error);
  }

  /** Cancels a pending future; returns false when it was already done. */
  cancel(msg?: string | null): boolean {
    return this[CANCEL_WITH](new CancelledError(msg === undefined || msg === null ? undefined : String(msg)));
  }

  [CANCEL_WITH](error: CancelledError): boolean {
    if (this.#state !== 'pending') return false;
    this.#exception = error;
    this.#complete('cancelled');
    return true;
  }

  [FAIL_WITH](error: unknown): void {
    this.#exception = error ?? new NullishFailureError(error as null | undefined);
    this.#complete('finished');
  }

  addDoneCallback(callback: (future: Future<T>) => void): void {
    if (typeof callback !== 'function') throw new TypeError('addDoneCallback(): callback must be a function');
    if (this.#state !== 'pending') {
      this.#retrieved();
      soon(() => this.#run(callback));
      return;
    }
    (this.#callbacks ??= []).push(callback);
  }

  /** Removes every registration of `callback`; returns how many were removed. */
  removeDoneCallback(callback: (future: Future<T>) => void): number {
    const callbacks = this.#callbacks;
    if (!callbacks) return 0;
    const kept = callbacks.filter((cb) => cb !== callback);
    this.#callbacks = kept;
    return callbacks.length - kept.length;
  }

  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return new Promise<T>((resolve, reject) => {
      this.addDoneCallback(() => {
        try {
          resolve(this.result());
        } catch (error) {
          reject(error);
        }
      });
    }).then(onFulfilled, onRejected);
  }

  /** What the report of an unretrieved failure calls this kind of future. */
  protected get kind(): string {
    return 'Future';
  }

  #assertPending(what: string): void {
    if (this.#state !== 'pending') throw new InvalidStateError(`${what}(): the future is already ${this.#state}`);
  }

  /** A done callback that throws is reported, as asyncio logs "Exception in callback", and the others still run. */
  #run(callback: (future: Future<T>) => void): void {
    try {
      callback(this);
    } catch (error) {
      callExceptionHandler({ message: 'Exception in callback', exception: error, future: this });
    }
  }

  #retrieved(): void {
    this.#unretrieved?.clear();
    this.#unretrieved = undefined;
  }

  #complete(state: State): void {
    this.#state = state;
    const callbacks = this.#callbacks;
    this.#callbacks = undefined;
    // One microtask per callback, as asyncio schedules each with call_soon.
    if (callbacks?.length) {
      for (const callback of callbacks) soon(() => this.#run(callback as (future: Future<T>) => void));
    } else if (state === 'finished' && this.#exception !== undefined) {
      this.#watchUnretrieved();
    }
  }

  #watchUnretrieved(): void {
    // Looked up at call time, so a virtual clock installed after this module loaded is used.
    const id = setImmediate(() => {
      this.#unretrieved = undefined;
      callExceptionHandler({ message: `${this.kind} exception was never retrieved`, exception: this.#exception, future: this });
    });
    this.#unretrieved = { clear: () => clearImmediate(id) };
  }
}
