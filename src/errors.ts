/**
 * The error classes of the port. Each sets `name` to its class name, as the contract asks,
 * so a rejection reads the same in a stack trace, a `toThrow(CancelledError)` and a log.
 */
abstract class NamedError extends Error {
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** asyncio.CancelledError: the operation was cancelled (an aborted signal, `cancel()`). */
export class CancelledError extends NamedError {
  constructor(message = 'cancelled', options?: ErrorOptions) {
    super(message, options);
  }
}

/** asyncio.InvalidStateError: e.g. `result()` of a Future that is not done yet. */
export class InvalidStateError extends NamedError {}

/** asyncio.TimeoutError: `waitFor` ran out of time. */
export class TimeoutError extends NamedError {
  constructor(message = 'timed out', options?: ErrorOptions) {
    super(message, options);
  }
}

/** aiohttp's RuntimeError('Session is closed'). */
export class SessionClosedError extends NamedError {
  constructor(message = 'Session is closed', options?: ErrorOptions) {
    super(message, options);
  }
}

/**
 * The CancelledError an aborted signal stands for: its reason when that already is one,
 * otherwise a new CancelledError that keeps the reason as its cause.
 */
export function cancelledBy(signal: AbortSignal): CancelledError {
  const reason: unknown = signal.reason;
  if (reason instanceof CancelledError) return reason;
  return new CancelledError('cancelled', { cause: reason });
}

/**
 * A failure whose reason was undefined or null (`Promise.reject()`, `throw undefined`). JavaScript
 * may throw anything, asyncio only exceptions: kept as this error, so a failure never reads as
 * "no exception". The original reason is `reason`.
 */
export class NullishFailureError extends NamedError {
  readonly reason: null | undefined;
  constructor(reason: null | undefined) {
    super(`failed with ${String(reason)} as its reason`);
    this.reason = reason;
  }
}
