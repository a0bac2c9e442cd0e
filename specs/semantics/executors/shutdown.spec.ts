/**
 * shutdown(): no new calls; `wait: true` lets the queued and running calls finish, `wait:
 * false` cancels them; either way it resolves only once every worker has exited.
 *
 * @real-workers (it starts real threads and processes: specs/support/run-order.cjs runs it
 * after the files that need only jest's thread)
 */
import fs from 'node:fs';
import path from 'node:path';
import { CancelledError, ExecutorShutdownError } from '@port';
import { double, holdUntilFile, workerId } from './shipped';
import { isAlive, POOL_KINDS, untilExists, usePools } from './use-pools';

describe.each(POOL_KINDS)('shutting down a %s pool (real workers, real clock)', (kind) => {
  const pools = usePools();

  test('[extra] wait: true lets the queued calls finish, then no worker is left', async () => {
    const pool = pools.make(kind, 1);
    const calls = [1, 2, 3].map((x) => pool.submit(double, x));
    await pool.shutdown({ wait: true });
    expect(calls.map((call) => call.done())).toEqual([true, true, true]);
    expect(calls.map((call) => call.result())).toEqual([2, 4, 6]);
    expect(pool.workerCount).toBe(0);
  });

  test('[extra] wait: false cancels the queued calls and ends the running one at once', async () => {
    const pool = pools.make(kind, 1);
    const dir = pools.scratch();
    const started = path.join(dir, 'started');
    const running = pool.submit(holdUntilFile, path.join(dir, 'never'), 5000, started);
    const queued = [pool.submit(double, 1), pool.submit(double, 2)];
    await untilExists(started, running);
    await pool.shutdown({ wait: false });
    // Ended, not finished: it would have said 'timed-out' after 5 s.
    expect(running.cancelled()).toBe(true);
    expect(queued.map((call) => call.cancelled())).toEqual([true, true]);
    await expect(running).rejects.toThrow(CancelledError);
    expect(pool.workerCount).toBe(0);
  });

  test('[extra] submitting after shutdown throws ExecutorShutdownError at once, before and after it resolves', async () => {
    const pool = pools.make(kind, 1);
    const closing = pool.shutdown();
    expect(() => pool.submit(double, 1)).toThrow(ExecutorShutdownError);
    await closing;
    expect(() => pool.submit(double, 1)).toThrow('cannot schedule new futures after shutdown');
  });

  test('[extra] shutdown twice returns the same promise, and wait: false hurries a shutdown that waits', async () => {
    const pool = pools.make(kind, 1);
    const dir = pools.scratch();
    const started = path.join(dir, 'started');
    const running = pool.submit(holdUntilFile, path.join(dir, 'never'), 5000, started);
    await untilExists(started, running);
    const waiting = pool.shutdown({ wait: true });
    expect(pool.shutdown({ wait: false })).toBe(waiting);
    await waiting;
    expect(running.cancelled()).toBe(true);
  });

  test('[extra] `await using` shuts the pool down at the end of the block, waiting for its calls', async () => {
    let call;
    let pool;
    {
      await using scoped = pools.make(kind, 2);
      pool = scoped;
      call = scoped.submit(workerId);
    }
    // Finished, not cancelled: result() would throw a CancelledError.
    expect(typeof call.result()).toBe('number');
    expect(pool.workerCount).toBe(0);
    if (kind === 'process') expect(isAlive(call.result())).toBe(false);
  });
});

/**
 * A pool of two processes, one of them busy until released and the other idle, shut down with
 * `wait`: each kind of child, busy and idle, must be gone when shutdown() resolves (each process
 * started costs a whole Node, so two, not more).
 */
async function shutDownBusyPool(pools: ReturnType<typeof usePools>, wait: boolean) {
  const pool = pools.process(2);
  const dir = pools.scratch();
  const pids = await Promise.all([0, 1].map(() => pool.submit(workerId)));
  expect(new Set(pids).size).toBe(2);
  const started = path.join(dir, 'started');
  const busy = pool.submit(holdUntilFile, path.join(dir, 'release'), 5000, started);
  await untilExists(started, busy);
  if (wait) setTimeout(() => fs.writeFileSync(path.join(dir, 'release'), ''), 10);
  await pool.shutdown({ wait });
  return { pids, busy };
}

describe('[executor.shutdown] no child process outlives shutdown() (real workers, real clock)', () => {
  const pools = usePools();

  test('with wait: true every child has exited when shutdown() resolves, after the running call finished', async () => {
    const { pids, busy } = await shutDownBusyPool(pools, true);
    expect(pids.filter(isAlive)).toEqual([]);
    expect(busy.result()).toBe('released');
  });
});

// Python's shutdown(wait=False) returns at once and lets running calls finish; the reference
// port's cancels them and ends its children first. Not promised by the contract (R61).
describe('[extra] shutdown({ wait: false }) cancels the running call and ends every child (real workers, real clock)', () => {
  const pools = usePools();

  test('every child has exited when shutdown() resolves, and the running call is cancelled', async () => {
    const { pids, busy } = await shutDownBusyPool(pools, false);
    expect(pids.filter(isAlive)).toEqual([]);
    expect(busy.cancelled()).toBe(true);
  });
});

describe('[executor.cancel] cancelling a call (real workers, real clock)', () => {
  const pools = usePools();

  test('a queued call can be cancelled and never runs; a running one cannot (cancel() returns false)', async () => {
    const pool = pools.thread(1);
    const dir = pools.scratch();
    const started = path.join(dir, 'started');
    const running = pool.submit(holdUntilFile, path.join(dir, 'release'), 5000, started);
    const queued = pool.submit(holdUntilFile, path.join(dir, 'release'), 5000, path.join(dir, 'queued-ran'));
    await untilExists(started, running);
    expect(running.running()).toBe(true);
    expect(running.cancel()).toBe(false);
    expect(queued.running()).toBe(false);
    expect(queued.cancel()).toBe(true);
    fs.writeFileSync(path.join(dir, 'release'), '');
    expect(await running).toBe('released');
    expect(await pool.submit(double, 1)).toBe(2);
    expect(fs.existsSync(path.join(dir, 'queued-ran'))).toBe(false);
  });
});
