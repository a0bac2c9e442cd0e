/**
 * Abort listeners without Node's MaxListenersExceededWarning. Node warns once an AbortSignal
 * has more than 10 listeners ("Possible EventTarget memory leak detected"), yet one signal
 * cancelling a task that waits in many places, or many waiters sharing one signal, is normal
 * asyncio usage. So each signal gets ONE real listener (a hub) that calls ours in the order
 * they were added; the hub is removed as soon as its last listener is, so nothing stays on a
 * signal that nobody waits on (a task's own signal keeps its hub: see `kept`). Every primitive
 * that waits on a signal (locks, Event, Condition, sleep, wait, gather, waitFor,
 * ClientSession.get) registers through here.
 *
 * A listener is a function or an object with `handleEvent()` (a waiter can be its own
 * listener, so it costs no closure). Semantics are EventTarget's with `{ once: true }`: a
 * listener removed while the hub dispatches is not called; one added then is not either.
 * A listener must not throw (the port's only settle promises and wake waiters): one that did
 * would keep the later ones from running.
 */
export type AbortListener = (() => void) | { handleEvent(): void };

class Hub {
  readonly listeners = new Set<AbortListener>();

  handleEvent(): void {
    // A snapshot, so one added during the dispatch is not called; the delete doubles as the
    // check that an earlier listener did not remove a later one.
    for (const listener of [...this.listeners]) {
      if (!this.listeners.delete(listener)) continue;
      if (typeof listener === 'function') listener();
      else listener.handleEvent();
    }
    // Nothing more to do: the signal never fires again, and the hub goes with it (a WeakMap entry).
  }
}

const hubs = new WeakMap<AbortSignal, Hub>();
/**
 * Signals the port made itself (a task's): their hub stays on them once added, so a task that
 * waits again and again (a queue, a lock, a request) adds one real listener in its life, not one
 * per wait; add and remove are most of what a wait on an EventTarget costs (Node 20). Nothing
 * is kept longer than the signal: it goes with its task.
 */
const kept = new WeakSet<AbortSignal>();

/** Marks a signal of the port's own, whose hub is never removed (see `kept`). */
export function keepListening(signal: AbortSignal): void {
  kept.add(signal);
}

/** Calls `listener` once when `signal` aborts. The caller has checked that it has not aborted yet. */
export function onAbort(signal: AbortSignal, listener: AbortListener): void {
  let hub = hubs.get(signal);
  if (hub === undefined) {
    hub = new Hub();
    hubs.set(signal, hub);
    signal.addEventListener('abort', hub, { once: true });
  }
  hub.listeners.add(listener);
}

/** Forgets `listener`; removes the hub from the signal when it was the last one (unless kept). */
export function offAbort(signal: AbortSignal, listener: AbortListener): void {
  const hub = hubs.get(signal);
  if (hub === undefined || !hub.listeners.delete(listener)) return;
  if (hub.listeners.size === 0 && !kept.has(signal)) {
    hubs.delete(signal);
    signal.removeEventListener('abort', hub);
  }
}
