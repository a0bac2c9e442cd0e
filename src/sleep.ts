import { offAbort, onAbort as whenAborted } from './abort-listeners';
import { cancelledBy } from './errors';
import { signalOf, type SignalOption } from './signal';
import { checkDelay, setLongTimeout } from './timer';

export type { SignalOption } from './signal';

/**
 * asyncio.sleep in milliseconds: resolves to `value` after `ms`. `sleep(0)` (or a negative
 * delay, already due, as in asyncio) yields one turn of the event loop (a macrotask), so
 * everything that is ready now runs first. A delay of 2^31 ms or more waits that long, and
 * Infinity forever (only the signal ends it); NaN is a RangeError, as 3.13's ValueError. An
 * aborted signal rejects with CancelledError and clears the timer. Bad arguments reject.
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
    // Looked up at call time, so a virtual clock installed after this module loaded is used.
    const timer =
      ms <= 0
        ? ((id) => ({ clear: () => clearImmediate(id) }))(setImmediate(done))
        : setLongTimeout(done, ms);
    function done(): void {
      if (signal) offAbort(signal, onAbort);
      resolve(value);
    }
    function onAbort(): void {
      timer.clear();
      reject(cancelledBy(signal!));
    }
    if (signal) whenAborted(signal, onAbort);
  });
}
