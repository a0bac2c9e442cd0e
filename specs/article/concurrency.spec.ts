/**
 * The article's section on concurrency: test1 to test4, run against the stubbed service in
 * virtual time, so each elapsed time is exact.
 */
import { ClientSession, createTask, ServerDisconnectedError, SessionClosedError, sleep, wait, type Future } from '@port';
import { main as test1 } from '../../fixtures/article/test1';
import { main as test2 } from '../../fixtures/article/test2';
import { main as test3 } from '../../fixtures/article/test3';
import { main as test4 } from '../../fixtures/article/test4';
import { recordFigure } from '../support/figures';
import { useVirtualTime } from '../support/virtual-time';

const RESPONSE = 'response {"msg":"ok"}';

describe('concurrency, concurrency, concurrency', () => {
  const vt = useVirtualTime();

  describe('test1: awaiting each request in turn', () => {
    test('[C05] three requests awaited one after another take exactly 3000 ms', async () => {
      const { url } = vt.service();
      await vt.run(() => test1({ url, print: vt.trace.log }));
      recordFigure('C05', vt.now());
      expect(vt.now()).toBe(3000);
      expect(vt.trace.entries).toEqual([
        [1000, RESPONSE],
        [2000, RESPONSE],
        [3000, RESPONSE],
      ]);
    });

    test('[C05] request k is sent only once request k-1 has been answered', async () => {
      const { url, service } = vt.service();
      await vt.run(() => test1({ url, print: vt.trace.log }));
      const [first, ...rest] = service.requests;
      expect(first!.arrivedAt).toBe(0);
      rest.forEach((request, k) => expect(request.arrivedAt).toBe(service.requests[k]!.answeredAt));
    });
  });

  describe('test2: scheduling each request as a task', () => {
    test('[C06] the three requests all start at 0 ms and answer at 1000 ms; the 1.1 s sleep makes it 1100 ms', async () => {
      const { url, service } = vt.service();
      await vt.run(() => test2({ url, print: vt.trace.log }));
      recordFigure('C06', vt.now());
      expect(service.requests.map((r) => [r.arrivedAt, r.answeredAt])).toEqual([
        [0, 1000],
        [0, 1000],
        [0, 1000],
      ]);
      expect(vt.trace.entries).toEqual([
        [1000, RESPONSE],
        [1000, RESPONSE],
        [1000, RESPONSE],
      ]);
      expect(vt.now()).toBe(1100);
    });

    test('[C07] without the sleep, the session closes first and every task fails with "Session is closed", sending nothing', async () => {
      const { url, service } = vt.service();
      const tasks = await vt.run(async () => {
        const scheduled = await test2({ url, print: vt.trace.log, pause: null });
        await wait(scheduled);
        return scheduled;
      });
      expect(tasks).toHaveLength(3);
      for (const task of tasks) {
        expect(task.exception()).toBeInstanceOf(SessionClosedError);
        expect((task.exception() as Error).message).toBe('Session is closed');
      }
      expect(service.requests).toEqual([]);
      expect(vt.trace.entries).toEqual([]);
      recordFigure('C07', tasks.map((task) => (task.exception() as Error).message).join(', '));
    });

    test('[C08] with the service slowed to 1200 ms the same code fails: the session closes at 1100 ms under the three requests in flight, which fail with "Server disconnected" (aiohttp 3.12.4+), never a silent success', async () => {
      const { url, service } = vt.service({ delay: 1200 });
      let tasks: Future<void>[] = [];
      await vt.run(async () => {
        tasks = await test2({ url, print: vt.trace.log });
        await wait(tasks);
      });
      expect(vt.now()).toBe(1100);
      expect(service.requests).toHaveLength(3);
      expect(tasks.map((task) => task.exception())).toEqual([
        new ServerDisconnectedError('Server disconnected'),
        new ServerDisconnectedError('Server disconnected'),
        new ServerDisconnectedError('Server disconnected'),
      ]);
      for (const task of tasks) expect(task.exception()).toBeInstanceOf(ServerDisconnectedError);
      expect(vt.trace.entries).toEqual([]);
      recordFigure('C08', vt.now(), 'requests in flight failed with "Server disconnected" when the session closed');
    });
  });

  describe('test3: wait() on the tasks', () => {
    test('[C09] wait() returns when all three are done: done holds the 3 tasks, pending is empty, 1000 ms', async () => {
      const { url } = vt.service();
      const { done, pending } = await vt.run(() => test3({ url, print: vt.trace.log }));
      recordFigure('C09', vt.now());
      expect(done.size).toBe(3);
      for (const task of done) expect([task.done(), task.cancelled(), task.exception()]).toEqual([true, false, undefined]);
      expect(pending.size).toBe(0);
      expect(vt.now()).toBe(1000);
      expect(vt.trace.labels()).toEqual([RESPONSE, RESPONSE, RESPONSE, 'done: 3 tasks, pending: 0 tasks']);
    });
  });

  describe('test4: gather() for the results', () => {
    test('[C10] gather() returns [0, 1, 2], the results in task order, after exactly 1000 ms', async () => {
      const { url } = vt.service();
      const results = await vt.run(() => test4({ url, print: vt.trace.log }));
      recordFigure('C10', vt.now());
      recordFigure('C10', results);
      expect(results).toEqual([0, 1, 2]);
      expect(vt.trace.entries.at(-1)).toEqual([1000, '[0,1,2]']);
      expect(vt.now()).toBe(1000);
    });

    test('[C10] the results keep task order when the answers arrive in reverse order, and it lasts as long as the slowest', async () => {
      const { url, service } = vt.service({ delay: [1000, 900, 800] });
      const results = await vt.run(() => test4({ url, print: vt.trace.log }));
      expect(service.requests.map((r) => r.answeredAt)).toEqual([1000, 900, 800]);
      expect(results).toEqual([0, 1, 2]);
      expect(vt.now()).toBe(1000);
    });
  });

  describe('summary', () => {
    test('[C11] a created task runs although nothing awaits it: its request is sent', async () => {
      const { url, service } = vt.service();
      await vt.run(async () => {
        await using session = new ClientSession();
        createTask(async (signal) => {
          const response = await session.get(url, { signal });
          vt.trace.log(`unawaited task got ${response.status}`);
        });
        // Only the clock passes here; nobody awaits the task or even keeps it.
        await sleep(1100);
      });
      expect(service.requests.map((r) => r.arrivedAt)).toEqual([0]);
      expect(vt.trace.entries).toEqual([[1000, 'unawaited task got 200']]);
    });

    test('[C11] creating 10 000 tasks takes no time: none starts inside createTask, all start on the next turn, in order', async () => {
      const started: number[] = [];
      await vt.run(async () => {
        const tasks = Array.from({ length: 10_000 }, (_, i) =>
          createTask(async () => {
            started.push(i);
            return i;
          }),
        );
        expect(started).toEqual([]);
        await wait(tasks);
      });
      expect(vt.now()).toBe(0);
      // Where the first task out of creation order is (-1: none). toEqual on the whole list
      // says no more, and walking 10,000 numbers took it a third of this test's time.
      expect({ started: started.length, firstOutOfOrder: started.findIndex((task, i) => task !== i) }).toEqual({ started: 10_000, firstOutOfOrder: -1 });
      recordFigure('C11', started.length, 'tasks created and run in 0 virtual ms');
    });
  });
});
