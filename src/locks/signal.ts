import type { SignalOption } from '../sleep';

/** The signal of a `{ signal }` option, checked, so a wrong one fails clearly instead of deep inside. */
export function signalOf(what: string, options: SignalOption | undefined): AbortSignal | undefined {
  if (options === undefined || options === null) return undefined;
  if (typeof options !== 'object') throw new TypeError(`${what}: options must be an object like { signal }, got ${typeof options}`);
  const signal = options.signal;
  if (signal === undefined || signal instanceof AbortSignal) return signal;
  throw new TypeError(`${what}: signal must be an AbortSignal, got ${signal === null ? 'null' : typeof signal}`);
}
