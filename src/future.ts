import { CancelledError, InvalidStateError } from './errors';

type State = 'pending' | 'finished' | 'cancelled';

/**
 * asyncio.Future: a result that will be set once, from outside. It is a thenable, so
 * `await future` works; `result()` and `exception()` read it without waiting and throw
 * InvalidStateError while it is pending. Done callbacks run asynchronously (a microtask
 * after completion), in the order they were added, as asyncio runs them with call_soon.
 */
export class Future<T = unknown> implements PromiseLike<T> {
  #state: State = 'pending';
  #result: T | undefined;
  #exception: unknown;
  #hasException = false;
  #cancelMessage: string | undefined;
  #callbacks: Array<() => void> | undefined;

  done(): boolean {
    return this.#state !== 'pending';
  }

  cancelled(): boolean {
    return this.#state === 'cancelled';
  }

  /** The result; rethrows the exception, or CancelledError; InvalidStateError while pending. */
  result(): T {
    if (this.#state === 'pending') throw new InvalidStateError('Result is not set.');
    if (this.#state === 'cancelled') throw this.#cancelledError();
    if (this.#hasException) throw this.#exception;
    return this.#result as T;
  }

  /** The exception (undefined after a result); CancelledError if cancelled; InvalidStateError while pending. */
  exception(): unknown {
    if (this.#state === 'pending') throw new InvalidStateError('Exception is not set.');
    if (this.#state === 'cancelled') throw this.#cancelledError();
    return this.#hasException ? this.#exception : undefined;
  }

  setResult(value: T): void {
    this.#assertPending('setResult');
    this.#result = value;
    this.#complete('finished');
  }

  setException(error: unknown): void {
    this.#assertPending('setException');
    if (error instanceof CancelledError) {
      // asyncio refuses this too: cancellation goes through cancel().
      throw new TypeError('setException(): a CancelledError cannot be set; use cancel()');
    }
    this.#exception = error;
    this.#hasException = true;
    this.#complete('finished');
  }

  /** Cancels a pending future; returns false when it was already done. */
  cancel(msg?: string): boolean {
    if (this.#state !== 'pending') return false;
    this.#cancelMessage = msg;
    this.#complete('cancelled');
    return true;
  }

  addDoneCallback(callback: (future: Future<T>) => void): void {
    if (typeof callback !== 'function') throw new TypeError('addDoneCallback(): callback must be a function');
    if (this.#state !== 'pending') {
      queueMicrotask(() => callback(this));
      return;
    }
    (this.#callbacks ??= []).push(Object.assign(() => callback(this), { original: callback }));
  }

  /** Removes every registration of `callback`; returns how many were removed. */
  removeDoneCallback(callback: (future: Future<T>) => void): number {
    const callbacks = this.#callbacks;
    if (!callbacks) return 0;
    const kept = callbacks.filter((cb) => (cb as { original?: unknown }).original !== callback);
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

  #cancelledError(): CancelledError {
    return new CancelledError(this.#cancelMessage ?? 'cancelled');
  }

  #assertPending(what: string): void {
    if (this.#state !== 'pending') throw new InvalidStateError(`${what}(): the future is already ${this.#state}`);
  }

  #complete(state: State): void {
    this.#state = state;
    const callbacks = this.#callbacks;
    this.#callbacks = undefined;
    // One microtask per callback: a callback that throws does not keep the others from running.
    if (callbacks) for (const callback of callbacks) queueMicrotask(callback);
  }
}
