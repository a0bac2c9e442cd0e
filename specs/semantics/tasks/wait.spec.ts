/** asyncio.wait: done and pending sets once the return condition holds or the timeout runs out. */
import { CancelledError, createTask, Future, sleep, wait } from '@port';
import { useVirtualTime } from '../../support/virtual-time';

/** A future that is done already. */
function finished(value: number): Future<number> {
  const future = new Future<number>();
  future.setResult(value);
  return future;
}

/** Tasks that finish (or fail) after the given virtual ms. */
function after(ms: number, outcome: 'ok' | 'fail' = 'ok') {
  return createTask(async (signal) => {
    await sleep(ms, undefined, { signal });
    if (outcome === 'fail') throw new Error(`failed at ${ms}`);
    return ms;
  });
}

describe('wait', () => {
  const vt = useVirtualTime();

  test('[wait.return-when] ALL_COMPLETED (the default) returns when every future is done', async () => {
    const tasks = [after(300), after(100), after(200, 'fail')];
    const { done, pending } = await vt.run(() => wait(tasks));
    expect(vt.now()).toBe(300);
    expect(done).toEqual(new Set(tasks));
    expect(pending.size).toBe(0);
  });

  test('[wait.return-when] FIRST_COMPLETED returns as soon as one is done; the others keep running', async () => {
    const [slow, fast] = [after(300), after(100)];
    const { done, pending } = await vt.run(() => wait([slow!, fast!], { returnWhen: 'FIRST_COMPLETED' }));
    expect(vt.now()).toBe(100);
    expect(done).toEqual(new Set([fast]));
    expect(pending).toEqual(new Set([slow]));
    await vt.run(() => slow!);
    expect(vt.now()).toBe(300);
  });

  test('[wait.return-when] FIRST_EXCEPTION returns at the first failure, not at the first success', async () => {
    const tasks = [after(100), after(200, 'fail'), after(300)];
    const { done, pending } = await vt.run(() => wait(tasks, { returnWhen: 'FIRST_EXCEPTION' }));
    expect(vt.now()).toBe(200);
    expect(done).toEqual(new Set(tasks.slice(0, 2)));
    expect(pending).toEqual(new Set([tasks[2]]));
    await vt.runUntilIdle();
  });

  test('[wait.return-when] FIRST_EXCEPTION without any failure waits for all', async () => {
    const tasks = [after(100), after(200)];
    const { pending } = await vt.run(() => wait(tasks, { returnWhen: 'FIRST_EXCEPTION' }));
    expect(vt.now()).toBe(200);
    expect(pending.size).toBe(0);
  });

  test('[wait.timeout] a timeout returns what is done by then, neither throwing nor cancelling the rest', async () => {
    const [fast, slow] = [after(100), after(500)];
    const { done, pending } = await vt.run(() => wait([fast!, slow!], { timeout: 250 }));
    expect(vt.now()).toBe(250);
    expect(done).toEqual(new Set([fast]));
    expect(pending).toEqual(new Set([slow]));
    expect(slow!.cancelled()).toBe(false);
    await expect(vt.run(() => slow!)).resolves.toBe(500);
  });

  test('[wait.timeout] finishing before the timeout leaves no timer behind', async () => {
    await vt.run(() => wait([after(100)], { timeout: 10_000 }));
    expect(vt.now()).toBe(100);
    expect(vt.pendingTimers()).toBe(0);
  });

  describe('[wait.done-already] futures already done', () => {
    test('count at once: with every future done, ALL_COMPLETED returns without the clock moving', async () => {
      const futures = [finished(1), finished(2)];
      const { done, pending } = await vt.run(() => wait(futures));
      expect(vt.now()).toBe(0);
      expect(done).toEqual(new Set(futures));
      expect(pending.size).toBe(0);
    });

    test('FIRST_COMPLETED returns at once when one is done already', async () => {
      const [ready, slow] = [finished(1), after(300)];
      const { done, pending } = await vt.run(() => wait([ready!, slow!], { returnWhen: 'FIRST_COMPLETED' }));
      expect(vt.now()).toBe(0);
      expect(done).toEqual(new Set([ready]));
      expect(pending).toEqual(new Set([slow]));
      await vt.run(() => slow!);
    });

    test('count once: ALL_COMPLETED with one done and one running waits for the running one', async () => {
      const [ready, slow] = [finished(1), after(300)];
      const { done, pending } = await vt.run(() => wait([ready!, slow!]));
      expect(vt.now()).toBe(300);
      expect(done).toEqual(new Set([ready, slow]));
      expect(pending.size).toBe(0);
    });
  });

  // asyncio: the timeout (or a future's end) only wakes the task; cancelled before it resumes,
  // the task sees CancelledError at its await (seed 1, run 3191).
  test('[wait.signal] timed out and aborted by another timer of the same instant before it resumes: CancelledError', async () => {
    const controller = new AbortController();
    const outcome = await vt.run(async () => {
      const waiting = wait([new Future<number>()], { timeout: 40, signal: controller.signal });
      setTimeout(() => controller.abort(), 40);
      return waiting.then(() => 'returned', (error: unknown) => error);
    });
    expect(outcome).toBeInstanceOf(CancelledError);
    expect(vt.now()).toBe(40);
  });

  test('[extra] misuse is a TypeError: no futures, a bare promise, an unknown returnWhen', async () => {
    await expect(wait([])).rejects.toThrow(TypeError);
    await expect(wait([Promise.resolve(1)] as never)).rejects.toThrow(/createTask/);
    const task = after(1);
    await expect(wait([task], { returnWhen: 'ANY' as never })).rejects.toThrow(TypeError);
    await vt.run(() => task);
  });
});
