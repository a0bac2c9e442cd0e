import { CancelledError, TimeoutError } from './errors';
import { Future } from './future';
import { describe, ensureFuture, type Awaitable, type ResultOf } from './ensure-future';
import { Task } from './task';

export type ReturnWhen = 'ALL_COMPLETED' | 'FIRST_COMPLETED' | 'FIRST_EXCEPTION';

export interface WaitOptions {
  /** Milliseconds; when it runs out, wait returns what is done so far. It cancels nothing. */
  timeout?: number | null;
  returnWhen?: ReturnWhen;
}

export interface WaitResult<F extends Future<unknown>> {
  done: Set<F>;
  pending: Set<F>;
}

const RETURN_WHEN: readonly ReturnWhen[] = ['ALL_COMPLETED', 'FIRST_COMPLETED', 'FIRST_EXCEPTION'];

/**
 * asyncio.wait: waits on Futures (Tasks are Futures) until `returnWhen` holds or `timeout`
 * runs out, and resolves to the done and pending sets. Like asyncio 3.11+, it takes Futures
 * only (wrap a coroutine with createTask first, so you keep the Task you will find in the sets).
 */
export async function wait<F extends Future<unknown>>(
  futures: Iterable<F>,
  { timeout = null, returnWhen = 'ALL_COMPLETED' }: WaitOptions = {},
): Promise<WaitResult<F>> {
  const all = new Set(futures);
  if (all.size === 0) throw new TypeError('wait(): the set of futures is empty');
  for (const future of all) {
    if (!(future instanceof Future)) {
      throw new TypeError(`wait(): expected Futures or Tasks, got ${describe(future)}; wrap it with createTask()`);
    }
  }
  if (!RETURN_WHEN.includes(returnWhen)) {
    throw new TypeError(`wait(): returnWhen must be one of ${RETURN_WHEN.join(', ')}, got ${String(returnWhen)}`);
  }
  checkTimeout('wait', timeout);

  // Counted as futures finish, so waiting on n futures costs O(n), not O(n^2).
  let doneCount = 0;
  let satisfied = false;
  const note = (future: F): void => {
    doneCount++;
    if (
      doneCount === all.size ||
      returnWhen === 'FIRST_COMPLETED' ||
      (returnWhen === 'FIRST_EXCEPTION' && !future.cancelled() && future.exception() !== undefined)
    ) {
      satisfied = true;
    }
  };
  for (const future of all) if (future.done()) note(future);

  if (!satisfied && timeout !== 0) {
    await new Promise<void>((resolve) => {
      const timer = timeout === null ? undefined : setTimeout(finish, timeout);
      const callbacks = new Map<F, () => void>();
      function finish(): void {
        if (timer !== undefined) clearTimeout(timer);
        for (const [future, callback] of callbacks) future.removeDoneCallback(callback);
        resolve();
      }
      for (const future of all) {
        if (future.done()) continue;
        const callback = (): void => {
          callbacks.delete(future);
          note(future);
          if (satisfied) finish();
        };
        callbacks.set(future, callback);
        future.addDoneCallback(callback);
      }
    });
  }

  const done = new Set<F>();
  const pending = new Set<F>();
  for (const future of all) (future.done() ? done : pending).add(future);
  return { done, pending };
}

/**
 * asyncio.wait_for: the awaitable's result, or TimeoutError after `ms`. On time-out a Task
 * (a coroutine function becomes one) is cancelled and waited for, as asyncio waits for the
 * cancellation to finish, then TimeoutError is thrown. `ms` null waits without a limit.
 */
export async function waitFor<A extends Awaitable<unknown>>(awaitable: A, ms: number | null): Promise<ResultOf<A>> {
  checkTimeout('waitFor', ms);
  const future = ensureFuture(awaitable);
  if (ms === null) return future;
  if (!future.done()) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.max(0, ms));
      future.addDoneCallback(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  if (future.done()) return future.result();

  future.cancel();
  if (future instanceof Task) {
    await new Promise<void>((resolve) => future.addDoneCallback(() => resolve()));
    // The coroutine caught the cancellation and finished anyway: asyncio returns that result.
    if (!future.cancelled()) return future.result();
  }
  throw new TimeoutError(`waitFor(): timed out after ${ms} ms`, { cause: new CancelledError() });
}

function checkTimeout(what: string, ms: number | null): void {
  if (ms !== null && (typeof ms !== 'number' || Number.isNaN(ms))) {
    throw new TypeError(`${what}(): timeout must be a number of milliseconds or null, got ${String(ms)}`);
  }
}
