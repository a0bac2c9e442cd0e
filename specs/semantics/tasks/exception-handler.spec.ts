/**
 * Contract rules (issue 12, items 11 and 12): an error that has nowhere else to go is reported
 * through one place the port owns, asyncio's loop exception handler, and the program goes on.
 * The port exports setExceptionHandler(handler | null) (loop.set_exception_handler) and the
 * default handler writes to stderr; the virtual-time harness captures reports in `vt.reports`.
 * Checked on CPython 3.12.1 and 3.13.0 (docs/contract-notes/cpython/tasks_reports.py).
 *
 * When: asyncio reports an unretrieved failure when the future is garbage-collected, which no
 * test can make deterministic. The port reports it at the end of the turn in which the future
 * failed (the next macrotask; in virtual time, at the same instant, after what was ready), unless
 * by then someone awaited it, added a done callback, or read result()/exception(): Node's own
 * rule for unhandled rejections, which a JavaScript reader already knows.
 */
import { createTask, defaultExceptionHandler, Future, getExceptionHandler, setExceptionHandler, sleep, type ExceptionContext } from '@port';
import { main as test2 } from '../../../fixtures/article/test2';
import { useVirtualTime } from '../../support/virtual-time';

describe('[future.callbacks] a done callback that throws is reported, and the other callbacks still run', () => {
  const vt = useVirtualTime();

  test('"Exception in callback": the handler gets the error and the future; the next callback runs; nothing is uncaught', async () => {
    const future = new Future<number>();
    const error = new Error('callback broke');
    const ran: string[] = [];
    future.addDoneCallback(() => {
      ran.push('first');
      throw error;
    });
    future.addDoneCallback(() => ran.push('second'));
    future.setResult(1);
    await vt.run(() => sleep(0));
    expect(ran).toEqual(['first', 'second']);
    expect(vt.reports).toEqual([{ message: 'Exception in callback', exception: error, future }]);
  });

  test('a callback added to a future already done that throws is reported the same way', async () => {
    const future = new Future<number>();
    future.setResult(1);
    future.addDoneCallback(() => {
      throw new Error('late callback broke');
    });
    await vt.run(() => sleep(0));
    expect(vt.reports.map((report) => report.message)).toEqual(['Exception in callback']);
  });
});

describe('[task.unretrieved] a failure nobody retrieves is reported: "Task exception was never retrieved"', () => {
  const vt = useVirtualTime();

  test('a task that fails and that nobody awaits is reported once, with its error, at the instant it failed', async () => {
    const error = new Error('nobody is listening');
    const task = createTask(async () => {
      await sleep(100);
      throw error;
    });
    await vt.runUntilIdle();
    expect(vt.reports).toEqual([{ message: 'Task exception was never retrieved', exception: error, future: task }]);
    expect(vt.now()).toBe(100);
  });

  test('a plain Future that fails unobserved is reported as "Future exception was never retrieved"', async () => {
    const future = new Future<number>();
    future.setException(new Error('unread'));
    await vt.runUntilIdle();
    expect(vt.reports.map((report) => report.message)).toEqual(['Future exception was never retrieved']);
  });

  test.each([
    ['awaited', (task: Future<unknown>) => void Promise.resolve(task).catch(() => undefined)],
    ['given a done callback', (task: Future<unknown>) => task.addDoneCallback(() => undefined)],
    ['read with exception() in the turn it failed', (task: Future<unknown>) => pollUntilDone(task, () => task.exception())],
    ['read with result() in the turn it failed', (task: Future<unknown>) => pollUntilDone(task, () => expect(() => task.result()).toThrow('seen'))],
    ['given a done callback in the turn it failed', (task: Future<unknown>) => pollUntilDone(task, () => task.addDoneCallback(() => undefined))],
  ])('a failure that is %s is not reported', async (_how, observe) => {
    const task = createTask(async () => {
      throw new Error('seen');
    });
    observe(task);
    await vt.runUntilIdle();
    expect(vt.reports).toEqual([]);
  });

  test('a cancelled task is not reported: cancellation is not a failure', async () => {
    const task = createTask((signal) => sleep(100, 1, { signal }));
    await vt.runUntil(10);
    task.cancel();
    await vt.runUntilIdle();
    expect(vt.reports).toEqual([]);
  });

  test('[extra] reference-port choice: a failure first read on a later turn has already been reported (asyncio would wait for garbage collection)', async () => {
    const task = createTask(async () => {
      throw new Error('read too late');
    });
    await vt.run(() => sleep(50));
    expect(task.exception()).toEqual(new Error('read too late'));
    expect(vt.reports).toHaveLength(1);
  });

  test("the article's test2 without its sleep: each task's \"Session is closed\" reaches the handler, as the reader of the article sees it", async () => {
    const { url } = vt.service();
    const tasks = await vt.run(() => test2({ url, print: vt.trace.log, pause: null }));
    await vt.runUntilIdle();
    expect(vt.reports.map((report) => [report.message, (report.exception as Error).message, report.future])).toEqual(
      tasks.map((task) => ['Task exception was never retrieved', 'Session is closed', task]),
    );
  });
});

/** Settles a Future whose first done callback throws `thrown` (then `more` callbacks), and waits a turn for them. */
async function settleWithThrowingCallback(thrown: unknown, ...more: Array<() => void>): Promise<void> {
  const future = new Future<number>();
  future.addDoneCallback(() => {
    throw thrown;
  });
  for (const callback of more) future.addDoneCallback(callback);
  future.setResult(1);
  await new Promise((resolve) => setImmediate(resolve));
}

/** Observes the task with `observe` in the microtask after it is done, so in the turn it failed. */
function pollUntilDone(task: Future<unknown>, observe: () => void): void {
  if (task.done()) observe();
  else queueMicrotask(() => pollUntilDone(task, observe));
}

describe('[task.unretrieved] setExceptionHandler: the one place reports go', () => {
  let written: string[];
  let restoreWrite: () => void;
  beforeEach(() => {
    written = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    restoreWrite = () => spy.mockRestore();
  });
  afterEach(() => {
    setExceptionHandler(null);
    restoreWrite();
  });

  test('the default handler writes the message, a newline, then the error\'s stack to stderr', () => {
    const error = new Error('lost');
    defaultExceptionHandler({ message: 'Task exception was never retrieved', exception: error });
    expect(written.join('')).toMatch(/^Task exception was never retrieved\nError: lost\n {4}at /);
    expect(written.join('')).toBe(`Task exception was never retrieved\n${error.stack}\n`);
  });

  test('with no handler set, a report goes to the default handler, once', async () => {
    const error = new Error('callback broke');
    await settleWithThrowingCallback(error);
    expect(written.join('')).toBe(`Exception in callback\n${error.stack}\n`);
  });

  test('[extra] reference-port choice: a thrown value that is not an Error (even undefined) is written as String(value)', async () => {
    defaultExceptionHandler({ message: 'Exception in callback', exception: 'a string' });
    await settleWithThrowingCallback(undefined);
    expect(written.join('')).toBe('Exception in callback\na string\nException in callback\nundefined\n');
  });

  test('[extra] getExceptionHandler (loop.get_exception_handler) gives the handler set, null while the default is in use', () => {
    const mine = (_context: ExceptionContext): void => undefined;
    expect(getExceptionHandler()).toBeNull();
    setExceptionHandler(mine);
    expect(getExceptionHandler()).toBe(mine);
    setExceptionHandler(undefined);
    expect(getExceptionHandler()).toBeNull();
  });

  test('setExceptionHandler returns the handler it replaces; null puts the default back', () => {
    const mine = (_context: ExceptionContext): void => undefined;
    expect(setExceptionHandler(mine)).toBeNull();
    expect(setExceptionHandler(null)).toBe(mine);
    expect(() => setExceptionHandler('log' as never)).toThrow(TypeError);
  });

  test('a handler that throws does not take the program down: both errors go to stderr, and the callbacks still run', async () => {
    setExceptionHandler(() => {
      throw new Error('handler broke');
    });
    const ran: string[] = [];
    await settleWithThrowingCallback(new Error('callback broke'), () => ran.push('second'));
    expect(ran).toEqual(['second']);
    expect(written.join('')).toMatch(/handler broke[\s\S]*Exception in callback[\s\S]*callback broke/);
  });

  test('a handler that throws: its error is written as "Unhandled error in exception handler" (asyncio\'s words), then the report it failed on', async () => {
    const handlerError = new Error('handler broke');
    setExceptionHandler(() => {
      throw handlerError;
    });
    const error = new Error('callback broke');
    await settleWithThrowingCallback(error);
    expect(written.join('')).toBe(`Unhandled error in exception handler\n${handlerError.stack}\nException in callback\n${error.stack}\n`);
  });
});
