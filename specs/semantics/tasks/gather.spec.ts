/** asyncio.gather: the results of many awaitables, in the order given. */
import { CancelledError, createTask, Future, gather, sleep } from '@port';
import { useVirtualTime } from '../../support/virtual-time';

function after<T>(ms: number, value: T) {
  return createTask((signal) => sleep(ms, value, { signal }));
}
function failAfter(ms: number, message: string) {
  return createTask(async (signal) => {
    await sleep(ms, undefined, { signal });
    throw new Error(message);
  });
}

describe('gather', () => {
  const vt = useVirtualTime();

  test('[gather.results] results come in the order the awaitables were given, not the order they finished', async () => {
    const results = await vt.run(() => gather([after(300, 'a'), after(100, 'b'), after(200, 'c')]));
    expect(results).toEqual(['a', 'b', 'c']);
    expect(vt.now()).toBe(300);
  });

  test('[gather.results] it takes Tasks, plain thenables and coroutine functions alike', async () => {
    const results = await vt.run(() => gather([after(10, 1), Promise.resolve(2), (signal: AbortSignal) => sleep(20, 3, { signal })]));
    expect(results).toEqual([1, 2, 3]);
  });

  test('[gather.failure] the first failure rejects it at once, and the other awaitables keep running', async () => {
    const slow = after(500, 'still runs');
    await expect(vt.run(() => gather([slow, failAfter(100, 'first'), failAfter(200, 'second')]))).rejects.toThrow('first');
    expect(vt.now()).toBe(100);
    expect(slow.cancelled()).toBe(false);
    await expect(vt.run(() => slow)).resolves.toBe('still runs');
  });

  // CPython 3.12/3.13's _GatheringFuture also marks the later exceptions retrieved: nothing is logged.
  test('[gather.failure] the gathering keeps its first failure: a child that fails later changes nothing and is not reported', async () => {
    const gathering = gather([failAfter(100, 'first'), failAfter(200, 'second')]);
    await expect(vt.run(() => gathering)).rejects.toThrow('first');
    await vt.runUntilIdle();
    expect(vt.now()).toBe(200);
    expect((gathering.exception() as Error).message).toBe('first');
    expect(vt.reports).toEqual([]);
  });

  test('[gather.return-exceptions] with returnExceptions, failures take their place among the results', async () => {
    const results = await vt.run(() => gather([after(100, 'ok'), failAfter(50, 'bad')], { returnExceptions: true }));
    expect(results).toEqual(['ok', new Error('bad')]);
    expect(vt.now()).toBe(100);
  });

  // CPython 3.12 and 3.13 (_GatheringFuture): the gathering is never cancelled() itself; it fails with the CancelledError.
  test('[gather.cancelled-child] a cancelled child fails the gathering with its CancelledError: exception() returns it, cancelled() is false (CPython 3.12/3.13)', async () => {
    const cancelled = after(100, 'never');
    const plain = gather([cancelled, after(50, 'x')]);
    cancelled.cancel('stop this one');
    await vt.runUntilIdle();
    expect(plain.cancelled()).toBe(false);
    const error = plain.exception();
    expect(error).toBeInstanceOf(CancelledError);
    expect((error as Error).message).toBe('stop this one');
    await expect(vt.run(() => plain)).rejects.toBe(error);
  });

  test('[gather.cancelled-child] with returnExceptions, a cancelled child has a CancelledError as its result', async () => {
    const kept = after(100, 'never');
    const tolerant = gather([kept, after(50, 'y')], { returnExceptions: true });
    kept.cancel();
    await vt.runUntilIdle();
    expect(tolerant.result()).toEqual([expect.any(CancelledError), 'y']);
  });

  // CPython 3.12/3.13 build that CancelledError from the child's cancel message, which a Task
  // drops when its coroutine ends cancelled (Task.__step calls super().cancel() without it).
  test('[gather.cancelled-child] with returnExceptions, a cancelled Task\'s CancelledError has no message, a cancelled Future\'s keeps it (CPython 3.12/3.13)', async () => {
    const task = after(100, 'never');
    const future = new Future<string>();
    const tolerant = gather([task, future, after(50, 'y')], { returnExceptions: true });
    await vt.runUntil(10);
    task.cancel('stop the task');
    future.cancel('stop the future');
    await vt.runUntilIdle();
    const [fromTask, fromFuture, value] = tolerant.result() as [Error, Error, string];
    expect(fromTask).toBeInstanceOf(CancelledError);
    expect(fromTask.message).toBe(new CancelledError().message);
    expect(fromFuture).toBeInstanceOf(CancelledError);
    expect(fromFuture.message).toBe('stop the future');
    expect(value).toBe('y');
    // Whoever awaits the task itself still sees its cancel message (R6).
    await expect(vt.run(() => task)).rejects.toThrow('stop the task');
  });

  test('[gather.cancel] cancelling the gathering cancels every child still running', async () => {
    const children = [after(100, 1), after(200, 2)];
    const gathering = gather(children);
    await vt.runUntil(150);
    expect(gathering.cancel()).toBe(true);
    await vt.runUntilIdle();
    expect(vt.now()).toBe(150);
    expect(children.map((child) => child.cancelled())).toEqual([false, true]);
    // As in CPython 3.12/3.13: the gathering fails with a CancelledError, it is not cancelled() itself.
    expect(gathering.cancelled()).toBe(false);
    expect(gathering.exception()).toBeInstanceOf(CancelledError);
  });

  // CPython 3.12/3.13: gather(...).cancel('stop') cancels the children with 'stop', and awaiting
  // the gathering raises CancelledError('stop'); cancel() and cancel(None) give one without args.
  test('[gather.cancel] cancel(msg) cancels the children with msg, and the gathering fails with a CancelledError that carries it', async () => {
    const future = new Future<string>();
    const gathering = gather([after(100, 'never'), future]);
    await vt.runUntil(10);
    expect(gathering.cancel('stop')).toBe(true);
    await vt.runUntilIdle();
    expect(() => future.result()).toThrow('stop');
    expect(gathering.exception()).toBeInstanceOf(CancelledError);
    expect((gathering.exception() as Error).message).toBe('stop');
  });

  test.each([
    ['cancel()', (gathering: Future<unknown>) => gathering.cancel()],
    ['cancel(null)', (gathering: Future<unknown>) => gathering.cancel(null)],
  ])('[gather.cancel] %s gives no message: the gathering fails with a CancelledError of the default message', async (_name, cancel) => {
    const gathering = gather([after(100, 'never')]);
    await vt.runUntil(10);
    expect(cancel(gathering)).toBe(true);
    await vt.runUntilIdle();
    expect(gathering.exception()).toBeInstanceOf(CancelledError);
    expect((gathering.exception() as Error).message).toBe(new CancelledError().message);
  });

  test('[gather.results] nothing to gather resolves to an empty list at once', async () => {
    const gathering = gather([]);
    expect(gathering.result()).toEqual([]);
    await expect(vt.run(() => gathering)).resolves.toEqual([]);
  });

  test('[gather.cancel] cancelling a finished gathering returns false and changes nothing', async () => {
    const gathering = gather([after(10, 'a')]);
    await vt.run(() => gathering);
    expect(gathering.cancel()).toBe(false);
    expect(gathering.result()).toEqual(['a']);
  });

  test('[gather.cancel] a gathering cancelled with returnExceptions still ends with a CancelledError, even if a child swallowed the cancellation', async () => {
    const stubborn = createTask(async (signal) => {
      await sleep(100, undefined, { signal }).catch(() => undefined);
      return 'cleaned up';
    });
    const gathering = gather([stubborn], { returnExceptions: true });
    await vt.runUntil(50);
    expect(gathering.cancel()).toBe(true);
    await vt.runUntilIdle();
    expect(stubborn.result()).toBe('cleaned up');
    expect(gathering.exception()).toBeInstanceOf(CancelledError);
  });

  test('[gather.cancel] cancelling a gathering that already failed changes nothing: the children still running keep running', async () => {
    const slow = after(500, 'still runs');
    const gathering = gather([slow, failAfter(100, 'first')]);
    await expect(vt.run(() => gathering)).rejects.toThrow('first');
    expect(gathering.cancel()).toBe(false);
    await expect(vt.run(() => slow)).resolves.toBe('still runs');
  });

  test('[gather.cancel] cancel() after every child finished, before the gathering noticed, returns false and the results still come', async () => {
    const children = [new Future<string>(), new Future<string>()];
    const gathering = gather(children);
    children[0]!.setResult('a');
    children[1]!.setResult('b');
    // The gathering hears of it on a later turn; until then it is pending with nothing left to cancel.
    expect(gathering.done()).toBe(false);
    expect(gathering.cancel()).toBe(false);
    await expect(vt.run(() => gathering)).resolves.toEqual(['a', 'b']);
  });
});
