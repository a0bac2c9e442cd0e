/**
 * Contract rule: a function sent to an executor sees its arguments and the globals, nothing
 * else, as a pickled Python function sees only its module's globals. A name the worker uses
 * for itself (its post, compile, describe, call, compiled, module, exports, __filename,
 * __dirname, or node -e's built-in module globals such as fs) is not the function's: using it
 * rejects with UnshippableFunctionError naming it, like any other free name, instead of
 * silently running the worker's own and returning a wrong result. `require` is given on
 * purpose (a shipped function may require() modules, as a pickled one may import).
 * Every test of a kind runs on one shared worker, so each name is also tried on a worker that
 * has run calls before (Node can bring a built-in global back after start-up, as it does
 * `module`).
 *
 * @real-workers (it starts real threads and processes: specs/support/run-order.cjs runs it
 * after the files that need only jest's thread)
 */
import { runInExecutor, UnshippableFunctionError } from '@port';
import { POOL_KINDS, usePools } from './use-pools';

const WORKER_NAMES = ['post', 'compile', 'describe', 'call', 'compiled', 'module', 'exports', '__filename', '__dirname', 'fs', 'path', 'parentPort'];

describe.each(POOL_KINDS)('[executor.self-contained] a function in a %s pool sees only its arguments and the globals', (kind) => {
  const pools = usePools();

  test.each(WORKER_NAMES)('[extra] using the worker\'s own name "%s" rejects with UnshippableFunctionError naming it', async (name) => {
    const pool = pools.shared(kind, 1);
    // Built from text: this module has no such name either, so the function is the same free-name user here.
    const fn = new Function('x', `return ${name}(x);`) as (x: number) => unknown;
    const error = await pool.submit(fn, 1).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(UnshippableFunctionError);
    expect((error as Error).message).toContain(`"${name}"`);
  });

  test('the globals and require() are there', async () => {
    const pool = pools.shared(kind, 1);
    const seen = await pool.submit(() => [typeof JSON.stringify, typeof setTimeout, typeof require('node:os').cpus]);
    expect(seen).toEqual(['function', 'function', 'function']);
  });

  test('a property named this (o.this, o?.this) is not a use of this, and is not refused', async () => {
    const pool = pools.shared(kind, 1);
    const fn = (o: { this: number }) => o.this + (o?.this ?? 0);
    expect(await pool.submit(fn, { this: 21 })).toBe(42);
  });

  test.each([
    ['undefined', undefined],
    ['null', null],
  ])('[failures.any-value] a function that throws %s fails its future with an error carrying that value as its reason, through runInExecutor too; nothing crashes', async (_, thrown) => {
    const pool = pools.shared(kind, 1);
    const fn = new Function('v', 'throw v;') as (v: unknown) => never;
    // A nullish reason is kept on the error that stands for it (tasks/nullish-failures.spec.ts),
    // so exception() can tell a failure from a success.
    const carrying = expect.objectContaining({ reason: thrown });
    const submitted = pool.submit(fn, thrown);
    await expect(submitted).rejects.toEqual(carrying);
    expect(submitted.cancelled()).toBe(false);
    expect(submitted.exception()).toEqual(carrying);
    expect(() => submitted.result()).toThrow();
    const wrapped = runInExecutor(pool, fn, thrown);
    await expect(wrapped).rejects.toEqual(carrying);
    expect(wrapped.cancelled()).toBe(false);
    let rethrown: unknown = 'nothing';
    try {
      wrapped.result();
    } catch (error) {
      rethrown = error;
    }
    expect(rethrown).toEqual(carrying);
  });
});
