import { CancelledError, InvalidStateError } from './errors';
import { Future } from './future';

/** A coroutine as the port sees it: a function of the signal that cancels it. */
export type Coroutine<T> = (signal: AbortSignal) => PromiseLike<T> | T;

export interface TaskOptions {
  name?: string;
}

let taskCounter = 0;

/**
 * asyncio.Task: a Future driven by a coroutine. The coroutine starts on a later turn, never
 * inside the constructor, so tasks start in creation order. `cancel()` aborts the signal the
 * coroutine received (its reason is a CancelledError); the task then ends cancelled when the
 * coroutine throws. A task cancelled before it started never runs its coroutine. As in asyncio,
 * a coroutine that catches the cancellation and returns a value ends the task with that value.
 */
export class Task<T = unknown> extends Future<T> {
  readonly name: string;
  readonly #controller = new AbortController();
  #started = false;

  constructor(coro: Coroutine<T>, { name }: TaskOptions = {}) {
    super();
    if (typeof coro !== 'function') {
      throw new TypeError('createTask(coro): coro must be a function (signal) => promise');
    }
    this.name = name ?? `Task-${++taskCounter}`;
    queueMicrotask(() => this.#start(coro));
  }

  /** The signal the coroutine received; aborted by `cancel()`. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  override cancel(msg?: string): boolean {
    if (this.done()) return false;
    if (!this.#controller.signal.aborted) this.#controller.abort(new CancelledError(msg ?? 'cancelled'));
    // Not started yet: nothing to interrupt, so it is cancelled now (asyncio does the same).
    if (!this.#started) super.cancel(msg);
    return true;
  }

  override setResult(_value?: T): never {
    throw new InvalidStateError('Task does not support setResult()');
  }

  override setException(_error?: unknown): never {
    throw new InvalidStateError('Task does not support setException()');
  }

  #start(coro: Coroutine<T>): void {
    if (this.done()) return;
    this.#started = true;
    let running: PromiseLike<T> | T;
    try {
      running = coro(this.#controller.signal);
    } catch (error) {
      this.#settle(false, error);
      return;
    }
    Promise.resolve(running).then(
      (value) => this.#settle(true, value),
      (error: unknown) => this.#settle(false, error),
    );
  }

  #settle(ok: boolean, outcome: unknown): void {
    const signal = this.#controller.signal;
    if (ok) {
      super.setResult(outcome as T);
    } else if (signal.aborted || outcome instanceof CancelledError) {
      const reason = signal.aborted ? (signal.reason as CancelledError) : (outcome as CancelledError);
      super.cancel(reason.message);
    } else {
      super.setException(outcome);
    }
  }
}

/** asyncio.create_task. */
export function createTask<T>(coro: Coroutine<T>, options?: TaskOptions): Task<T> {
  return new Task(coro, options);
}
