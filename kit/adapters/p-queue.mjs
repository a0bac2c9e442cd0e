/**
 * p-queue as a port: Semaphore = a queue with `concurrency: value`; acquire() adds a job that
 * runs until release() ends it. Library primitives + reference tasks (re-exported from
 * ./reference-tasks, the reference port's task layer, as every adapter does). No Lock, Event,
 * Condition or BoundedSemaphore.
 *
 * Cancellation is p-queue's per-task `{ signal }`: an abort while the job waits takes it out of
 * the queue and rejects with the signal's reason (our CancelledError). The signal p-queue gets
 * follows the caller's only until the job starts: p-queue would also end a RUNNING job on abort,
 * which for a semaphore would be a release nobody asked for (asyncio keeps the slot of a task
 * cancelled after acquire() returned).
 *
 * release() with no job running raises `concurrency` by one (the setter starts waiting jobs),
 * as asyncio's release() raises the value past the initial one. locked() reads p-queue's own
 * counts: every slot running (`pending`), or jobs queued (`size`).
 */
import PQueue from 'p-queue';
import { asCancelled, disposable, RunningJobs } from './translate.mjs';

export * from './reference-tasks';

export class Semaphore {
  #queue;
  #running = new RunningJobs();

  constructor(value = 1) {
    this.#queue = new PQueue({ concurrency: value });
  }

  /** Adds a job; resolves with its end function once p-queue runs it. */
  #start(options) {
    const signal = options?.signal;
    let forwarded;
    let stopForwarding = () => {};
    // Anything but an AbortSignal goes to p-queue as it is: what a bad signal does is p-queue's to decide.
    if (signal != null && !(signal instanceof AbortSignal)) forwarded = signal;
    else if (signal != null) {
      const controller = new AbortController();
      forwarded = controller.signal;
      if (signal.aborted) controller.abort(signal.reason);
      else {
        const forward = () => controller.abort(signal.reason);
        signal.addEventListener('abort', forward, { once: true });
        stopForwarding = () => signal.removeEventListener('abort', forward);
      }
    }
    return new Promise((started, failed) => {
      const job = this.#running.job((end) => {
        stopForwarding();
        started(end);
      });
      this.#queue.add(job, forwarded === undefined ? {} : { signal: forwarded }).catch((error) => {
        stopForwarding();
        failed(error);
      });
    }).catch(asCancelled(signal));
  }

  acquire(options) {
    return this.#start(options).then(() => true);
  }

  release() {
    if (!this.#running.endOldest()) this.#queue.concurrency += 1;
  }

  locked() {
    return this.#queue.pending >= this.#queue.concurrency || this.#queue.size > 0;
  }

  /** The job's own end function is the release handle. */
  hold(options) {
    return this.#start(options).then((end) => disposable(() => this.#running.end(end)));
  }
}
