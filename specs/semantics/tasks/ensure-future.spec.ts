/** asyncio.ensure_future: whatever can be awaited becomes a Future, and a Future stays itself. */
import { CancelledError, ensureFuture, Future, Task } from '@port';
import { useVirtualTime } from '../../support/virtual-time';

describe('[ensure-future.wrap] ensureFuture', () => {
  const vt = useVirtualTime();

  test('a Future (or Task) passes through unchanged', () => {
    const future = new Future<number>();
    expect(ensureFuture(future)).toBe(future);
    const task = ensureFuture(async () => 1);
    expect(ensureFuture(task)).toBe(task);
  });

  test('a coroutine function becomes a Task that runs it', async () => {
    const task = ensureFuture(async () => 'ran');
    expect(task).toBeInstanceOf(Task);
    await expect(vt.run(() => task)).resolves.toBe('ran');
  });

  test('a thenable is wrapped in a Future that settles with it', async () => {
    const resolved = ensureFuture(Promise.resolve('value'));
    const rejected = ensureFuture(Promise.reject(new Error('no')));
    expect(resolved).toBeInstanceOf(Future);
    await vt.run(() => Promise.allSettled([resolved, rejected]));
    expect(resolved.result()).toBe('value');
    expect(rejected.exception()).toEqual(new Error('no'));
  });

  test('a thenable that rejects with CancelledError cancels the Future, with that very error (asyncio: the wrapping Task ends cancelled)', async () => {
    const error = new CancelledError('m');
    const future = ensureFuture(Promise.reject(error));
    await vt.run(() => Promise.allSettled([future]));
    expect(future.cancelled()).toBe(true);
    await expect(future).rejects.toBe(error);
  });

  test.each([[42], [null], ['text'], [{}]])('%p is not awaitable: TypeError', (value) => {
    expect(() => ensureFuture(value as never)).toThrow(TypeError);
  });

  test('a thenable that calls back more than once settles the Future once, with the first outcome', async () => {
    const unruly = {
      then(resolve: (value: number) => void, reject: (error: unknown) => void) {
        resolve(1);
        resolve(2);
        reject(new Error('late'));
      },
    };
    const future = ensureFuture(unruly as PromiseLike<number>);
    await expect(future).resolves.toBe(1);
    const failing = {
      then(_resolve: (value: number) => void, reject: (error: unknown) => void) {
        reject(new Error('first'));
        reject(new Error('second'));
      },
    };
    await expect(ensureFuture(failing as PromiseLike<number>)).rejects.toThrow('first');
  });
});
