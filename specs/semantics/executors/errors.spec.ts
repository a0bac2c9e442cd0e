/**
 * What comes back when a call fails: the worker's exception (its class where it is a built-in
 * one, its name, message and stack), a dead worker's BrokenWorkerError (and a fresh worker for
 * the next call), and, for what cannot travel to a worker, a typed error naming the problem.
 * The calls of a kind share one pool of one worker (usePools' shared): each rule here is about
 * what one call brings back. A test about the pool's workers (one dies and is replaced) or that
 * must see nothing started (a refusal at submit()) takes a pool of its own.
 *
 * @real-workers (it starts real threads and processes: specs/support/run-order.cjs runs it
 * after the files that need only jest's thread)
 */
import { BrokenWorkerError, UncloneableValueError, UnshippableFunctionError } from '@port';
import { double, workerId } from './shipped';
import { POOL_KINDS, usePools } from './use-pools';

const OUTER = 21;

describe.each(POOL_KINDS)('a failing call in a %s pool (real workers, real clock)', (kind) => {
  const pools = usePools();

  test('[executor.errors] an exception thrown in the worker rejects the future with its class, message and stack', async () => {
    const pool = pools.shared(kind, 1);
    function divide(a: number, b: number): number {
      if (b === 0) throw new RangeError(`cannot divide ${a} by zero`);
      return a / b;
    }
    const error = await pool.submit(divide, 1, 0).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RangeError);
    expect(error).toMatchObject({ name: 'RangeError', message: 'cannot divide 1 by zero' });
    // The worker's stack, with the frame of the function that threw.
    expect((error as Error).stack).toMatch(/^RangeError: cannot divide 1 by zero\n\s+at divide /);
  });

  test('[executor.errors] a custom error keeps its name, and a thrown non-error value comes back as it was', async () => {
    const pool = pools.shared(kind, 1);
    const custom = await pool
      .submit(() => {
        class ValidationError extends Error {
          override name = 'ValidationError';
        }
        throw new ValidationError('bad input');
      })
      .then(() => undefined, (e: unknown) => e);
    expect(custom).toBeInstanceOf(Error);
    expect(custom).toMatchObject({ name: 'ValidationError', message: 'bad input' });
    await expect(pool.submit(() => Promise.reject({ code: 42 }))).rejects.toEqual({ code: 42 });
  });

  test('[executor.errors] the worker survives a failed call and runs the next one', async () => {
    const pool = pools.shared(kind, 1);
    const before = await pool.submit(workerId);
    await expect(pool.submit(() => JSON.parse('{'))).rejects.toThrow(SyntaxError);
    expect(await pool.submit(workerId)).toBe(before);
  });

  test('[extra] a worker that dies fails its call with BrokenWorkerError, and a new worker runs the calls queued behind it', async () => {
    // A pool of its own: the rule is about the pool's workers, and a port that fails it must
    // not leave the shared pool broken for the rules after it.
    const pool = pools.make(kind, 1);
    const first = await pool.submit(workerId);
    const dying = pool.submit(() => process.exit(3));
    const next = [pool.submit(workerId), pool.submit(double, 4)];
    const error = await dying.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(BrokenWorkerError);
    expect(error).toMatchObject({ exitCode: 3, message: expect.stringMatching(/exited with code 3/) });
    const [replacement, doubled] = await Promise.all(next);
    expect(replacement).not.toBe(first);
    expect(doubled).toBe(8);
    expect(pool.workerCount).toBe(1);
  });

  test('[extra] a result that cannot be cloned rejects with UncloneableValueError', async () => {
    const pool = pools.shared(kind, 1);
    await expect(pool.submit(() => () => 'a function')).rejects.toThrow(UncloneableValueError);
    expect(await pool.submit(double, 1)).toBe(2);
  });
});

describe.each(POOL_KINDS)('what cannot be sent to a %s pool (real workers, real clock)', (kind) => {
  const pools = usePools();

  test('[extra] a function closing over an outer variable rejects with UnshippableFunctionError naming the variable', async () => {
    const pool = pools.shared(kind, 1);
    const error = await pool.submit(() => OUTER * 2).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(UnshippableFunctionError);
    expect((error as Error).message).toMatch(/not self-contained: it refers to "OUTER"/);
    expect((error as Error).cause).toBeInstanceOf(ReferenceError);
  });

  test.each([
    ['a native function', Math.max, /native \(built-in\) function/],
    ['a bound function', double.bind(null, 1), /bound function/],
    ['a class', class Point {}, /is a class/],
    ['a method', { triple(x: number) { return 3 * x; } }.triple, /not a standalone function/],
    ['a function using this', function (this: { x: number }) { return this.x; }, /uses `this`/],
  ])('[extra] %s is refused at submit(), before anything is queued', (_, fn, reason) => {
    const pool = pools.make(kind, 1);
    expect(() => pool.submit(fn as () => unknown)).toThrow(UnshippableFunctionError);
    expect(() => pool.submit(fn as () => unknown)).toThrow(reason);
    expect(pool.workerCount).toBe(0);
  });

  test('[executor.self-contained] "this" inside a string or a comment is not a use of this', async () => {
    const pool = pools.shared(kind, 1);
    // this comment mentions this
    expect(await pool.submit(() => 'this travels' /* this too */)).toBe('this travels');
  });

  test.each([
    ['a function', () => 1],
    ['a symbol', Symbol('s')],
    ['an object holding a function', { callback: () => 1 }],
  ])('[extra] %s as an argument is refused at submit() with UncloneableValueError', (_, arg) => {
    const pool = pools.make(kind, 1);
    expect(() => pool.submit((x: unknown) => x, arg)).toThrow(UncloneableValueError);
    expect(() => pool.submit((x: unknown) => x, arg)).toThrow(/argument 0 .* cannot be sent to a worker/);
  });

  test('[extra] a value that is not a function is a TypeError', () => {
    const pool = pools.make(kind, 1);
    expect(() => pool.submit('x => x' as unknown as () => unknown)).toThrow(TypeError);
  });
});

describe('[extra] a thread that dies of an uncaught error (real workers, real clock)', () => {
  const pools = usePools();

  test('fails its call with BrokenWorkerError carrying the error', async () => {
    const pool = pools.thread(1);
    const dying = pool.submit(() => {
      setTimeout(() => {
        throw new Error('late failure');
      });
      return new Promise(() => {});
    });
    const error = await dying.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(BrokenWorkerError);
    expect((error as Error).message).toMatch(/late failure/);
    expect(await pool.submit(double, 5)).toBe(10);
  });
});
