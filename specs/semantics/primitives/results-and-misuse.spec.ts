/**
 * What every synchronization primitive owes its caller beyond the article: waiting calls
 * resolve to `true` (asyncio's acquire() and wait() return True), a signal already aborted is
 * refused at once, a finished wait leaves no listener on a long-lived signal, and misuse is a
 * typed error whose message names the call that was misused (the wording is the port's own).
 */
import { getEventListeners } from 'node:events';
import { BoundedSemaphore, CancelledError, Condition, Event, Lock, Semaphore } from '@port';
import { flush } from '../promise-state';
import { useVirtualTime } from '../../support/virtual-time';

describe('synchronization primitives', () => {
  useVirtualTime();

  describe('[primitives.results] results', () => {
    test.each([
      ['Lock', () => new Lock()],
      ['Semaphore', () => new Semaphore(1)],
    ])('%s.acquire() resolves to true, at once or after waiting', async (_name, make) => {
      const primitive = make();
      expect(await primitive.acquire()).toBe(true);
      const queued = primitive.acquire({ signal: new AbortController().signal });
      const queuedWithoutSignal = primitive.acquire();
      primitive.release();
      expect(await queued).toBe(true);
      primitive.release();
      expect(await queuedWithoutSignal).toBe(true);
      primitive.release();
    });

    test('Event.wait() resolves to true, at once or after waiting', async () => {
      const event = new Event();
      const waiting = event.wait();
      const withSignal = event.wait({ signal: new AbortController().signal });
      event.set();
      expect(await waiting).toBe(true);
      expect(await withSignal).toBe(true);
      expect(await event.wait()).toBe(true);
    });

    test('Condition.wait() resolves to true once notified and holding the lock again', async () => {
      const cond = new Condition();
      await cond.acquire();
      const waiting = cond.wait();
      await flush();
      await cond.acquire();
      cond.notify();
      cond.release();
      expect(await waiting).toBe(true);
      cond.release();
    });
  });

  describe('[semaphore.locked] Semaphore.locked()', () => {
    test('is true exactly when acquire() would wait: no slot left, even with nobody waiting', async () => {
      expect(new Semaphore(0).locked()).toBe(true);
      const semaphore = new Semaphore(1);
      expect(semaphore.locked()).toBe(false);
      await semaphore.acquire();
      expect(semaphore.locked()).toBe(true);
      semaphore.release();
      expect(semaphore.locked()).toBe(false);
    });
  });

  describe('[options.absent] options', () => {
    test('no options, undefined and null all mean no signal, as in the platform\'s own APIs', async () => {
      const lock = new Lock();
      expect(await lock.acquire(null as never)).toBe(true);
      const queued = [lock.acquire(undefined), lock.acquire(null as never), lock.acquire({})];
      for (const waiting of queued) {
        lock.release();
        expect(await waiting).toBe(true);
      }
      lock.release();
      const event = new Event();
      const waiting = event.wait(null as never);
      event.set();
      expect(await waiting).toBe(true);
    });
  });

  describe('[primitives.aborted-signal] a signal already aborted', () => {
    test('Event.wait() on an unset event rejects at once with CancelledError', async () => {
      await expect(new Event().wait({ signal: AbortSignal.abort() })).rejects.toThrow(CancelledError);
    });

    test('Condition.wait() rejects at once with CancelledError and the caller keeps the lock', async () => {
      const cond = new Condition();
      await cond.acquire();
      await expect(cond.wait({ signal: AbortSignal.abort() })).rejects.toThrow(CancelledError);
      expect(cond.locked()).toBe(true);
      cond.release();
    });
  });

  describe('[signal.listeners] listeners', () => {
    test('a wait that ended, woken or cancelled, leaves no listener on its signal', async () => {
      const controller = new AbortController();
      const { signal } = controller;
      const lock = new Lock();
      await lock.acquire();
      const queued = lock.acquire({ signal });
      lock.release();
      await queued;
      lock.release();
      const semaphore = new Semaphore(0);
      const waiting = semaphore.acquire({ signal });
      semaphore.release();
      await waiting;
      const event = new Event();
      const eventWait = event.wait({ signal });
      event.set();
      await eventWait;
      expect(getEventListeners(signal, 'abort')).toHaveLength(0);

      const other = new AbortController();
      await lock.acquire();
      const cancelled = lock.acquire({ signal: other.signal });
      other.abort();
      await expect(cancelled).rejects.toThrow(CancelledError);
      lock.release();
      expect(getEventListeners(other.signal, 'abort')).toHaveLength(0);
    });
  });

  describe('[extra] misuse messages name the call', () => {
    test('Lock', async () => {
      const lock = new Lock();
      expect(() => lock.release()).toThrow(/release/);
      expect(() => lock.acquire({ signal: 'stop' as never })).toThrow(/acquire/);
      expect(() => lock.acquire({ signal: null as never })).toThrow(/null/);
      expect(() => lock.acquire({ signal: 42 as never })).toThrow(/number/);
      expect(() => lock.acquire('stop' as never)).toThrow(/options/);
    });

    test('Condition', async () => {
      expect(() => new Condition({} as never)).toThrow(/Condition/);
      const cond = new Condition();
      await expect(async () => cond.wait()).rejects.toThrow(/wait/);
      expect(() => cond.notify()).toThrow(/notify/);
      expect(() => cond.notifyAll()).toThrow(/notifyAll/);
      await cond.acquire();
      expect(() => cond.notify(-1)).toThrow(RangeError);
      expect(() => cond.notify(-1)).toThrow(/notify/);
      expect(() => cond.notify(1.5)).toThrow(RangeError);
      expect(() => cond.notify(NaN)).toThrow(RangeError);
      expect(() => cond.notify('2' as never)).toThrow(TypeError);
      expect(() => cond.notify('2' as never)).toThrow(/notify/);
      expect(() => cond.notify(Infinity)).not.toThrow();
      expect(() => cond.notify(0)).not.toThrow();
      await expect(async () => cond.waitFor('ready' as never)).rejects.toThrow(/waitFor/);
      await expect(async () => cond.waitFor(() => true, { signal: 'stop' as never })).rejects.toThrow(/waitFor/);
      await expect(async () => cond.wait({ signal: 'stop' as never })).rejects.toThrow(/wait/);
      cond.release();
    });

    test('Event', async () => {
      await expect(async () => new Event().wait({ signal: 'stop' as never })).rejects.toThrow(/wait/);
    });

    test('Semaphore and BoundedSemaphore', () => {
      expect(() => new Semaphore(1.5)).toThrow(TypeError);
      expect(() => new Semaphore(1.5)).toThrow(/Semaphore/);
      expect(() => new Semaphore('2' as never)).toThrow(TypeError);
      expect(() => new Semaphore(-1)).toThrow(/Semaphore/);
      expect(() => new Semaphore(0).acquire({ signal: 'stop' as never })).toThrow(/Semaphore\.acquire/);
      const bounded = new BoundedSemaphore(1);
      expect(() => bounded.release()).toThrow(/release/);
    });
  });
});
