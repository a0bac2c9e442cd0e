/**
 * Looking at a promise without waiting for it: the primitives' specs ask "is this waiter still
 * waiting?" after everything that can run now has run, without moving the virtual clock.
 */
import timers from 'node:timers';

// Taken at load, before a spec installs its fake clock: a real turn of the event loop.
const realSetImmediate = timers.setImmediate;

/** Lets every queued microtask (and any it queues) run. The virtual clock does not move. */
export function flush(): Promise<void> {
  return new Promise((resolve) => realSetImmediate(resolve));
}

export type PromiseState = 'pending' | 'fulfilled' | 'rejected';

/** The promise's state once everything runnable has run; a rejection counts as handled. */
export async function stateOf(promise: PromiseLike<unknown>): Promise<PromiseState> {
  let state: PromiseState = 'pending';
  promise.then(
    () => (state = 'fulfilled'),
    () => (state = 'rejected'),
  );
  await flush();
  return state;
}
