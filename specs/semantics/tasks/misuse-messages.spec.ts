/**
 * Misuse fails at once with a typed error whose message says which call was misused and what
 * it was given, so a user can fix the call without a debugger (the port contract's "clear,
 * typed error"). Only the call's name and the kind of value are required, not the wording.
 */
import {
  CancelledError,
  createTask,
  ensureFuture,
  Future,
  gather,
  InvalidStateError,
  sleep,
  TimeoutError,
  wait,
  waitFor,
} from '@port';
import { useVirtualTime } from '../../support/virtual-time';

describe('[extra] misuse messages', () => {
  const vt = useVirtualTime();

  test.each([
    [42, /number/],
    [null, /null/],
    ['text', /string/],
    [{}, /Object/],
    [Object.create(null), /object/],
  ])('ensureFuture(%p) is a TypeError that names ensureFuture and the kind of value it got', (value, kind) => {
    expect(() => ensureFuture(value as never)).toThrow(TypeError);
    expect(() => ensureFuture(value as never)).toThrow(/ensureFuture/);
    expect(() => ensureFuture(value as never)).toThrow(kind);
  });

  test('createTask without a coroutine function names createTask', () => {
    expect(() => createTask('run' as never)).toThrow(/createTask/);
  });

  test('completing a Task from outside names the refused call', () => {
    const task = createTask(() => sleep(0));
    expect(() => task.setResult(undefined as never)).toThrow(/setResult/);
    expect(() => task.setException(new Error('x'))).toThrow(/setException/);
    task.cancel();
  });

  test('setting a done Future again names the refused call', () => {
    const future = new Future<number>();
    future.setResult(1);
    expect(() => future.setResult(2)).toThrow(/setResult/);
    expect(() => future.setException(new Error('x'))).toThrow(/setException/);
  });

  test("setting a CancelledError as a Future's exception is a TypeError naming setException and cancel()", () => {
    const future = new Future<number>();
    expect(() => future.setException(new CancelledError())).toThrow(TypeError);
    expect(() => future.setException(new CancelledError())).toThrow(/setException.*cancel\(\)/);
    expect(future.done()).toBe(false);
  });

  test('reading a pending Future is an InvalidStateError with a message', () => {
    const future = new Future<number>();
    expect(() => future.result()).toThrow(InvalidStateError);
    expect(() => future.result()).toThrow(/./);
    expect(() => future.exception()).toThrow(/./);
  });

  test('a done callback that is not a function is a TypeError naming addDoneCallback', () => {
    expect(() => new Future().addDoneCallback('cb' as never)).toThrow(TypeError);
    expect(() => new Future().addDoneCallback('cb' as never)).toThrow(/addDoneCallback/);
  });

  test('gather of something that is not an array is a TypeError naming gather', () => {
    expect(() => gather(new Set() as never)).toThrow(TypeError);
    expect(() => gather(new Set() as never)).toThrow(/gather/);
  });

  test('wait() names the problem: an empty set, or the returnWhen values it accepts', async () => {
    await expect(wait([])).rejects.toThrow(/empty/);
    const future = new Future<number>();
    future.setResult(1);
    await expect(wait([future], { returnWhen: 'SOON' as never })).rejects.toThrow(/FIRST_COMPLETED/);
  });

  test('options or a signal of the wrong kind name gather or sleep', async () => {
    expect(() => gather([], { signal: 'stop' as never })).toThrow(/gather/);
    expect(() => gather([], 5 as never)).toThrow(/gather/);
    await expect(sleep(1, 'v', { signal: 'stop' as never })).rejects.toThrow(/sleep/);
    await expect(sleep(1, 'v', 5 as never)).rejects.toThrow(/sleep/);
  });

  test('a limit or a delay that is not a number names wait, waitFor or sleep', async () => {
    await expect(wait([new Future()], { timeout: 'soon' as never })).rejects.toThrow(/wait\(/);
    await expect(waitFor(Promise.resolve(1), 'soon' as never)).rejects.toThrow(/waitFor/);
    await expect(sleep('soon' as never)).rejects.toThrow(/sleep/);
  });

  test('a signal that is not an AbortSignal names wait or waitFor', async () => {
    await expect(wait([new Future()], { signal: {} as never })).rejects.toThrow(/wait\(/);
    await expect(waitFor(Promise.resolve(1), 10, { signal: {} as never })).rejects.toThrow(/waitFor\(/);
  });

  test('a delay that is not a number names the kind of value it got, null included', async () => {
    await expect(sleep('soon' as never)).rejects.toThrow(/got string$/);
    await expect(sleep(null as never)).rejects.toThrow(/got null$/);
    await expect(waitFor(Promise.resolve(1), {} as never)).rejects.toThrow(/got object$/);
  });

  test('errors made without a message still say what happened', () => {
    expect(new CancelledError().message).not.toBe('');
    expect(new TimeoutError().message).not.toBe('');
  });

  test('a Future or Task cancelled without a message rejects with a CancelledError that has one', async () => {
    const future = new Future<number>();
    future.cancel();
    await expect(future).rejects.toThrow(/./);
    // Started, so the cancellation goes through its signal, not straight to the Future.
    const task = createTask((signal) => sleep(10, 1, { signal }));
    await vt.runUntil(5);
    task.cancel();
    await vt.runUntilIdle();
    expect(() => task.result()).toThrow(CancelledError);
    expect(() => task.result()).toThrow(/./);
  });

  // asyncio: cancel() and cancel(msg=None) both mean no message; "undefined" or "null" is not one.
  test('cancel() and cancel(null) of a started task give the default message, as they do to a Future', async () => {
    const tasks = [createTask((signal) => sleep(10, 1, { signal })), createTask((signal) => sleep(10, 1, { signal }))];
    const futures = [new Future<number>(), new Future<number>()];
    await vt.runUntil(5);
    for (const f of [tasks[0]!, futures[0]!]) f.cancel();
    for (const f of [tasks[1]!, futures[1]!]) f.cancel(null);
    await vt.runUntilIdle();
    for (const f of [...tasks, ...futures]) expect(() => f.result()).toThrow(new CancelledError().message);
  });

  test('waitFor out of time names waitFor and the limit', async () => {
    await expect(vt.run(() => waitFor((signal: AbortSignal) => sleep(500, 1, { signal }), 300))).rejects.toThrow(/waitFor.*300/);
  });
});
