/**
 * Wake-ups given but not delivered yet. In asyncio a wake-up (a future's result: Event.set(), a
 * Lock hand-off, a sleep's timer) only schedules the woken task, which runs on a later turn of
 * the loop; a cancellation that comes in between wins, and the task sees CancelledError at its
 * await. So the wake-up of a waiter that can be cancelled (it has a signal) is delivered one
 * microtask later, and a cancellation that comes first turns it into a rejection.
 *
 * Every pending delivery, of any primitive or sleep, a cancellation's rejection included, is
 * made by one microtask, in the order they were given, as asyncio's ready queue runs the steps
 * it scheduled: waiters resume in the order they were woken or cancelled. A waiter that
 * nothing can cancel is woken at once, unless a delivery given before it is still pending, in
 * which case it waits its turn behind it.
 */

import { soon } from './soon';

/** A delivery: `deliver()` settles the waiter's promise (it must not run user code). */
export interface PendingWake {
  nextWake: PendingWake | null;
  deliver(): void;
}

let head: PendingWake | null = null;
let tail: PendingWake | null = null;
// No "scheduled" flag: a delivery is queued exactly while the list is not empty, since
// wakeLater() queues one when it starts a list and deliverAll() takes the whole list at once.

function deliverAll(): void {
  // Delivering settles promises and queues microtasks only, so nothing is added meanwhile (an
  // entry added all the same would start a list of its own, delivered by the next microtask).
  let entry = head;
  head = tail = null;
  while (entry !== null) {
    const next = entry.nextWake;
    entry.nextWake = null;
    entry.deliver();
    entry = next;
  }
}

/** Delivers `entry` on the next delivery, after every one given before it. */
export function wakeLater(entry: PendingWake): void {
  if (tail === null) {
    head = entry;
    soon(deliverAll);
  } else {
    tail.nextWake = entry;
  }
  tail = entry;
}

/**
 * Delivers `entry` now when it cannot be cancelled and nothing is pending before it; otherwise
 * on the next delivery, in its turn.
 */
export function wakeUp(entry: PendingWake, cancellable: boolean): void {
  if (!cancellable && head === null) entry.deliver();
  else wakeLater(entry);
}
