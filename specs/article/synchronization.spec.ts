/**
 * The article's synchronization section (test5-test8), replayed in virtual time against the
 * stubbed service. Where the article's own run staggered its answers by a millisecond, the
 * stub replays those delays and the numbers it printed, so the exact print order is pinned.
 */
import { Condition, Lock, Semaphore } from '@port';
import { main as test5 } from '../../fixtures/article/test5';
import { main as test6 } from '../../fixtures/article/test6';
import { main as test7 } from '../../fixtures/article/test7';
import { main as test8 } from '../../fixtures/article/test8';
import { ARTICLE_RANDOM } from '../../fixtures/claims/ledger';
import type { ServiceRequest } from '../../fixtures/service/web-service';
import { recordFigure } from '../support/figures';
import { useVirtualTime } from '../support/virtual-time';

/** The most requests the service was answering at any one instant. */
function maxInFlight(requests: readonly ServiceRequest[]): number {
  // At one instant answers leave before arrivals come in: a hand-off is not an overlap.
  const events = requests.flatMap((r) => [
    { at: r.arrivedAt, delta: +1 },
    { at: r.answeredAt ?? Infinity, delta: -1 },
  ]);
  events.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let inFlight = 0;
  let max = 0;
  for (const { delta } of events) max = Math.max(max, (inFlight += delta));
  return max;
}

const { test6: TEST6_NUMBERS, test7: TEST7_NUMBERS, test8: TEST8_NUMBERS } = ARTICLE_RANDOM;

describe('synchronization', () => {
  const vt = useVirtualTime();

  describe('Lock (test5)', () => {
    test('[C12] a Lock around each request runs the three one after another: 3000 ms, results still [0, 1, 2]', async () => {
      const { url } = vt.service();
      const results = await vt.run(() => test5({ url, print: vt.trace.log }));
      recordFigure('C12', vt.now());
      recordFigure('C12', results);
      expect(results).toEqual([0, 1, 2]);
      expect(vt.now()).toBe(3000);
      expect(vt.trace.entries).toEqual([
        [1000, 'response {"msg":"ok"}'],
        [2000, 'response {"msg":"ok"}'],
        [3000, 'response {"msg":"ok"}'],
        [3000, '[0,1,2]'],
      ]);
    });

    test('[C12] request k+1 starts the instant request k answers, and never two run at once', async () => {
      const { url, service } = vt.service({ delay: [700, 1300, 400] });
      await vt.run(() => test5({ url, print: vt.trace.log }));
      const requests = service.requests;
      expect(requests.map((r) => [r.arrivedAt, r.answeredAt])).toEqual([
        [0, 700],
        [700, 2000],
        [2000, 2400],
      ]);
      expect(maxInFlight(requests)).toBe(1);
    });
  });

  describe('Event (test6)', () => {
    test("[C13] with the article's numbers and answers 1 ms apart, each response is followed by the waiters its set() woke", async () => {
      const { url } = vt.service({ delay: [1000, 1001, 1002], random: TEST6_NUMBERS });
      const { waiters, numbers } = await vt.run(() => test6({ url: new URL('/random', url).href, print: vt.trace.log }));
      recordFigure('C13', vt.now());
      // The article's names are crossed: a number above 0.5 sets the big event, which the "small" waiters wait for.
      expect(vt.trace.entries).toEqual([
        [1000, `response {"msg":${TEST6_NUMBERS[0]}}`],
        [1000, 'small waiter got the event'],
        [1000, 'small waiter got the event'],
        [1001, `response {"msg":${TEST6_NUMBERS[1]}}`],
        [1001, 'big waiter got the event'],
        [1001, 'big waiter got the event'],
        [1002, `response {"msg":${TEST6_NUMBERS[2]}}`],
      ]);
      expect(numbers).toEqual(TEST6_NUMBERS);
      expect(waiters.every((waiter) => waiter.done() && !waiter.cancelled())).toBe(true);
      expect(vt.now()).toBe(1002);
    });

    test('[C13] with all three answers at 1000 ms the three responses print first, then the four waiters', async () => {
      const { url } = vt.service({ random: TEST6_NUMBERS });
      await vt.run(() => test6({ url: new URL('/random', url).href, print: vt.trace.log }));
      expect(vt.trace.entries).toEqual([
        [1000, `response {"msg":${TEST6_NUMBERS[0]}}`],
        [1000, `response {"msg":${TEST6_NUMBERS[1]}}`],
        [1000, `response {"msg":${TEST6_NUMBERS[2]}}`],
        [1000, 'small waiter got the event'],
        [1000, 'small waiter got the event'],
        [1000, 'big waiter got the event'],
        [1000, 'big waiter got the event'],
      ]);
    });

    test('[C13] no waiter runs before a response sets its event', async () => {
      // Only small numbers: the big event is set by main after the session, at the very end.
      const { url } = vt.service({ delay: [1000, 1500, 2000], random: [0.1, 0.2, 0.3] });
      await vt.run(() => test6({ url: new URL('/random', url).href, print: vt.trace.log }));
      expect(vt.trace.at('big waiter got the event')).toBe(1000);
      expect(vt.trace.labels().slice(-2)).toEqual(['small waiter got the event', 'small waiter got the event']);
      expect(vt.trace.at('small waiter got the event')).toBe(2000);
      expect(vt.trace.labels().filter((label) => label.endsWith('got the event'))).toHaveLength(4);
    });
  });

  describe('Condition (test7)', () => {
    const test7Url = (url: string): string => new URL('/random', url).href;

    test("[C14] notify(2) with the article's numbers and answers at 1000, 1001, 1001 ms prints the article's order", async () => {
      const { url } = vt.service({ delay: [1000, 1001, 1001], random: TEST7_NUMBERS });
      const { waiters } = await vt.run(() => test7({ url: test7Url(url), print: vt.trace.log }));
      recordFigure('C14', vt.now());
      expect(vt.trace.entries).toEqual([
        [1000, `response {"msg":${TEST7_NUMBERS[0]}}`],
        [1000, 'waiter[0] done'],
        [1000, 'waiter[1] done'],
        [1001, `response {"msg":${TEST7_NUMBERS[1]}}`],
        [1001, `response {"msg":${TEST7_NUMBERS[2]}}`],
        [1001, 'waiter[2] done'],
      ]);
      expect(waiters.every((waiter) => waiter.done() && !waiter.cancelled())).toBe(true);
    });

    test('[C14] notify(2) wakes exactly two waiters: the third stays asleep until a later notify', async () => {
      const { url } = vt.service({ delay: [1000, 3000, 5000], random: TEST7_NUMBERS });
      await vt.run(() => test7({ url: test7Url(url), print: vt.trace.log }));
      expect(vt.trace.at('waiter[0] done')).toBe(1000);
      expect(vt.trace.at('waiter[1] done')).toBe(1000);
      expect(vt.trace.at('waiter[2] done')).toBe(3000);
    });

    test('[C14] notify() wakes one waiter per response', async () => {
      const { url } = vt.service({ delay: [1000, 2000, 3000], random: TEST7_NUMBERS });
      await vt.run(() => test7({ url: test7Url(url), print: vt.trace.log, wake: 1 }));
      expect([0, 1, 2].map((id) => vt.trace.at(`waiter[${id}] done`))).toEqual([1000, 2000, 3000]);
    });

    test('[C14] notifyAll() wakes every waiter on the first response', async () => {
      const { url } = vt.service({ delay: [1000, 2000, 3000], random: TEST7_NUMBERS });
      await vt.run(() => test7({ url: test7Url(url), print: vt.trace.log, wake: 'all' }));
      expect([0, 1, 2].map((id) => vt.trace.at(`waiter[${id}] done`))).toEqual([1000, 1000, 1000]);
    });

    test('[C14] with fewer notifications than waiters, the rest keep waiting (and can be cancelled)', async () => {
      const { url } = vt.service({ random: TEST7_NUMBERS });
      const { waiters } = await vt.run(() => test7({ url: test7Url(url), print: vt.trace.log, wake: 0 }));
      expect(vt.trace.labels().filter((label) => label.startsWith('waiter'))).toEqual([]);
      expect(waiters.some((waiter) => waiter.done())).toBe(false);
      for (const waiter of waiters) waiter.cancel();
      await vt.runUntilIdle();
      expect(waiters.every((waiter) => waiter.cancelled())).toBe(true);
    });

    test('[C14] waiting or notifying without holding the lock is an error', async () => {
      const cond = new Condition();
      await expect(async () => cond.wait()).rejects.toThrow(Error);
      expect(() => cond.notify(2)).toThrow(Error);
      expect(() => cond.notifyAll()).toThrow(Error);
      expect(cond.locked()).toBe(false);
    });
  });

  describe('Semaphore (test8)', () => {
    test('[C15] Semaphore(2): two requests finish at 1000 ms, the third at 2000 ms, never more than two at once', async () => {
      const { url, service } = vt.service({ random: TEST8_NUMBERS });
      await vt.run(() => test8({ url: new URL('/random', url).href, print: vt.trace.log }));
      recordFigure('C15', vt.now());
      expect(vt.trace.entries).toEqual([
        [1000, `worker[0] response {"msg":${TEST8_NUMBERS[0]}}`],
        [1000, `worker[1] response {"msg":${TEST8_NUMBERS[1]}}`],
        [2000, `worker[2] response {"msg":${TEST8_NUMBERS[2]}}`],
      ]);
      expect(maxInFlight(service.requests)).toBe(2);
      expect(vt.now()).toBe(2000);
    });

    test('[C15] the third request starts the instant a slot is given back', async () => {
      const { url, service } = vt.service({ delay: [1000, 400, 1000] });
      await vt.run(() => test8({ url, print: vt.trace.log }));
      expect(service.requests.map((r) => r.arrivedAt)).toEqual([0, 0, 400]);
      expect(vt.now()).toBe(1400);
    });
  });

  describe('summary: a Semaphore bounds concurrency when tasks far outnumber the limit', () => {
    test('[C16] 1000 tasks behind Semaphore(2) never exceed two inside, all finish, in FIFO order', async () => {
      const { url, service } = vt.service({ delay: 10 });
      await vt.run(() => test8({ url, workers: 1000, print: vt.trace.log }));
      const order = vt.trace.labels().map((label) => Number(/^worker\[(\d+)\]/.exec(label)![1]));
      expect(order).toEqual(Array.from({ length: 1000 }, (_, i) => i));
      expect(maxInFlight(service.requests)).toBe(2);
      expect(vt.now()).toBe(500 * 10);
      // The figure: how many tasks finished, in FIFO order, never more than two inside.
      recordFigure('C16', order.length);
    });

    test('[C16] each primitive does its own job: exclusive, one-to-many, counted few, bounded', async () => {
      const lock = new Lock();
      const sem = new Semaphore(2);
      const cond = new Condition();
      await lock.acquire();
      expect(lock.locked()).toBe(true);
      await sem.acquire();
      expect(sem.locked()).toBe(false);
      await sem.acquire();
      expect(sem.locked()).toBe(true);
      await cond.acquire();
      expect(() => cond.notify(3)).not.toThrow();
      cond.release();
      lock.release();
      sem.release();
      sem.release();
    });
  });
});
