/** asyncio.Future: a result set once, read without waiting, awaited as a thenable. */
import { CancelledError, Future, InvalidStateError } from '@port';
import { useVirtualTime } from '../../support/virtual-time';

describe('Future', () => {
  const vt = useVirtualTime();

  test('[future.state] result() and exception() before it is done throw InvalidStateError', () => {
    const future = new Future<number>();
    expect(() => future.result()).toThrow(InvalidStateError);
    expect(() => future.exception()).toThrow(InvalidStateError);
  });

  test('[future.state] a result is set once: setting it again throws InvalidStateError and keeps the first', () => {
    const future = new Future<number>();
    future.setResult(1);
    expect(() => future.setResult(2)).toThrow(InvalidStateError);
    expect(() => future.setException(new Error('late'))).toThrow(InvalidStateError);
    expect(future.result()).toBe(1);
  });

  test('[future.state] an exception is rethrown by result() and rejects an await', async () => {
    const future = new Future<number>();
    const error = new Error('boom');
    future.setException(error);
    expect(future.exception()).toBe(error);
    expect(() => future.result()).toThrow(error);
    await expect(vt.run(() => future)).rejects.toBe(error);
  });

  test('[future.cancel] cancel() ends a pending future cancelled and returns true; a done one stays as it is and returns false', async () => {
    const pending = new Future<number>();
    expect(pending.cancel('stop')).toBe(true);
    expect(pending.cancelled()).toBe(true);
    expect(() => pending.result()).toThrow(new CancelledError('stop'));
    expect(() => pending.exception()).toThrow(CancelledError);
    await expect(vt.run(() => pending)).rejects.toBeInstanceOf(CancelledError);

    const finished = new Future<number>();
    finished.setResult(1);
    expect(finished.cancel()).toBe(false);
    expect(finished.result()).toBe(1);
  });

  test('[extra] a CancelledError cannot be set as an exception: cancellation goes through cancel()', () => {
    expect(() => new Future().setException(new CancelledError())).toThrow(TypeError);
  });

  test('[future.callbacks] done callbacks run after completion, not inside setResult, in the order they were added', async () => {
    const future = new Future<string>();
    const calls: string[] = [];
    future.addDoneCallback((f) => calls.push(`first ${f.result()}`));
    future.addDoneCallback((f) => calls.push(`second ${f.result()}`));
    future.setResult('x');
    expect(calls).toEqual([]);
    await vt.run(() => future);
    expect(calls).toEqual(['first x', 'second x']);
  });

  test('[future.callbacks] a callback added to a done future still runs, asynchronously', async () => {
    const future = new Future<string>();
    future.setResult('x');
    const calls: string[] = [];
    future.addDoneCallback(() => calls.push('late'));
    expect(calls).toEqual([]);
    await vt.run(() => Promise.resolve());
    expect(calls).toEqual(['late']);
  });

  test('[extra] removeDoneCallback() removes every registration of a callback and says how many', async () => {
    const future = new Future<void>();
    const calls: string[] = [];
    const callback = (): number => calls.push('removed');
    future.addDoneCallback(callback);
    future.addDoneCallback(callback);
    future.addDoneCallback(() => calls.push('kept'));
    expect(future.removeDoneCallback(callback)).toBe(2);
    future.setResult();
    await vt.run(() => future);
    expect(calls).toEqual(['kept']);
  });

  test('[extra] removeDoneCallback() on a future without callbacks, or already done, removes nothing and says 0', () => {
    const callback = () => undefined;
    expect(new Future<number>().removeDoneCallback(callback)).toBe(0);
    const done = new Future<number>();
    done.addDoneCallback(callback);
    done.setResult(1);
    expect(done.removeDoneCallback(callback)).toBe(0);
  });
});
