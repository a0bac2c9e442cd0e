/**
 * The pool both executors share (concurrent.futures' ThreadPoolExecutor/ProcessPoolExecutor
 * semantics over Node workers): calls wait in a FIFO queue; a worker starts only when a call
 * is waiting and no started worker is idle, never more than `maxWorkers`; an idle worker is
 * reused; a worker that dies fails its call with BrokenWorkerError and is replaced when work
 * next needs one. Nothing outlives `shutdown()`: it resolves once every worker has exited.
 */
import { Future } from '../future';
import type { CallMessage, ReplyMessage } from './bootstrap';
import { BrokenWorkerError, ExecutorShutdownError, UncloneableValueError } from './errors';
import { assertCloneable, reviveFailure, shippableSource } from './shippable';
import type { SpawnWorker, WorkerHandle } from './workers';

const START = Symbol('start');
const ABANDON = Symbol('abandon');

/**
 * The Future `submit()` returns (concurrent.futures.Future): `running()` tells a call a worker
 * has taken, and such a call can no longer be cancelled (`cancel()` returns false), only a
 * queued one can. To stop waiting for a running call, cancel the Future `runInExecutor` returns.
 */
export class ExecutorFuture<T = unknown> extends Future<T> {
  #running = false;

  running(): boolean {
    return this.#running && !this.done();
  }

  override cancel(msg?: string): boolean {
    if (this.#running) return false;
    return super.cancel(msg);
  }

  /** The pool takes the call: false when it was cancelled meanwhile. */
  [START](): boolean {
    if (this.done()) return false;
    this.#running = true;
    return true;
  }

  /** The pool gave the call up (`shutdown({ wait: false })` ended its worker). */
  [ABANDON](msg: string): void {
    if (!this.done()) super.cancel(msg);
  }
}

export interface ExecutorOptions {
  /** At most this many workers (a positive integer); the default depends on the executor. */
  maxWorkers?: number;
}

/**
 * An options argument: null and undefined mean none (as Python's None does), anything that is
 * not an object is a TypeError naming the call.
 */
export function optionsOf<T extends object>(what: string, options: T | null | undefined): Partial<T> {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object') throw new TypeError(`${what}: options must be an object, got ${typeof options}`);
  return options;
}

export interface ShutdownOptions {
  /**
   * true (default): queued and running calls finish first. false: queued calls are cancelled
   * and running ones are cancelled by ending their workers at once.
   */
  wait?: boolean;
  /** Cancel the queued calls (concurrent.futures' cancel_futures); default: `!wait`. */
  cancelFutures?: boolean;
}

/** What `runInExecutor` needs from an executor. */
export interface Executor {
  submit<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Future<Awaited<R>>;
}

interface Call {
  readonly id: number;
  readonly fnName: string;
  readonly source: string;
  readonly args: unknown[];
  readonly future: ExecutorFuture<any>;
}

interface Slot {
  handle?: WorkerHandle;
  call?: Call;
  /** Ended by shutdown({ wait: false }) while it ran `call`. */
  abandoned: boolean;
}

let callCounter = 0;

export abstract class PoolExecutor implements Executor, AsyncDisposable {
  readonly maxWorkers: number;
  readonly #spawn: SpawnWorker;
  readonly #queue: Call[] = [];
  readonly #slots = new Set<Slot>();
  readonly #idle: Slot[] = [];
  #shutdown = false;
  #closed: Promise<void> | undefined;
  #resolveClosed: (() => void) | undefined;

  protected constructor(kind: string, spawn: SpawnWorker, maxWorkers: number) {
    if (typeof maxWorkers !== 'number') {
      throw new TypeError(`${kind}: maxWorkers must be a number, got ${typeof maxWorkers}`);
    }
    if (!Number.isInteger(maxWorkers) || maxWorkers < 1) {
      throw new RangeError(`${kind}: maxWorkers must be a positive integer, got ${String(maxWorkers)}`);
    }
    this.maxWorkers = maxWorkers;
    this.#spawn = spawn;
  }

  /** Workers started and not yet exited. */
  get workerCount(): number {
    return this.#slots.size;
  }

  /**
   * Schedules `fn(...args)` on a worker. `fn` travels as source and must be self-contained;
   * `args` travel by structured clone. Throws at once (nothing is queued) after shutdown, for
   * a function that cannot be shipped, or for an argument that cannot be cloned.
   */
  submit<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): ExecutorFuture<Awaited<R>> {
    if (this.#shutdown) throw new ExecutorShutdownError();
    const source = shippableSource(fn);
    assertCloneable(args);
    const future = new ExecutorFuture<Awaited<R>>();
    this.#queue.push({ id: ++callCounter, fnName: fn.name, source, args, future });
    this.#dispatch();
    return future;
  }

  /**
   * Stops accepting calls and resolves once every worker has exited: after the queued and
   * running calls finish (`wait: true`, the default), or at once, cancelling them
   * (`wait: false`). Calling it again returns the same promise; `wait: false` still hurries it.
   */
  shutdown(options?: ShutdownOptions | null): Promise<void> {
    const { wait = true, cancelFutures = !wait } = optionsOf('shutdown()', options);
    this.#shutdown = true;
    this.#closed ??= new Promise<void>((resolve) => (this.#resolveClosed = resolve));
    if (cancelFutures) {
      for (const call of this.#queue.splice(0)) call.future.cancel('the executor was shut down');
    }
    if (!wait) {
      for (const slot of this.#slots) {
        if (slot.call && !slot.abandoned) {
          slot.abandoned = true;
          void slot.handle?.terminate();
        }
      }
    }
    this.#closeIfDone();
    return this.#closed;
  }

  /** `await using pool = new ThreadPoolExecutor(...)`: shuts down, waiting for the work. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.shutdown({ wait: true });
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      const call = this.#queue[0]!;
      if (call.future.done()) {
        this.#queue.shift(); // cancelled while it waited
        continue;
      }
      let slot = this.#idle.pop();
      if (!slot && this.#slots.size < this.maxWorkers) {
        try {
          slot = this.#startWorker();
        } catch (error) {
          this.#queue.shift();
          this.#fail(call, new BrokenWorkerError(`a worker could not be started: ${String(error)}`, null, null, { cause: error }));
          continue;
        }
      }
      if (!slot) break;
      this.#queue.shift();
      call.future[START]();
      slot.call = call;
      const message: CallMessage = { id: call.id, source: call.source, args: call.args };
      try {
        slot.handle!.post(message);
      } catch (error) {
        // Nothing was sent: a value structuredClone accepts but the process channel's serializer does not.
        slot.call = undefined;
        this.#fail(call, new UncloneableValueError(`the arguments cannot be sent to a worker: ${String(error)}`, { cause: error }));
        this.#idle.push(slot);
      }
    }
    this.#closeIfDone();
  }

  #startWorker(): Slot {
    const slot: Slot = { abandoned: false };
    slot.handle = this.#spawn({
      reply: (message) => this.#onReply(slot, message),
      exit: (reason) => this.#onExit(slot, reason),
    });
    this.#slots.add(slot);
    return slot;
  }

  #onReply(slot: Slot, message: ReplyMessage): void {
    const call = slot.call;
    if (!call || call.id !== message.id) return;
    slot.call = undefined;
    if (!call.future.done()) {
      if (message.ok) call.future.setResult(message.value);
      else call.future.setException(reviveFailure(message.failure, call.fnName));
    }
    if (this.#slots.has(slot) && !slot.abandoned) this.#idle.push(slot);
    this.#dispatch();
  }

  #onExit(slot: Slot, { exitCode, signal, cause }: { exitCode: number | null; signal: NodeJS.Signals | null; cause?: unknown }): void {
    this.#slots.delete(slot);
    const idleAt = this.#idle.indexOf(slot);
    if (idleAt !== -1) this.#idle.splice(idleAt, 1);
    const call = slot.call;
    slot.call = undefined;
    if (call) {
      if (slot.abandoned) {
        call.future[ABANDON]('the executor was shut down without waiting');
      } else {
        const how = signal ? `was killed by ${signal}` : `exited with code ${String(exitCode)}`;
        const what = call.fnName ? `function "${call.fnName}"` : 'an anonymous function';
        // The error may come from another realm (the worker's 'error' event): no instanceof.
        const message = (cause as { message?: unknown } | undefined)?.message;
        const detail = typeof message === 'string' ? `: ${message}` : '';
        this.#fail(call, new BrokenWorkerError(`the worker running ${what} ${how}${detail}`, exitCode, signal, { cause }));
      }
    }
    // A replacement starts only if queued work needs one.
    this.#dispatch();
  }

  #fail(call: Call, error: Error): void {
    if (!call.future.done()) call.future.setException(error);
  }

  /** After shutdown: once no call is queued or running, ends the idle workers and resolves when all have exited. */
  #closeIfDone(): void {
    if (!this.#shutdown || !this.#resolveClosed) return;
    if (this.#queue.some((call) => !call.future.done())) return;
    for (const slot of this.#slots) if (slot.call) return;
    this.#queue.length = 0;
    const resolve = this.#resolveClosed;
    this.#resolveClosed = undefined;
    const exits = [...this.#slots].map((slot) => slot.handle!.terminate());
    void Promise.all(exits).then(() => resolve());
  }
}
