import { CancelledError } from './errors';
import { CANCEL_WITH, FAIL_WITH, Future } from './future';
import { Task, type Coroutine } from './task';

/** Anything the port can wait on: a Future (or Task), a thenable, or a coroutine function. */
export type Awaitable<T> = Future<T> | PromiseLike<T> | Coroutine<T>;

/** What an Awaitable resolves to. */
export type ResultOf<A> = A extends Future<infer T>
  ? T
  : A extends PromiseLike<infer T>
    ? T
    : A extends (signal: AbortSignal) => infer R
      ? Awaited<R>
      : never;

/**
 * asyncio.ensure_future: a Future passes through unchanged, a coroutine function becomes a
 * Task, and any other thenable is wrapped in a Future that settles with it (a rejection with a
 * CancelledError cancels it with that error, as a coroutine raising one cancels its Task).
 */
export function ensureFuture<A extends Awaitable<unknown>>(awaitable: A): Future<ResultOf<A>>;
export function ensureFuture(awaitable: Awaitable<unknown>): Future<unknown> {
  if (awaitable instanceof Future) return awaitable;
  if (typeof awaitable === 'function') return new Task(awaitable as Coroutine<unknown>);
  if (isThenable(awaitable)) {
    const future = new Future<unknown>();
    awaitable.then(
      (value) => {
        if (!future.done()) future.setResult(value);
      },
      (error: unknown) => {
        if (future.done()) return;
        if (error instanceof CancelledError) future[CANCEL_WITH](error);
        else future[FAIL_WITH](error);
      },
    );
    return future;
  }
  throw new TypeError(`ensureFuture(): expected a Future, a thenable or a coroutine function, got ${describe(awaitable)}`);
}

/** What ensureFuture accepts: a Future, a coroutine function or a thenable. */
export function isAwaitable(value: unknown): value is Awaitable<unknown> {
  return value instanceof Future || typeof value === 'function' || isThenable(value);
}

/** Has a callable `then`, as Promise.resolve() decides (a primitive's prototype counts too). */
function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}
