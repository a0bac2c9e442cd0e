/**
 * Contract rule (issue 12, item 6): every call that can wait takes `{ signal }`, wait, gather
 * and waitFor included. Aborting it is what cancelling a task that awaits the asyncio call
 * does, checked on CPython 3.12.1 and 3.13.0 (docs/contract-notes/cpython/tasks_signal.py):
 * gather cancels its children, wait_for cancels the awaitable it wraps, wait leaves its
 * awaitables running. The awaiting task ends cancelled at that instant.
 */
import { getEventListeners } from 'node:events';
import { CancelledError, createTask, Future, gather, sleep, TimeoutError, wait, waitFor, type Task } from '@port';
import { useVirtualTime } from '../../support/virtual-time';

function after<T>(ms: number, value: T): Task<T> {
  return createTask((signal) => sleep(ms, value, { signal }));
}

describe('[wait.signal] wait, gather and waitFor take { signal }', () => {
  const vt = useVirtualTime();

  test('a task awaiting gather(..., { signal }) and cancelled ends cancelled at once, and gather cancels its children', async () => {
    const children = [after(1000, 1), after(2000, 2)];
    const outer = createTask((signal) => gather(children, { signal }));
    await vt.runUntil(10);
    expect(outer.cancel('stop')).toBe(true);
    await vt.runUntilIdle();
    expect(vt.now()).toBe(10);
    expect(outer.cancelled()).toBe(true);
    expect(children.map((child) => child.cancelled())).toEqual([true, true]);
  });

  // CPython 3.12/3.13: the gathering has nothing left to cancel, so Task.cancel() marks the task
  // itself (_must_cancel) and it ends cancelled when it resumes, instead of with the results.
  test('a task awaiting gather(..., { signal }) and cancelled after every child finished, before gather noticed, still ends cancelled', async () => {
    const children = [new Future<number>(), new Future<number>()];
    const outer = createTask((signal) => gather(children, { signal }));
    await vt.runUntil(0);
    children[0]!.setResult(1);
    children[1]!.setResult(2);
    expect(outer.cancel('late')).toBe(true);
    await vt.runUntilIdle();
    expect(outer.cancelled()).toBe(true);
    await expect(vt.run(() => outer)).rejects.toThrow('late');
  });

  test('a task awaiting waitFor(aw, ms, { signal }) and cancelled ends cancelled at once, and waitFor cancels what it waits for', async () => {
    const inner = after(1000, 'late');
    const outer = createTask((signal) => waitFor(inner, 5000, { signal }));
    await vt.runUntil(10);
    expect(outer.cancel()).toBe(true);
    await vt.runUntilIdle();
    expect(vt.now()).toBe(10);
    expect(outer.cancelled()).toBe(true);
    expect(inner.cancelled()).toBe(true);
  });

  // CPython 3.12/3.13: Task.cancel(msg) cancels the future the task awaits with that message, so
  // the coroutine inside wait_for(aw, ms), wait_for(aw, None) (a plain await) or gather sees it.
  type Wrapping = (inner: Task<unknown>, signal: AbortSignal) => PromiseLike<unknown>;
  test.each<[string, Wrapping]>([
    ['waitFor(aw, ms)', (inner, signal) => waitFor(inner, 5000, { signal })],
    ['waitFor(aw, null)', (inner, signal) => waitFor(inner, null, { signal })],
    ['gather', (inner, signal) => gather([inner], { signal })],
  ])('the task that %s wraps is cancelled with the cancel message of the task awaiting it', async (_name, call) => {
    const seen: unknown[] = [];
    const inner = createTask<unknown>(async (signal) => {
      try {
        return await sleep(1000, 'late', { signal });
      } catch (error) {
        seen.push(error instanceof CancelledError ? error.message : error);
        throw error;
      }
    });
    const outer = createTask<unknown>((signal) => call(inner, signal));
    await vt.runUntil(10);
    outer.cancel('stop');
    await vt.runUntilIdle();
    expect(seen).toEqual(['stop']);
    expect(outer.cancelled()).toBe(true);
  });

  // CPython 3.12.1 and 3.13.0: outer.cancel('bye') on a task in wait_for(f, 1) or wait_for(f, None)
  // cancels the plain future f before cancel() returns, with that message. A cancellation pending
  // when the task reaches wait_for(f, ...) is delivered into f the same way.
  describe.each([5000, null])('waitFor(future, %p, { signal }) and a plain Future', (ms) => {
    test('an abort cancels the Future before abort() returns, with the cancel message', async () => {
      const future = new Future<string>();
      const controller = new AbortController();
      const waiting = waitFor(future, ms, { signal: controller.signal });
      await vt.runUntil(10);
      controller.abort(new CancelledError('bye'));
      expect(future.cancelled()).toBe(true);
      expect(() => future.result()).toThrow('bye');
      await expect(vt.run(() => waiting)).rejects.toThrow('bye');
    });

    test('a signal already aborted cancels the Future with the cancel message', async () => {
      const future = new Future<string>();
      await expect(vt.run(() => waitFor(future, ms, { signal: AbortSignal.abort(new CancelledError('bye')) }))).rejects.toThrow('bye');
      expect(future.cancelled()).toBe(true);
      expect(() => future.result()).toThrow('bye');
    });
  });

  // CPython 3.12.1 and 3.13.0: the task in wait_for(inner, 1) or wait_for(inner, None), cancelled,
  // goes on with the value inner returns after catching the CancelledError.
  test.each([5000, null])('waitFor(task, %p, { signal }): a task that swallows the cancellation gives its value', async (ms) => {
    const stubborn = createTask(async (signal) => {
      await sleep(1000, undefined, { signal }).catch(() => sleep(20));
      return 'swallowed';
    });
    const controller = new AbortController();
    const waiting = waitFor(stubborn, ms, { signal: controller.signal });
    await vt.runUntil(10);
    controller.abort();
    await expect(vt.run(() => waiting)).resolves.toBe('swallowed');
    expect(vt.now()).toBe(30);
  });

  test('a task awaiting wait(fs, { signal }) and cancelled ends cancelled at once, and the futures keep running', async () => {
    const inner = after(50, 'still comes');
    const outer = createTask((signal) => wait([inner], { signal }));
    await vt.runUntil(10);
    expect(outer.cancel()).toBe(true);
    await vt.runUntil(10);
    expect(outer.cancelled()).toBe(true);
    expect(inner.done()).toBe(false);
    await expect(vt.run(() => inner)).resolves.toBe('still comes');
    expect(vt.now()).toBe(50);
  });

  test.each([
    ['gather', (signal: AbortSignal) => gather([after(1000, 1)], { signal })],
    ['waitFor', (signal: AbortSignal) => waitFor(after(1000, 1), 5000, { signal })],
    ['wait', (signal: AbortSignal) => wait([after(1000, 1)], { signal })],
  ] as const)('%s: an aborted signal rejects with a CancelledError that keeps the abort reason as its cause', async (_name, call) => {
    const controller = new AbortController();
    const waiting = Promise.resolve(call(controller.signal));
    await vt.runUntil(10);
    controller.abort(new Error('user gave up'));
    const error: unknown = await vt.run(() => waiting).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CancelledError);
    expect((error as Error).cause).toEqual(new Error('user gave up'));
    await vt.runUntilIdle();
  });

  test.each([
    ['gather', (signal: AbortSignal) => gather([(s: AbortSignal) => sleep(10, 1, { signal: s })], { signal })],
    ['waitFor', (signal: AbortSignal) => waitFor((s: AbortSignal) => sleep(10, 1, { signal: s }), 100, { signal })],
    ['wait', (signal: AbortSignal) => wait([after(10, 1)], { signal })],
  ] as const)('%s with a signal already aborted rejects with CancelledError at once, before what it waits for ends', async (_name, call) => {
    await expect(vt.run((): PromiseLike<unknown> => call(AbortSignal.abort()))).rejects.toBeInstanceOf(CancelledError);
    expect(vt.now()).toBe(0);
    await vt.runUntilIdle();
  });

  test('the signal of a call that ended is left without listeners, so a long-lived signal does not pile them up', async () => {
    const controller = new AbortController();
    const { signal } = controller;
    await vt.run(() => Promise.all([gather([after(10, 1)], { signal }), waitFor(after(10, 1), 100, { signal }), wait([after(10, 1)], { signal })]));
    // Out of time, waitFor listens to the signal while the awaitable cancels (R32, R34), then lets go.
    const timedOut = [waitFor(after(100, 1), 10, { signal }), waitFor(after(100, 1), 0, { signal })];
    await vt.run(() => Promise.allSettled(timedOut));
    await Promise.all(timedOut.map((call) => expect(call).rejects.toBeInstanceOf(TimeoutError)));
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });
});
