import type { Future } from './future';

/**
 * What the port reports when an error has nowhere else to go, as asyncio's loop passes a
 * context to its exception handler: a done callback threw ("Exception in callback"), or a
 * future failed and nobody retrieved the failure ("Task exception was never retrieved").
 */
export interface ExceptionContext {
  message: string;
  exception: unknown;
  /** The future the error belongs to: the one that failed, or whose done callback threw. */
  future?: Future<unknown>;
}

export type ExceptionHandler = (context: ExceptionContext) => void;

let current: ExceptionHandler | null = null;

/** asyncio's default: the message and the error's stack on stderr; the program goes on. */
export function defaultExceptionHandler({ message, exception }: ExceptionContext): void {
  const detail = exception instanceof Error ? (exception.stack ?? String(exception)) : String(exception);
  process.stderr.write(`${message}\n${detail}\n`);
}

/**
 * loop.set_exception_handler: the one place the port sends errors nobody else will see.
 * null (or undefined) puts the default back. Returns the handler it replaces (null for the default).
 */
export function setExceptionHandler(handler: ExceptionHandler | null | undefined): ExceptionHandler | null {
  if (handler !== null && handler !== undefined && typeof handler !== 'function') {
    throw new TypeError(`setExceptionHandler(handler): handler must be a function or null, got ${typeof handler}`);
  }
  const previous = current;
  current = handler ?? null;
  return previous;
}

/** loop.get_exception_handler: the handler set, or null while the default is in use. */
export function getExceptionHandler(): ExceptionHandler | null {
  return current;
}

/**
 * loop.call_exception_handler: hands the context to the handler. A handler that throws does
 * not take the program down either: asyncio then logs both with the default handler.
 */
export function callExceptionHandler(context: ExceptionContext): void {
  try {
    (current ?? defaultExceptionHandler)(context);
  } catch (error) {
    defaultExceptionHandler({ message: 'Unhandled error in exception handler', exception: error });
    defaultExceptionHandler(context);
  }
}
