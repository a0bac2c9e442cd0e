/** asyncio.BoundedSemaphore: a Semaphore that refuses to be released more than it was acquired. */
import { BoundedSemaphore, CancelledError, Semaphore } from '@port';
import { stateOf } from '../promise-state';
import { useVirtualTime } from '../../support/virtual-time';

describe('BoundedSemaphore', () => {
  useVirtualTime();

  test('[extra] is a Semaphore, and a negative initial value is a RangeError', () => {
    expect(new BoundedSemaphore(2)).toBeInstanceOf(Semaphore);
    expect(() => new BoundedSemaphore(-1)).toThrow(RangeError);
  });

  test('[bounded-semaphore.release] release() above the initial value throws and changes nothing', async () => {
    const sem = new BoundedSemaphore(2);
    expect(() => sem.release()).toThrow(Error);
    // Still two slots, not three.
    await sem.acquire();
    await sem.acquire();
    expect(sem.locked()).toBe(true);
    const third = sem.acquire();
    expect(await stateOf(third)).toBe('pending');
    sem.release();
    await third;
    sem.release();
    sem.release();
    expect(() => sem.release()).toThrow(Error);
    expect(sem.locked()).toBe(false);
  });

  test('[bounded-semaphore.release] a release that hands the slot to a waiter is within bounds', async () => {
    const sem = new BoundedSemaphore(1);
    await sem.acquire();
    const waiting = sem.acquire();
    sem.release();
    await waiting;
    sem.release();
    expect(() => sem.release()).toThrow(Error);
  });

  test('[bounded-semaphore.release] a slot given back by a woken-then-cancelled waiter is counted once', async () => {
    const sem = new BoundedSemaphore(1);
    await sem.acquire();
    const controller = new AbortController();
    const woken = sem.acquire({ signal: controller.signal });
    sem.release();
    controller.abort();
    await expect(woken).rejects.toThrow(CancelledError);
    expect(sem.locked()).toBe(false);
    expect(() => sem.release()).toThrow(Error);
  });
});
