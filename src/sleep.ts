import { cancelledBy } from './errors';

export interface SignalOption {
  signal?: AbortSignal;
}

/**
 * asyncio.sleep in milliseconds: resolves to `value` after `ms`. `sleep(0)` yields one turn
 * of the event loop (a macrotask), so everything that is ready now runs first. An aborted
 * signal rejects with CancelledError and clears the timer.
 */
export function sleep(ms: number): Promise<void>;
export function sleep<T>(ms: number, value: T, options?: SignalOption): Promise<T>;
export function sleep<T>(ms: number, value?: T, { signal }: SignalOption = {}): Promise<T | undefined> {
  if (typeof ms !== 'number' || Number.isNaN(ms)) {
    return Promise.reject(new TypeError(`sleep(ms): ms must be a number, got ${String(ms)}`));
  }
  if (signal?.aborted) return Promise.reject(cancelledBy(signal));
  return new Promise<T | undefined>((resolve, reject) => {
    // Looked up at call time, so a virtual clock installed after this module loaded is used.
    const timer =
      ms <= 0
        ? { clear: clearImmediate, id: setImmediate(done) }
        : { clear: clearTimeout, id: setTimeout(done, ms) };
    function done(): void {
      signal?.removeEventListener('abort', onAbort);
      resolve(value);
    }
    function onAbort(): void {
      (timer.clear as (id: unknown) => void)(timer.id);
      reject(cancelledBy(signal!));
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
