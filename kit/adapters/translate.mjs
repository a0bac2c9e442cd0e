/**
 * What the ES module adapters (p-limit, p-queue, effect, async-lock) share: name and
 * cancellation translation only, never behaviour. The ESM counterpart of translate.ts.
 *
 * CancelledError comes from the reference port's task layer (./reference-tasks, resolved by
 * esbuild, which the kit bundles every port with before the suite loads it), so the error an
 * adapter throws is the class the specs import from the same port.
 */
import { CancelledError } from './reference-tasks';
import { notProvided } from '../not-provided';

/**
 * For a part of the contract the library has no counterpart for: the kit's one "not provided"
 * mechanism (kit/not-provided.ts) notes the use for the running test, and the error to throw
 * carries the marker the report reads. A task may swallow that error; the note stays.
 */
export function lacking(what, why) {
  return notProvided(what, why);
}

/**
 * The library's own cancellation (recognised by `isLibraryCancel`, or the aborted signal's
 * reason passed on as it is) becomes the contract's CancelledError; anything else goes through.
 */
export function asCancelled(signal, isLibraryCancel = () => false) {
  return (error) => {
    if (error instanceof CancelledError) throw error;
    if (signal?.aborted && (error === signal.reason || isLibraryCancel(error))) throw new CancelledError();
    throw error;
  };
}

/** A release function as the Disposable `hold()` resolves to (`async with` in asyncio). */
export function disposable(release) {
  return { [Symbol.dispose]: release };
}

/**
 * For libraries that cannot cancel one waiter: a signal that never aborts is fine, and an abort
 * (or a signal that is not an AbortSignal) is reported as "not provided" instead of being
 * silently ignored. The library keeps the waiter
 * queued: nothing here takes it out, since that would be behaviour of our own.
 */
export function uncancellable(what, library, options, acquire) {
  const signal = options?.signal;
  const refuse = () => lacking('AbortSignal', `${library} cannot cancel one waiter of its ${what}`);
  // The library takes no signal at all: what a signal must be is not its to check either.
  if (signal != null && !(signal instanceof AbortSignal)) throw refuse();
  if (signal?.aborted) return Promise.reject(refuse());
  const acquired = acquire();
  if (signal == null) return acquired; // null, like undefined, is no signal
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(refuse());
    signal.addEventListener('abort', onAbort, { once: true });
    acquired.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * A job-shaped limiter (p-limit, p-queue) as a semaphore's slots: acquiring is starting a job
 * that runs until it is told to end, and the library's own bookkeeping (running count, queue)
 * is the semaphore's. What this keeps is only the end function of each running job, oldest
 * first, so that `release()`, which asyncio does not tie to an acquirer, can end one of them.
 */
export class RunningJobs {
  #ends = [];

  /** The job to hand the library: resolves `started` with its end function, runs until that is called. */
  job(started) {
    return () =>
      new Promise((end) => {
        this.#ends.push(end);
        started(end);
      });
  }

  get size() {
    return this.#ends.length;
  }

  /** Ends the oldest running job; false when none runs. */
  endOldest() {
    const end = this.#ends.shift();
    if (end === undefined) return false;
    end();
    return true;
  }

  /** Ends this job if it still runs (a second dispose of one hold() is a no-op: the job ended once). */
  end(end) {
    const index = this.#ends.indexOf(end);
    if (index === -1) return;
    this.#ends.splice(index, 1);
    end();
  }
}
