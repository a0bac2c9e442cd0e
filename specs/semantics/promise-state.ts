/**
 * Looking at a promise without waiting for it: the primitives' specs ask "is this waiter still
 * waiting?" after everything that can run now has run, without moving the virtual clock.
 */
import { settle as flush } from '../support/virtual-time';

export { flush };

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
