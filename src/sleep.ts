import { offAbort, onAbort as whenAborted } from './abort-listeners';
import { cancelledBy } from './errors';
import { signalOf, type SignalOption } from './signal';
import { checkDelay, setLongTimeout } from './timer';
import { type PendingWake, wakeLater, wakeUp } from './wake-ups';

export type { SignalOption } from './signal';

/**
 * asyncio.sleep in milliseconds: resolves to `value` after `ms`. `sleep(0)` (or a negative
 * delay, already due, as in asyncio) yields one turn of the event loop (a macrotask), so
 * everything that is ready now runs first. A delay of 2^31 ms or more waits that long, and
 * Infinity forever (only the signal ends it); NaN is a RangeError, as 3.13's ValueError. An
 * aborted signal rejects with CancelledError and clears the timer, also when the timer has
 * fired but the sleep has not resolved yet (asyncio: the task, cancelled before it resumed,
 * sees CancelledError). Bad arguments reject.
 */
export function sleep(ms: number): Promise<void>;
export function sleep<T>(ms: number, value: T, options?: SignalOption | null): Promise<T>;
export function sleep<T>(ms: number, value?: T, options?: SignalOption | null): Promise<T | undefined> {
  let signal: AbortSignal | undefined;
  try {
    checkDelay('sleep(ms): ms', ms);
    signal = signalOf('sleep(ms, value, options)', options);
  } catch (error) {
    return Promise.reject(error);
  }
  if (signal?.aborted) return Promise.reject(cancelledBy(signal));
  return new Promise<T | undefined>((resolve, reject) => {
    // The timer wakes the sleep, and the wake-up is delivered as every other (src/wake-ups.ts):
    // with a signal, one microtask later, as asyncio's timer only sets a future and the task
    // resumes on a later turn, so a signal that aborts in between (another timer of the same
    // instant, a cancel() in the same run) wins and the sleep rejects with CancelledError.
    // The rejection is delivered the same way, in order with the wake-ups (asyncio schedules
    // the cancelled task's step as it schedules a woken one's); aborted after the timer fired,
    // the sleep keeps the place its wake-up had.
    let woken = false;
    let aborted = false;
    const wake: PendingWake = {
      nextWake: null,
      deliver() {
        if (aborted) return reject(cancelledBy(signal!));
        if (signal) offAbort(signal, onAbort);
        resolve(value);
      },
    };
    const done = (): void => {
      woken = true;
      wakeUp(wake, signal !== undefined);
    };
    // Looked up at call time, so a virtual clock installed after this module loaded is used.
    const timer =
      ms <= 0
        ? ((id) => ({ clear: () => clearImmediate(id) }))(setImmediate(done))
        : setLongTimeout(done, ms);
    function onAbort(): void {
      aborted = true;
      if (woken) return;
      timer.clear();
      wakeLater(wake);
    }
    if (signal) whenAborted(signal, onAbort);
  });
}
