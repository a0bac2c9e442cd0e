/**
 * p-limit as a port: Semaphore = a limit of `value` concurrent jobs; acquire() starts a job
 * that runs until release() ends it. Library primitives + reference tasks (re-exported from
 * ./reference-tasks, the reference port's task layer, as every adapter does). No Lock, Event,
 * Condition or BoundedSemaphore. p-limit cannot cancel one queued job (clearQueue() drops them
 * all), so a `{ signal }` that aborts is "not provided".
 *
 * release() with no job running raises the limit by one (p-limit's `concurrency` setter), as
 * asyncio's release() raises the value past the initial one. locked() reads p-limit's own
 * counts: every slot running, or jobs queued.
 */
import pLimit from 'p-limit';
import { disposable, RunningJobs, uncancellable } from './translate.mjs';

export * from './reference-tasks';

export class Semaphore {
  #limit;
  #running = new RunningJobs();

  constructor(value = 1) {
    this.#limit = pLimit(value);
  }

  /** Starts a job; resolves with its end function once p-limit runs it. */
  #start() {
    return new Promise((started, failed) => {
      this.#limit(this.#running.job(started)).catch(failed);
    });
  }

  acquire(options) {
    return uncancellable('limit', 'p-limit', options, () => this.#start()).then(() => true);
  }

  release() {
    if (!this.#running.endOldest()) this.#limit.concurrency += 1;
  }

  locked() {
    return this.#limit.activeCount >= this.#limit.concurrency || this.#limit.pendingCount > 0;
  }

  /** The job's own end function is the release handle. */
  hold(options) {
    return uncancellable('limit', 'p-limit', options, () => this.#start()).then((end) => disposable(() => this.#running.end(end)));
  }
}
