/**
 * effect 4 as a port: Lock = Semaphore.makeUnsafe(1), Semaphore = Semaphore.makeUnsafe(value),
 * Event = Latch.makeUnsafe(false). Library primitives + reference tasks (re-exported from
 * ./reference-tasks, the reference port's task layer, as every adapter does). No Condition.
 * No BoundedSemaphore: effect's release() never refuses a permit nobody took (it only
 * subtracts), so it has nothing to bound with.
 *
 * Each call that can wait runs its effect in a fiber of its own with the caller's AbortSignal
 * (Effect.runPromiseExit(effect, { signal }), runPromise's form that gives the Exit): an abort
 * interrupts the fiber, which takes the waiter out of the library's queue; an Exit that is
 * only that interruption becomes our CancelledError. release() runs the library's release
 * effect with Effect.runSync; set() and clear() are the latch's synchronous forms.
 *
 * locked() is not provided: effect's Semaphore does not tell how many permits are free.
 * hold() is the library's scoped form: takeScoped in a Scope of its own, and dispose closes the
 * scope, which returns the permit once however often it is closed.
 */
import { Cause, Effect, Exit, Latch, Scope, Semaphore as Permits } from 'effect';
import { CancelledError } from './reference-tasks';
import { disposable, lacking } from './translate.mjs';

export * from './reference-tasks';

/** Runs `effect` in its own fiber, interrupted when `signal` aborts. */
async function run(effect, signal) {
  const exit = await Effect.runPromiseExit(effect, signal === undefined ? undefined : { signal });
  if (Exit.isSuccess(exit)) return exit.value;
  if (signal?.aborted && Cause.hasInterruptsOnly(exit.cause)) throw new CancelledError();
  throw Cause.squash(exit.cause);
}

class Permitted {
  #name;
  #permits;

  constructor(name, value) {
    this.#name = name;
    this.#permits = Permits.makeUnsafe(value);
  }

  acquire(options) {
    return run(this.#permits.take(1), options?.signal).then(() => true);
  }

  release() {
    Effect.runSync(this.#permits.release(1));
  }

  locked() {
    throw lacking(`${this.#name}.locked`, "effect's Semaphore does not tell how many permits are free");
  }

  hold(options) {
    const scope = Scope.makeUnsafe();
    return run(Scope.provide(scope)(this.#permits.takeScoped(1)), options?.signal).then(() =>
      disposable(() => Effect.runSync(Scope.close(scope, Exit.void))),
    );
  }
}

export class Lock extends Permitted {
  constructor() {
    super('Lock', 1);
  }
}

export class Semaphore extends Permitted {
  constructor(value = 1) {
    super('Semaphore', value);
  }
}

export class Event {
  #latch = Latch.makeUnsafe(false);

  wait(options) {
    return run(this.#latch.await, options?.signal).then(() => true);
  }

  set() {
    this.#latch.openUnsafe();
  }

  clear() {
    this.#latch.closeUnsafe();
  }

  isSet() {
    return this.#latch.isOpen();
  }
}
