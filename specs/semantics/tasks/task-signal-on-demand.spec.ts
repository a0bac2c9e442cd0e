/**
 * Reference-port extra: a task makes its AbortSignal only when something can see it. A Node
 * AbortSignal costs about 0.7 KB of heap, more than the rest of a pending task together (bench G,
 * "memory per pending task"), and a coroutine written `async () => ...` can never read the one it
 * would be called with. Such a task makes its signal when `task.signal` is read or `cancel()` is
 * called; any other coroutine gets it at its start (task.spec.ts, "[task.cancel] the coroutine
 * receives the task signal whatever its parameter list").
 */
import { CancelledError, createTask, sleep, type Coroutine } from '@port';
import { useVirtualTime } from '../../support/virtual-time';

describe('[extra] a task makes its AbortSignal on demand', () => {
  const vt = useVirtualTime();
  /** The AbortControllers made since the test started: the port looks the class up each time it makes one. */
  const made: AbortController[] = [];
  const RealAbortController = globalThis.AbortController;

  beforeEach(() => {
    made.length = 0;
    globalThis.AbortController = class extends RealAbortController {
      constructor() {
        super();
        made.push(this);
      }
    };
  });

  afterEach(() => {
    globalThis.AbortController = RealAbortController;
  });

  /** A gate the coroutines wait at, so that their tasks stay pending after they started. */
  function gate(): { opened: Promise<void>; open(): void } {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { opened, open };
  }

  test.each<[string, (opened: Promise<void>) => Coroutine<void>]>([
    ['async () => { ... }', (opened) => async () => {
      await opened;
    }],
    ['() => promise', (opened) => () => opened],
    // What a minifier prints; `new Function` keeps the text as written (TypeScript would space it).
    ['async()=>{...}, minified', (opened) => new Function('opened', 'return async()=>{await opened}')(opened)],
  ])('a started task whose coroutine is written %s has no signal until task.signal is read', async (_shape, coroutine) => {
    const { opened, open } = gate();
    const task = createTask(coroutine(opened));
    await vt.run(() => sleep(0));
    expect(made).toHaveLength(0);
    const signal = task.signal;
    expect(made).toHaveLength(1);
    expect(signal).toBe(made[0]!.signal);
    expect(task.signal).toBe(signal);
    open();
    await vt.run(() => task);
    expect(task.done()).toBe(true);
    expect(signal.aborted).toBe(false);
  });

  test('cancel() makes the signal it aborts, so task.signal tells of a cancellation the coroutine could not see', async () => {
    const { opened, open } = gate();
    const task = createTask(async () => {
      await opened;
      return 'finished anyway';
    });
    await vt.run(() => sleep(0));
    expect(task.cancel('stop')).toBe(true);
    expect(made).toHaveLength(1);
    expect(task.signal).toBe(made[0]!.signal);
    expect(task.signal.aborted).toBe(true);
    expect(task.signal.reason).toEqual(new CancelledError('stop'));
    open();
    await expect(vt.run(() => task)).resolves.toBe('finished anyway');
  });
});
