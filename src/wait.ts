import { offAbort, onAbort as whenAborted } from './abort-listeners';
import { cancelledBy, TimeoutError } from './errors';
import { Future } from './future';
import { describe, ensureFuture, type Awaitable, type ResultOf } from './ensure-future';
import { signalOf, type SignalOption } from './signal';
import { checkDelay, setLongTimeout, type Timer } from './timer';

export type ReturnWhen = 'ALL_COMPLETED' | 'FIRST_COMPLETED' | 'FIRST_EXCEPTION';

export interface WaitOptions extends SignalOption {
  /**
   * Milliseconds; when it runs out, wait returns what is done so far. It cancels nothing.
   * null or absent: no limit; 0 or less: already out (asyncio's wait(timeout=0)).
   */
  timeout?: number | null;
  returnWhen?: ReturnWhen | null;
}

export interface WaitResult<F extends Future<unknown>> {
  done: Set<F>;
  pending: Set<F>;
}

const RETURN_WHEN: readonly ReturnWhen[] = ['ALL_COMPLETED', 'FIRST_COMPLETED', 'FIRST_EXCEPTION'];
const NO_TIMER: Timer = { clear() {} };

/**
 * asyncio.wait: waits on Futures (Tasks are Futures) until `returnWhen` holds or `timeout`
 * runs out, and resolves to the done and pending sets. Like asyncio 3.11+, it takes Futures
 * only (wrap a coroutine with createTask first, so you keep the Task you will find in the sets).
 * An aborted `signal` rejects it with CancelledError and leaves the futures running, as
 * cancelling a task that awaits asyncio.wait does.
 */
export async function wait<F extends Future<unknown>>(futures: Iterable<F>, options?: WaitOptions | null): Promise<WaitResult<F>> {
  const signal = signalOf('wait(futures, options)', options);
  const timeout = options?.timeout ?? null;
  const returnWhen = options?.returnWhen ?? 'ALL_COMPLETED';
  if (typeof (futures as Partial<Iterable<F>> | null | undefined)?.[Symbol.iterator] !== 'function') {
    throw new TypeError(`wait(futures): futures must be an iterable of Futures, got ${describe(futures)}`);
  }
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
  if (timeout !== null) checkDelay('wait(): timeout', timeout);
  if (signal?.aborted) throw cancelledBy(signal);

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

  if (!satisfied) {
    // Resolved however the wait ends; an abort is told apart below, by the signal.
    await new Promise<void>((resolve) => {
      // A time-out of 0 or less is already due, yet asyncio still waits one turn of its loop for it
      // (its timer runs after the callbacks already queued): the same instant, like sleep(0).
      const timer = timeout === null ? NO_TIMER : timeout <= 0 ? nextTurn(finish) : setLongTimeout(finish, timeout);
      function finish(): void {
        timer.clear();
        if (signal) offAbort(signal, finish);
        for (const future of all) future.removeDoneCallback(onDone);
        resolve();
      }
      // One callback for every future, as asyncio's wait() registers: it is called with the future.
      function onDone(future: Future<unknown>): void {
        note(future as F);
        if (satisfied) finish();
      }
      if (signal) whenAborted(signal, finish);
      for (const future of all) if (!future.done()) future.addDoneCallback(onDone);
    });
  }

  // Aborted, or woken (a future done, the timeout) and cancelled before it resumed, as by another
  // timer of the same instant: asyncio's task sees CancelledError at `await waiter`.
  if (signal?.aborted) throw cancelledBy(signal);
  const done = new Set<F>();
  const pending = new Set<F>();
  for (const future of all) (future.done() ? done : pending).add(future);
  return { done, pending };
}

/**
 * asyncio.wait_for: the awaitable's result, or TimeoutError after `ms`. On time-out the
 * awaitable is cancelled and waited for, as asyncio waits for the cancellation to finish, then
 * TimeoutError is thrown (with the awaitable's CancelledError as cause). `ms` null or absent
 * waits without a limit; 0 or less cancels a pending awaitable at once (a coroutine function
 * given never starts) and a done one gives its result. An aborted `signal` cancels the
 * awaitable too, waits for it, and rejects with CancelledError, as cancelling a task that
 * awaits asyncio.wait_for does. Whatever the awaitable ends with while being cancelled, other
 * than its CancelledError (an error, or a value when it swallowed the cancellation), is the outcome.
 */
export async function waitFor<A extends Awaitable<unknown>>(
  awaitable: A,
  ms?: number | null,
  options?: SignalOption | null,
): Promise<ResultOf<A>> {
  const limit = ms ?? null;
  if (limit !== null) checkDelay('waitFor(aw, ms): ms', limit);
  const signal = signalOf('waitFor(aw, ms, options)', options);
  const future = ensureFuture(awaitable);

  // No initial value: every branch below sets it.
  let outcome: 'done' | 'timeout' | 'cancelled';
  if (signal?.aborted) outcome = 'cancelled';
  else if (future.done()) outcome = 'done';
  else if (limit !== null && limit <= 0) outcome = 'timeout';
  else {
    outcome = await new Promise((resolve) => {
      // Cancelled at once, inside the timer's (or the abort's) own callback, as asyncio's
      // timeout cancels the task it guards: work due at the same instant no longer completes.
      // An aborted signal passes its cancel message on, as asyncio's Task.cancel(msg) cancels
      // the awaited future with it (a plain Future is cancelled before abort() returns); the
      // time-out cancels without one.
      const timer = limit === null ? NO_TIMER : setLongTimeout(() => {
        future.cancel();
        finish('timeout');
      }, limit);
      const onDone = (): void => finish('done');
      const onAbort = (): void => {
        future.cancel(cancelledBy(signal!).message);
        finish('cancelled');
      };
      function finish(how: 'done' | 'timeout' | 'cancelled'): void {
        timer.clear();
        if (signal) offAbort(signal, onAbort);
        future.removeDoneCallback(onDone);
        resolve(how);
      }
      if (signal) whenAborted(signal, onAbort);
      future.addDoneCallback(onDone);
    });
  }
  if (outcome === 'done') return future.result() as ResultOf<A>;

  future.cancel(outcome === 'cancelled' ? cancelledBy(signal!).message : undefined);
  // Cancelled itself while the awaitable is still cancelling. A limit of 0 or less waits on a
  // future of its own (asyncio's _cancel_and_wait), so waitFor ends at once with that
  // CancelledError and leaves the awaitable running. Past a positive limit asyncio awaits the
  // awaitable itself: the second cancel() goes into it, and the caller ends only when it does
  // (checked on 3.13.0: a clean-up that swallows it, as Condition.wait() reacquiring its lock,
  // keeps the caller waiting). The port cannot deliver that second cancel (a task's signal aborts
  // once, N3), so it waits for the clean-up as it is (R32).
  if (await settled(future, limit !== null && limit <= 0 ? signal : undefined)) throw cancelledBy(signal!);
  // Aborted after the time-out but before settled() listened (a done callback of the awaitable,
  // queued before waitFor resumed): asyncio's timeout still keeps that cancellation its own.
  if (signal?.aborted && future.cancelled()) throw cancelledBy(signal);
  // The awaitable caught the cancellation and finished anyway, whoever cancelled it (the time-out
  // or the signal): asyncio returns that result, or raises the error it raised while cancelling.
  if (!future.cancelled()) return future.result() as ResultOf<A>;
  throw new TimeoutError(`waitFor(): timed out after ${String(limit)} ms`, { cause: cancelledErrorOf(future) });
}

/** Calls `fn` on the next turn of the event loop, at the same instant. */
function nextTurn(fn: () => void): Timer {
  const id = setImmediate(fn);
  return { clear: () => clearImmediate(id) };
}

/** Resolves once `future` is done (false), or once `signal` aborts first (true). */
function settled(future: Future<unknown>, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const onDone = (): void => {
      if (signal) offAbort(signal, onAbort);
      resolve(false);
    };
    const onAbort = (): void => {
      future.removeDoneCallback(onDone);
      resolve(true);
    };
    future.addDoneCallback(onDone);
    if (signal) whenAborted(signal, onAbort);
  });
}

/** The CancelledError a cancelled future rethrows. */
function cancelledErrorOf(future: Future<unknown>): unknown {
  try {
    return future.result();
  } catch (error) {
    return error;
  }
}
