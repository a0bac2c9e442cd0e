/** The `{ signal }` option every call that can wait takes. */
export interface SignalOption {
  signal?: AbortSignal;
}

/**
 * The signal of a `{ signal }` option, checked, so a wrong one fails clearly instead of deep
 * inside. Options that are null or undefined mean none; a signal that is null is refused, as the locks always did.
 */
export function signalOf(what: string, options: SignalOption | null | undefined): AbortSignal | undefined {
  if (options === undefined || options === null) return undefined;
  if (typeof options !== 'object') throw new TypeError(`${what}: options must be an object like { signal }, got ${typeof options}`);
  const signal = options.signal;
  if (signal === undefined || signal instanceof AbortSignal) return signal;
  throw new TypeError(`${what}: signal must be an AbortSignal, got ${signal === null ? 'null' : typeof signal}`);
}
