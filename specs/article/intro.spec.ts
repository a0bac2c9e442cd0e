/** The article's introduction: it calls Futures and Tasks alike "coroutines", since a Task is a Future. */
import { createTask, Future, InvalidStateError, sleep, Task } from '@port';
import { recordFigure } from '../support/figures';
import { useVirtualTime } from '../support/virtual-time';

describe('introduction', () => {
  const vt = useVirtualTime();

  test('[C19] a Task is a Future', async () => {
    const task = createTask(async () => 'ok');
    expect(task).toBeInstanceOf(Task);
    expect(task).toBeInstanceOf(Future);
    await vt.run(() => task);
    recordFigure('C19', task instanceof Future);
  });

  test.each([
    ['a Future', () => new Future<string>(), (f: Future<string>) => f.setResult('ok')],
    ['a Task', () => createTask(() => sleep(10, 'ok')), () => {}],
  ] as const)('[C19] done, result, exception and await work the same on %s', async (_, make, finish) => {
    const future = make();
    expect(future.done()).toBe(false);
    expect(() => future.result()).toThrow(InvalidStateError);
    expect(() => future.exception()).toThrow(InvalidStateError);
    finish(future);
    await expect(vt.run(() => future)).resolves.toBe('ok');
    expect([future.done(), future.cancelled(), future.result(), future.exception()]).toEqual([true, false, 'ok', undefined]);
  });

  test.each([
    ['a Future', () => new Future<string>()],
    ['a Task', () => createTask((signal) => sleep(10, 'never', { signal }))],
  ] as const)('[C19] cancel works the same on %s', async (_, make) => {
    const future = make();
    expect(future.cancel()).toBe(true);
    await vt.run(() => sleep(0));
    expect(future.cancelled()).toBe(true);
    expect(future.cancel()).toBe(false);
  });
});
