import { Future } from './future';
import { ensureFuture, type Awaitable, type ResultOf } from './ensure-future';

export interface GatherOptions {
  /** Put each failure in the results instead of rejecting with the first one. */
  returnExceptions?: boolean;
}

type Results<A extends readonly unknown[], Wrapped extends boolean> = {
  -readonly [K in keyof A]: Wrapped extends true ? ResultOf<A[K]> | Error : ResultOf<A[K]>;
};

/**
 * The Future gather returns. Cancelling it cancels every child that is still running, and
 * it ends cancelled once they have all finished, as asyncio's _GatheringFuture does.
 */
class GatheringFuture<T> extends Future<T> {
  #cancelRequested = false;
  constructor(private readonly children: readonly Future<unknown>[]) {
    super();
  }
  get cancelRequested(): boolean {
    return this.#cancelRequested;
  }
  override cancel(msg?: string): boolean {
    if (this.done()) return false;
    let any = false;
    for (const child of this.children) if (child.cancel(msg)) any = true;
    if (any) this.#cancelRequested = true;
    return any;
  }
  finishCancelled(): void {
    super.cancel();
  }
}

/**
 * asyncio.gather: the results of all awaitables, in the order they were given (not the
 * order they finished). The first failure rejects it, and the others keep running; with
 * `returnExceptions` failures take their place among the results instead.
 */
export function gather<const A extends readonly Awaitable<unknown>[]>(
  awaitables: A,
  options?: GatherOptions & { returnExceptions?: false },
): Future<Results<A, false>>;
export function gather<const A extends readonly Awaitable<unknown>[]>(
  awaitables: A,
  options: GatherOptions & { returnExceptions: true },
): Future<Results<A, true>>;
export function gather(
  awaitables: readonly Awaitable<unknown>[],
  { returnExceptions = false }: GatherOptions = {},
): Future<unknown[]> {
  if (!Array.isArray(awaitables)) throw new TypeError('gather(): expected an array of awaitables');
  // The same awaitable given twice is waited on once, and its result appears twice.
  const children = awaitables.map((awaitable) => ensureFuture(awaitable));
  const outer = new GatheringFuture<unknown[]>(children);
  if (children.length === 0) {
    outer.setResult([]);
    return outer;
  }
  const unique = new Set(children);
  let remaining = unique.size;
  const onChildDone = (child: Future<unknown>): void => {
    remaining--;
    if (outer.done()) return;
    if (!returnExceptions) {
      if (child.cancelled()) {
        outer.finishCancelled();
        return;
      }
      const error = child.exception();
      if (error !== undefined) {
        outer.setException(error);
        return;
      }
    }
    if (remaining > 0) return;
    if (outer.cancelRequested) {
      outer.finishCancelled();
      return;
    }
    outer.setResult(children.map(outcome));
  };
  for (const child of unique) child.addDoneCallback(onChildDone);
  return outer;
}

function outcome(child: Future<unknown>): unknown {
  if (child.cancelled()) {
    try {
      child.result();
    } catch (error) {
      return error;
    }
  }
  return child.exception() ?? child.result();
}
