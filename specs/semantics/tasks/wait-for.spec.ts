/** asyncio.wait_for: a result within the time allowed, or TimeoutError and a cancelled task. */
import { CancelledError, Condition, createTask, Future, sleep, TimeoutError, waitFor } from '@port';
import { useVirtualTime } from '../../support/virtual-time';

describe('waitFor', () => {
  const vt = useVirtualTime();

  test('[wait-for.result] a result within the time allowed comes back, and no timer is left', async () => {
    await expect(vt.run(() => waitFor((signal: AbortSignal) => sleep(100, 'in time', { signal }), 1000))).resolves.toBe('in time');
    expect(vt.now()).toBe(100);
    expect(vt.pendingTimers()).toBe(0);
  });

  test('[wait-for.timeout] out of time: TimeoutError exactly at the limit, and the task it waited for is cancelled', async () => {
    const task = createTask((signal) => sleep(5000, 'late', { signal }));
    await expect(vt.run(() => waitFor(task, 300))).rejects.toBeInstanceOf(TimeoutError);
    expect(vt.now()).toBe(300);
    expect(task.cancelled()).toBe(true);
    expect(task.signal.reason).toBeInstanceOf(CancelledError);
  });

  test('[wait-for.timeout] a task whose own sleep ends at the limit too is cancelled: the time-out, set first, fires first (CPython 3.13)', async () => {
    const caller = createTask(async () => {
      const child = createTask((signal) => sleep(10, 'child', { signal }));
      return waitFor(child, 10).then(
        (value) => ({ value, child: child.cancelled() }),
        (error: unknown) => ({ error: (error as Error).name, child: child.cancelled() }),
      );
    });
    await expect(vt.run(() => caller)).resolves.toEqual({ error: 'TimeoutError', child: true });
    expect(vt.now()).toBe(10);
  });

  test('[wait-for.timeout] it waits for the cancelled task to finish cleaning up before throwing', async () => {
    const events: string[] = [];
    const task = createTask(async (signal) => {
      try {
        await sleep(5000, undefined, { signal });
      } finally {
        await sleep(50);
        events.push(`cleaned up at ${Date.now()}`);
      }
    });
    await expect(vt.run(() => waitFor(task, 100))).rejects.toBeInstanceOf(TimeoutError);
    expect(events).toEqual(['cleaned up at 150']);
    expect(vt.now()).toBe(150);
  });

  // CPython 3.13.0 (docs/contract-notes/cpython/wait_for_second_cancel.py): the task awaiting
  // wait_for(inner, 0.04), cancelled at 0.05 while inner still reacquires its Condition's lock
  // (which swallows cancellations until it has it), ends when inner does, at 0.07 when the holder
  // releases, with CancelledError('late'): past a positive limit the caller awaits inner itself.
  // (A clean-up that a second cancel() could interrupt ends sooner in asyncio; the port cannot
  // deliver that cancel, N3, R32.)
  test('[wait-for.timeout] cancelled itself while the timed-out task still cleans up: it ends when that task does, with CancelledError, not TimeoutError', async () => {
    const condition = new Condition();
    const inner = createTask(async (signal) => {
      await condition.acquire();
      try {
        await condition.wait({ signal });
      } finally {
        condition.release();
      }
    });
    const holder = createTask(async () => {
      await sleep(1);
      await condition.acquire();
      await sleep(69);
      condition.release();
    });
    const caller = createTask((signal) => waitFor(inner, 40, { signal }));
    await vt.runUntil(50);
    expect(caller.cancel('late')).toBe(true);
    await expect(vt.run(() => caller)).rejects.toMatchObject({ name: 'CancelledError', message: 'late' });
    expect([vt.now(), caller.cancelled(), inner.cancelled()]).toEqual([70, true, true]);
    await holder;
  });

  // CPython 3.12.1 and 3.13.0: a done callback of the timed-out future that cancels the caller runs
  // before wait_for resumes; the caller then ends cancelled, not with TimeoutError.
  test('[wait-for.timeout] cancelled by a done callback of the timed-out awaitable, before waitFor resumes: CancelledError, not TimeoutError', async () => {
    const future = new Future<string>();
    const caller = createTask((signal) => waitFor(future, 10, { signal }));
    future.addDoneCallback(() => caller.cancel('late'));
    await expect(vt.run(() => caller)).rejects.toThrow('late');
    expect([vt.now(), caller.cancelled(), future.cancelled()]).toEqual([10, true, true]);
  });

  // CPython 3.12.1 and 3.13.0, limits 0, 1 s and None: wait_for of a future cancelled before or
  // during the wait raises that CancelledError; only its own time-out becomes TimeoutError.
  describe('[wait-for.result] an awaitable cancelled by someone else rethrows its CancelledError, never TimeoutError', () => {
    test.each([0, 100, null])('cancelled before waitFor(future, %p)', async (ms) => {
      const future = new Future<string>();
      future.cancel('gone');
      await expect(vt.run(() => waitFor(future, ms))).rejects.toMatchObject({ name: 'CancelledError', message: 'gone' });
    });

    test.each([100, null])('cancelled while waitFor(future, %p) waits', async (ms) => {
      const future = new Future<string>();
      const waiting = waitFor(future, ms);
      await vt.runUntil(10);
      future.cancel('gone');
      await expect(vt.run(() => waiting)).rejects.toMatchObject({ name: 'CancelledError', message: 'gone' });
      expect(vt.now()).toBe(10);
    });
  });

  // CPython 3.12.1 and 3.13.0: wait_for(inner, 0) waits for the cancelled inner on a future of
  // its own; the caller cancelled at 10 ms ends with CancelledError('late') then, inner still running.
  test('[wait-for.nonpositive] cancelled itself while the task it cancelled at once still cleans up: CancelledError at that instant', async () => {
    const inner = createTask(async (signal) => {
      try {
        await sleep(1000, undefined, { signal });
      } catch {
        await sleep(20);
        throw new Error('cleanup failed');
      }
    });
    await vt.runUntil(1);
    const caller = createTask((signal) => waitFor(inner, 0, { signal }));
    await vt.runUntil(10);
    expect(caller.cancel('late')).toBe(true);
    await expect(vt.run(() => caller)).rejects.toThrow('late');
    expect(vt.now()).toBe(10);
    expect(inner.done()).toBe(false);
    await expect(vt.run(() => inner)).rejects.toThrow('cleanup failed');
  });

  test('[wait-for.no-limit] a null limit waits as long as it takes', async () => {
    await expect(vt.run(() => waitFor((signal: AbortSignal) => sleep(99_000, 'eventually', { signal }), null))).resolves.toBe('eventually');
    expect(vt.now()).toBe(99_000);
  });

  // CPython 3.12.1 and 3.13.0 (docs/contract-notes/cpython/tasks_wait_for.py, cleanup_then_cancelled):
  // wait_for(t, None) is `await t`, so the caller cancelled at 10 ms cancels t and ends when t
  // does, at 40 ms, with CancelledError('stop'). (A task that swallows the cancellation gives its
  // value instead: signal-option.spec.ts.)
  test('[wait-for.no-limit] cancelled itself with no limit, it ends when the task it cancelled does: a task that cleans up and ends cancelled', async () => {
    const inner = createTask(async (signal) => {
      try {
        await sleep(10_000, undefined, { signal });
      } finally {
        await sleep(30);
      }
    });
    const caller = createTask((signal) => waitFor(inner, null, { signal }));
    await vt.runUntil(10);
    caller.cancel('stop');
    await expect(vt.run(() => caller)).rejects.toMatchObject({ name: 'CancelledError', message: 'stop' });
    expect(vt.now()).toBe(40);
  });

  test('[extra] a limit that is not a number is a TypeError; NaN is a RangeError (as 3.13 refuses a NaN delay)', async () => {
    await expect(waitFor(Promise.resolve(1), Number.NaN)).rejects.toThrow(RangeError);
    await expect(waitFor(Promise.resolve(1), '1' as never)).rejects.toThrow(TypeError);
  });

  test('[wait-for.result] a plain awaitable that fails in time rethrows its own error, not TimeoutError', async () => {
    await expect(vt.run(() => waitFor(Promise.reject(new Error('refused')), 1000))).rejects.toThrow('refused');
    await expect(vt.run(() => waitFor(sleep(10).then(() => { throw new Error('late refusal'); }), 1000))).rejects.toThrow('late refusal');
  });

  test('[wait-for.timeout] a task that catches the cancellation at the limit and returns a value: waitFor returns that value', async () => {
    const stubborn = createTask(async (signal) => {
      await sleep(5000, undefined, { signal }).catch(() => undefined);
      return 'cleaned up';
    });
    await expect(vt.run(() => waitFor(stubborn, 300))).resolves.toBe('cleaned up');
    expect(vt.now()).toBe(300);
  });

  describe('[wait-for.nonpositive] a limit of 0 or less: already out of time (asyncio.wait_for(aw, 0), CPython 3.12/3.13)', () => {
    test.each([0, -1])('waitFor(coroutine, %p): TimeoutError at once, and the coroutine never starts', async (ms) => {
      let started = false;
      const coroutine = async (): Promise<string> => {
        started = true;
        return 'ran';
      };
      await expect(vt.run(() => waitFor(coroutine, ms))).rejects.toBeInstanceOf(TimeoutError);
      await vt.runUntilIdle();
      expect(started).toBe(false);
      expect(vt.now()).toBe(0);
    });

    test('a pending task is cancelled at once and waitFor throws TimeoutError', async () => {
      const task = createTask((signal) => sleep(100, 'late', { signal }));
      await vt.runUntil(10);
      await expect(vt.run(() => waitFor(task, 0))).rejects.toBeInstanceOf(TimeoutError);
      expect(task.cancelled()).toBe(true);
      expect(vt.now()).toBe(10);
    });

    test('a future already done gives its result, or its error', async () => {
      const ok = new Future<string>();
      ok.setResult('ready');
      const failed = new Future<string>();
      failed.setException(new Error('refused'));
      await expect(waitFor(ok, 0)).resolves.toBe('ready');
      await expect(waitFor(ok, -5)).resolves.toBe('ready');
      await expect(waitFor(failed, 0)).rejects.toThrow('refused');
    });
  });

  test('[wait-for.no-limit] an undefined limit waits as long as it takes, as wait_for(aw, None)', async () => {
    await expect(vt.run(() => waitFor((signal: AbortSignal) => sleep(99_000, 'eventually', { signal }), undefined))).resolves.toBe('eventually');
    await expect(vt.run(() => waitFor((signal: AbortSignal) => sleep(1000, 'no limit given', { signal })))).resolves.toBe('no limit given');
    expect(vt.now()).toBe(100_000);
  });
});
