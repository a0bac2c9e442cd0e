/** asyncio.Task: a Future driven by a coroutine, started by the loop, cancelled through its signal. */
import { CancelledError, createTask, Future, InvalidStateError, sleep, Task, type Coroutine } from '@port';
import { useVirtualTime } from '../../support/virtual-time';

describe('Task', () => {
  const vt = useVirtualTime();

  test('[task.start] a coroutine never starts inside createTask; tasks start on a later turn, in creation order', async () => {
    const started: string[] = [];
    await vt.run(async () => {
      const tasks = ['a', 'b', 'c'].map((name) => createTask(async () => void started.push(name)));
      started.push('creator goes on');
      await Promise.all(tasks);
    });
    expect(started).toEqual(['creator goes on', 'a', 'b', 'c']);
  });

  // asyncio: cancel() of a task not started only marks it; its first step, in its turn, throws
  // the cancellation into the coroutine before it runs (seed 20261202, run 8358).
  test('[task.start] a task cancelled before it started is not done until its turn to start, then ends cancelled without running', async () => {
    let ran = false;
    const task = createTask(async () => {
      ran = true;
    });
    expect(task.cancel()).toBe(true);
    expect(task.done()).toBe(false);
    expect(task.cancel()).toBe(true);
    await vt.run(() => sleep(0));
    expect(task.cancelled()).toBe(true);
    expect(ran).toBe(false);
  });

  test('[task.outcome] the task ends with what its coroutine returns or throws', async () => {
    const error = new Error('boom');
    const ok = createTask(async () => 42);
    const failing = createTask(async () => {
      throw error;
    });
    const throwsAtOnce = createTask(() => {
      throw error;
    });
    await vt.run(() => sleep(0));
    expect(ok.result()).toBe(42);
    expect(failing.exception()).toBe(error);
    expect(throwsAtOnce.exception()).toBe(error);
  });

  // asyncio: a coroutine that returns before its first await finishes its task in the task's
  // first step, so a task started after it (awaiting it, cancelling it) finds it done.
  // undefined and null too: a function without a return statement is a coroutine returning None.
  test.each([42, undefined, null])('[task.outcome] a coroutine that returns a plain value (%p) ends its task as it starts, before the next task starts', async (value) => {
    const seen: boolean[] = [];
    const quick = createTask(() => value);
    const next = createTask(async () => void seen.push(quick.done()));
    await vt.run(() => next);
    expect(seen).toEqual([true]);
    expect(quick.result()).toBe(value);
  });

  test('[task.cancel] cancel() aborts the signal the coroutine received, with a CancelledError as reason', async () => {
    let received: AbortSignal | undefined;
    const task = createTask(async (signal) => {
      received = signal;
      await sleep(1000, undefined, { signal });
    });
    await vt.runUntil(10);
    expect(received).toBe(task.signal);
    expect(task.cancel('enough')).toBe(true);
    expect(received!.aborted).toBe(true);
    expect(received!.reason).toEqual(new CancelledError('enough'));
    await vt.runUntilIdle();
  });

  // The signal is the coroutine's only way to be cancelled: a port must not guess from the
  // parameter list that a coroutine ignores it (rest parameters, defaults and `arguments` do not
  // count in `length`).
  test.each<[string, (seen: (signal: unknown) => void) => Coroutine<void>]>([
    ['one parameter', (seen) => async (signal) => seen(signal)],
    ['rest parameters', (seen) => async (...args: unknown[]) => seen(args[0])],
    ['a parameter with a default', (seen) => async (signal: unknown = 'none') => seen(signal)],
    ['no parameter, read through `arguments`', (seen) => async function () {
      // eslint-disable-next-line prefer-rest-params
      seen(arguments[0]);
    }],
    ['one parameter, with an arrow without parameters inside', (seen) => async (signal) => {
      const mine = () => signal;
      seen(mine());
    }],
  ])('[task.cancel] the coroutine receives the task signal whatever its parameter list: %s', async (_shape, coroutine) => {
    const received: unknown[] = [];
    const task = createTask(coroutine((signal) => received.push(signal)));
    await vt.run(() => task);
    expect(received).toHaveLength(1);
    expect(received[0]).toBe(task.signal);
    expect(received[0]).toBeInstanceOf(AbortSignal);
  });

  test('[task.cancel] a task cancelled while its coroutine is in sleep ends cancelled at that instant, and its timer is gone', async () => {
    const task = createTask((signal) => sleep(5000, 'late', { signal }));
    await vt.runUntil(100);
    task.cancel();
    await vt.run(() => sleep(0));
    expect(vt.now()).toBe(100);
    expect(task.cancelled()).toBe(true);
    expect(() => task.result()).toThrow(CancelledError);
    expect(vt.pendingTimers()).toBe(0);
  });

  test('[task.start] a task cancelled before it started never runs its coroutine', async () => {
    let ran = false;
    const task = createTask(async () => {
      ran = true;
    });
    expect(task.cancel()).toBe(true);
    // asyncio marks it cancelled when the loop first steps it, which never runs the coroutine.
    await vt.run(() => sleep(0));
    expect(task.cancelled()).toBe(true);
    expect(ran).toBe(false);
  });

  test('[task.cancel] a coroutine that catches the cancellation and returns a value ends the task with it, as in asyncio', async () => {
    const task = createTask(async (signal) => {
      try {
        await sleep(1000, undefined, { signal });
        return 'slept';
      } catch (error) {
        if (error instanceof CancelledError) return 'cleaned up';
        throw error;
      }
    });
    await vt.runUntil(1);
    task.cancel();
    await expect(vt.run(() => task)).resolves.toBe('cleaned up');
    expect(task.cancelled()).toBe(false);
  });

  test('[task.cancel] cancel() on a finished task returns false and changes nothing', async () => {
    const task = createTask(async () => 'done');
    await vt.run(() => task);
    expect(task.cancel()).toBe(false);
    expect(task.signal.aborted).toBe(false);
    expect(task.result()).toBe('done');
  });

  test('[task.outcome] a task cannot be completed from outside: setResult and setException throw', () => {
    const task = createTask(async () => 1);
    // CPython raises RuntimeError ("Task does not support set_result operation"); which error
    // class stands for it is the port's choice (R3).
    expect(() => task.setResult()).toThrow(Error);
    expect(() => task.setException()).toThrow(Error);
    task.cancel();
  });

  test('[task.name] tasks have a name: the one given, or a generated one', () => {
    const named = createTask(async () => 1, { name: 'fetcher' });
    const unnamed = createTask(async () => 1);
    expect(named.name).toBe('fetcher');
    expect(unnamed.name).toMatch(/^Task-\d+$/);
    expect(named).toBeInstanceOf(Task);
    expect(named).toBeInstanceOf(Future);
    named.cancel();
    unnamed.cancel();
  });

  test('[input.type-errors] createTask rejects what is not a coroutine function with a TypeError', () => {
    expect(() => createTask(Promise.resolve(1) as never)).toThrow(TypeError);
  });
});
