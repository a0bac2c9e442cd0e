import { offAbort, onAbort as whenAborted } from './abort-listeners';
import { CancelledError, cancelledBy } from './errors';
import { FAIL_WITH, Future } from './future';
import { describe, ensureFuture, isAwaitable, type Awaitable, type ResultOf } from './ensure-future';
import { signalOf, type SignalOption } from './signal';
import { Task } from './task';

export interface GatherOptions extends SignalOption {
  /** Put each failure in the results instead of rejecting with the first one. */
  returnExceptions?: boolean | null;
}

type Results<A extends readonly unknown[], Wrapped extends boolean> = {
  -readonly [K in keyof A]: Wrapped extends true ? ResultOf<A[K]> | Error : ResultOf<A[K]>;
};

/**
 * The Future gather returns, as asyncio's _GatheringFuture. Cancelling it cancels every child
 * that is still running; once they have all finished it fails with a CancelledError (it is
 * never cancelled() itself, as in CPython 3.12 and 3.13), whatever returnExceptions says.
 */
class GatheringFuture<T> extends Future<T> {
  #cancelError: CancelledError | undefined;
  constructor(private readonly children: readonly Future<unknown>[]) {
    super();
  }
  /** The CancelledError it ends with once its children have finished, if a cancellation was asked for. */
  get cancelError(): CancelledError | undefined {
    return this.#cancelError;
  }
  override cancel(msg?: string | null): boolean {
    return this.cancelWith(new CancelledError(msg === undefined || msg === null ? undefined : String(msg)), false);
  }
  /** `force`: end with `error` even if no child was left to cancel (the signal of whoever awaits it was aborted). */
  cancelWith(error: CancelledError, force: boolean): boolean {
    if (this.done()) return false;
    let any = false;
    for (const child of this.children) if (child.cancel(error.message)) any = true;
    if (any || force) this.#cancelError = error;
    return any;
  }
}

/**
 * asyncio.gather: the results of all awaitables, in the order they were given (not the
 * order they finished). The first failure fails it (a cancelled child's CancelledError
 * included: the gathering is not cancelled itself), and the others keep running; with
 * `returnExceptions` failures take their place among the results instead. An aborted
 * `signal` cancels it, as cancelling a task that awaits asyncio.gather does: the children
 * are cancelled and, once they have finished, it fails with the signal's CancelledError.
 */
export function gather<const A extends readonly Awaitable<unknown>[]>(
  awaitables: A,
  options?: (GatherOptions & { returnExceptions?: false | null }) | null,
): Future<Results<A, false>>;
export function gather<const A extends readonly Awaitable<unknown>[]>(
  awaitables: A,
  options: GatherOptions & { returnExceptions: true },
): Future<Results<A, true>>;
export function gather(awaitables: readonly Awaitable<unknown>[], options?: GatherOptions | null): Future<unknown[]> {
  if (!Array.isArray(awaitables)) throw new TypeError('gather(): expected an array of awaitables');
  const signal = signalOf('gather(awaitables, options)', options);
  const returnExceptions = Boolean(options?.returnExceptions);
  // Checked before any child starts, so a bad argument leaves no task behind.
  const bad = awaitables.findIndex((awaitable) => !isAwaitable(awaitable));
  if (bad >= 0) {
    throw new TypeError(`gather(): expected Futures, thenables or coroutine functions, got ${describe(awaitables[bad])} at index ${bad}`);
  }
  // The same awaitable given twice is waited on once, and its result appears twice.
  const children = awaitables.map((awaitable) => ensureFuture(awaitable));
  const outer = new GatheringFuture<unknown[]>(children);
  const unique = new Set(children);
  let remaining = unique.size;
  const onAbort = (): void => void outer.cancelWith(cancelledBy(signal!), true);
  const settle = (how: () => void): void => {
    if (signal) offAbort(signal, onAbort);
    how();
  };
  const onChildDone = (child: Future<unknown>): void => {
    remaining--;
    if (outer.done()) return;
    if (!returnExceptions) {
      if (child.cancelled()) {
        // Once the gathering itself was cancelled, it ends with that cancellation (the signal's, with its cause).
        settle(() => outer[FAIL_WITH](outer.cancelError ?? outcome(child)));
        return;
      }
      const error = child.exception();
      if (error !== undefined) {
        settle(() => outer[FAIL_WITH](error));
        return;
      }
    }
    if (remaining === 0) finish();
  };
  /** Every child is done: the results, or the gathering's own cancellation if one was asked for. */
  const finish = (): void => {
    const cancelError = outer.cancelError;
    settle(() => (cancelError ? outer[FAIL_WITH](cancelError) : outer.setResult(children.map(resultOf))));
  };
  for (const child of unique) child.addDoneCallback(onChildDone);
  if (signal?.aborted) onAbort();
  else if (signal) whenAborted(signal, onAbort);
  if (children.length === 0) finish();
  return outer;
}

/**
 * A child's place among the results: its value or its exception. A cancelled Task's is a new
 * CancelledError without a message, as CPython 3.12/3.13 build it from the task's cancel
 * message, which the task dropped when its coroutine ended cancelled; a cancelled Future's is its
 * own CancelledError (CPython: one with the Future's message).
 */
function resultOf(child: Future<unknown>): unknown {
  return child instanceof Task && child.cancelled() ? new CancelledError() : outcome(child);
}

/** A child's value, its exception or its CancelledError. */
function outcome(child: Future<unknown>): unknown {
  try {
    return child.exception() ?? child.result();
  } catch (error) {
    return error;
  }
}
