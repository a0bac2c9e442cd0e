/**
 * async-lock 1.5 as a port: Lock = one key of an AsyncLock (a key per Lock instance). Library
 * primitives + reference tasks (re-exported from ./reference-tasks, the reference port's task
 * layer, as every adapter does). No Event, Condition, Semaphore or BoundedSemaphore.
 *
 * async-lock runs a function while it holds the key; acquire() here is a function in the
 * callback form (`fn(done)`) that holds the key until release() calls `done`, the library's
 * own release handle. `maxPending: Infinity`: asyncio's Lock has no limit on waiters, and
 * async-lock's default (1000) would refuse the 1001st.
 *
 * async-lock has a timeout in the queue but no way to cancel one waiter: a `{ signal }` that
 * aborts is "not provided". Nor can it release a key nobody holds: release() on an unlocked
 * Lock is "not provided" (asyncio raises RuntimeError).
 */
import AsyncLock from 'async-lock';
import { disposable, lacking, uncancellable } from './translate.mjs';

export * from './reference-tasks';

const locks = new AsyncLock({ maxPending: Infinity });
let keys = 0;

export class Lock {
  #key = `lock ${++keys}`;
  /** The `done` of the function that holds the key now. */
  #done;

  /** Queues a function that holds the key; resolves with its `done` once it runs. */
  #take() {
    return new Promise((taken, failed) => {
      locks
        .acquire(this.#key, (done) => {
          this.#done = done;
          taken(done);
        })
        .catch(failed);
    });
  }

  acquire(options) {
    return uncancellable('keyed lock', 'async-lock', options, () => this.#take()).then(() => true);
  }

  release() {
    const done = this.#done;
    if (done === undefined) throw lacking('Lock.release', 'async-lock has no release for a key nobody holds');
    this.#done = undefined;
    done();
  }

  locked() {
    return locks.isBusy(this.#key);
  }

  /** `done` is the release handle (async-lock ignores a second call). */
  hold(options) {
    return uncancellable('keyed lock', 'async-lock', options, () => this.#take()).then((done) =>
      disposable(() => {
        if (this.#done === done) this.#done = undefined;
        done();
      }),
    );
  }
}
