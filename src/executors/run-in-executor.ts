import { Future } from '../future';
import type { Executor } from './pool';

/**
 * loop.run_in_executor: runs `fn(...args)` in `executor` and returns a Future the event loop
 * awaits. As asyncio's wrapping future, it can be cancelled even while the call runs: the
 * caller stops waiting, the executor's own future is cancelled if the call is still queued,
 * and a call already running finishes in its worker with its result discarded.
 */
export function runInExecutor<A extends unknown[], R>(
  executor: Executor,
  fn: (...args: A) => R,
  ...args: A
): Future<Awaited<R>> {
  if (typeof executor?.submit !== 'function') {
    throw new TypeError('runInExecutor(executor, fn, ...args): executor must have a submit() method (a ThreadPoolExecutor or ProcessPoolExecutor)');
  }
  const inner = executor.submit(fn, ...args);
  const outer = new Future<Awaited<R>>();
  inner.addDoneCallback(() => {
    if (outer.done()) return;
    if (inner.cancelled()) {
      outer.cancel();
      return;
    }
    // result() rethrows whatever the worker threw, undefined and null included: a failure
    // whose value is undefined is still a failure, though exception() cannot tell it apart.
    let value: Awaited<R>;
    try {
      value = inner.result();
    } catch (error) {
      outer.setException(error);
      return;
    }
    outer.setResult(value);
  });
  outer.addDoneCallback(() => {
    if (outer.cancelled()) inner.cancel();
  });
  return outer;
}
