import { keepListening } from './abort-listeners';
import { CancelledError, InvalidStateError } from './errors';
import { CANCEL_WITH, FAIL_WITH, Future } from './future';
import { soon } from './soon';

/** A coroutine as the port sees it: a function of the signal that cancels it. */
export type Coroutine<T> = (signal: AbortSignal) => PromiseLike<T> | T;

export interface TaskOptions {
  name?: string;
}

let taskCounter = 0;

/**
 * The source of an arrow function with an empty parameter list, as compilers and minifiers print
 * it (`async () =>`, `async()=>`, `() =>`). Such a coroutine cannot see what it is called with
 * (an arrow has no `arguments` of its own, and no rest or default parameter hides in `()`), so
 * its task makes no AbortSignal for it. Anything else (a parameter, `function`, a bound or
 * wrapped function, a space or comment inside the parentheses) gets the signal as always.
 */
const NO_PARAMETERS = /^(?:async\s*)?\(\)\s*=>/;
const sourceOf = Function.prototype.toString;

/**
 * asyncio.Task: a Future driven by a coroutine. The coroutine starts on a later turn, never
 * inside the constructor, so tasks start in creation order. `cancel()` aborts the signal the
 * coroutine received (its reason is a CancelledError). As in asyncio, what the coroutine ends
 * with decides: a CancelledError ends the task cancelled with that very error (its message and
 * cause reach whoever awaits the task), any other error fails it (even one thrown while
 * handling the cancellation), and a value is its result. A task cancelled before it started
 * never runs its coroutine.
 */
export class Task<T = unknown> extends Future<T> {
  /**
   * The name, or for a task given none its number, made into `Task-<n>` when first read (as
   * CPython's C Task does): the string would be 32 B of every pending task (bench G).
   */
  #name: string | number;
  /**
   * Made on first need: by the start of a coroutine that can see its signal, by `signal` or by
   * `cancel()`. An AbortSignal costs about 0.7 KB of heap, so a pending task whose coroutine
   * takes none stays under 1 KB (bench G).
   */
  #controller: AbortController | undefined;

  constructor(coro: Coroutine<T>, options?: TaskOptions | null) {
    super();
    if (typeof coro !== 'function') {
      throw new TypeError('createTask(coro): coro must be a function (signal) => promise');
    }
    // No `options !== null` test: typeof null is 'object', so null (no options, R2) passes already.
    if (options !== undefined && typeof options !== 'object') {
      throw new TypeError(`createTask(coro, options): options must be an object like { name }, got ${typeof options}`);
    }
    const name = options?.name;
    // asyncio keeps str(name); a missing name gets the next number, Task-<n> once read.
    this.#name = name === undefined || name === null ? ++taskCounter : String(name);
    soon(() => this.#start(coro));
  }

  get name(): string {
    const name = this.#name;
    return typeof name === 'number' ? (this.#name = `Task-${name}`) : name;
  }

  /** The signal the coroutine received; aborted by `cancel()`. */
  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      keepListening(this.#controller.signal);
    }
    return this.#controller.signal;
  }

  override cancel(msg?: string | null): boolean {
    if (this.done()) return false;
    const signal = this.signal;
    if (!signal.aborted) this.#controller!.abort(new CancelledError(msg === undefined || msg === null ? undefined : String(msg)));
    return true;
  }

  protected override get kind(): string {
    return 'Task';
  }

  override setResult(_value?: T): never {
    throw new InvalidStateError('Task does not support setResult()');
  }

  override setException(_error?: unknown): never {
    throw new InvalidStateError('Task does not support setException()');
  }

  #start(coro: Coroutine<T>): void {
    // Cancelled before it started: it ends cancelled now, in its turn, without running its
    // coroutine, as asyncio's first __step throws into a coroutine that never ran (until
    // then the task is not done: a second waitFor(task, 0) still cancels it and waits).
    if (this.#controller?.signal.aborted) {
      this[CANCEL_WITH](this.#controller.signal.reason as CancelledError);
      return;
    }
    let running: PromiseLike<T> | T;
    try {
      running = NO_PARAMETERS.test(sourceOf.call(coro)) ? (coro as () => PromiseLike<T> | T)() : coro(this.signal);
    } catch (error) {
      this.#fail(error);
      return;
    }
    // A coroutine that returns a plain value finished within its first step: done now, as an
    // asyncio task whose coroutine returns before its first await (a promise is read a microtask later, N10).
    if (typeof (running as { then?: unknown } | null | undefined)?.then !== 'function') {
      this.#finish(running as T);
      return;
    }
    // Two bound functions (48 B each) rather than two arrows and the context they share (152 B).
    Promise.resolve(running).then(this.#finish.bind(this), this.#fail.bind(this));
  }

  /** The coroutine returned `value`. */
  #finish(value: T): void {
    super.setResult(value);
  }

  /** The coroutine threw `error`: a CancelledError ends the task cancelled, anything else fails it. */
  #fail(error: unknown): void {
    if (error instanceof CancelledError) this[CANCEL_WITH](error);
    else this[FAIL_WITH](error);
  }
}

/** asyncio.create_task. */
export function createTask<T>(coro: Coroutine<T>, options?: TaskOptions | null): Task<T> {
  return new Task(coro, options);
}
