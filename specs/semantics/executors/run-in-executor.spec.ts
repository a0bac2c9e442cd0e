/**
 * runInExecutor: loop.run_in_executor. The Future it returns settles as the call does, and
 * can be cancelled even while the call runs (the caller stops waiting; the call finishes in
 * its worker), while a call still queued is cancelled in the executor too. Every test but the
 * one that shuts its pool down uses one shared pool of one worker per kind: these rules are
 * about the Future runInExecutor returns, not about the pool's workers.
 *
 * @real-workers (it starts real threads and processes: specs/support/run-order.cjs runs it
 * after the files that need only jest's thread)
 */
import fs from 'node:fs';
import path from 'node:path';
import { CancelledError, ExecutorShutdownError, Future, runInExecutor } from '@port';
import { double, holdUntilFile } from './shipped';
import { untilExists, usePools } from './use-pools';

describe('runInExecutor (real workers, real clock)', () => {
  const pools = usePools();

  test('[executor.run-in-executor] resolves to the result, as a port Future', async () => {
    const pool = pools.shared('thread', 1);
    const future = runInExecutor(pool, double, 21);
    expect(future).toBeInstanceOf(Future);
    expect(await future).toBe(42);
    expect(future.result()).toBe(42);
  });

  test('[executor.run-in-executor] rejects with the call\'s exception', async () => {
    const pool = pools.shared('process', 1);
    await expect(runInExecutor(pool, (s: string) => JSON.parse(s), '{')).rejects.toThrow(SyntaxError);
  });

  test('[executor.run-in-executor] cancelled while its call is still queued: the executor cancels the call too, and it never runs', async () => {
    const pool = pools.shared('thread', 1);
    const dir = pools.scratch();
    const started = path.join(dir, 'started');
    const inner = pool.submit(holdUntilFile, path.join(dir, 'release'), 5000, started);
    const outer = runInExecutor(pool, holdUntilFile, path.join(dir, 'release'), 5000, path.join(dir, 'outer-started'));
    await untilExists(started, inner);
    expect(outer.cancel()).toBe(true);
    await expect(outer).rejects.toThrow(CancelledError);
    fs.writeFileSync(path.join(dir, 'release'), '');
    expect(await inner).toBe('released');
    await pool.submit(double, 0);
    expect(fs.existsSync(path.join(dir, 'outer-started'))).toBe(false);
  });

  test('[executor.run-in-executor] cancelled while its call runs: the caller stops waiting, the worker finishes the call and takes the next one', async () => {
    const pool = pools.shared('process', 1);
    const dir = pools.scratch();
    const started = path.join(dir, 'started');
    const outer = runInExecutor(pool, holdUntilFile, path.join(dir, 'release'), 5000, started);
    await untilExists(started, outer);
    outer.cancel();
    fs.writeFileSync(path.join(dir, 'release'), '');
    await expect(outer).rejects.toThrow(CancelledError);
    expect(await runInExecutor(pool, double, 2)).toBe(4);
  });

  test('[extra] what submit() refuses, runInExecutor throws at once', async () => {
    const pool = pools.thread(1);
    await pool.shutdown();
    expect(() => runInExecutor(pool, double, 1)).toThrow(ExecutorShutdownError);
  });

  test('[extra] an executor without submit() is a TypeError', () => {
    expect(() => runInExecutor({} as never, double, 1)).toThrow(TypeError);
  });
});
