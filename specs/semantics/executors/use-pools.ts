/**
 * Pools and scratch directories for the executor specs, cleaned up after each test: every
 * pool is shut down without waiting (its workers end at once) and must then have no worker
 * left, every directory is removed. So a failing spec leaves no thread or child behind.
 * A shared pool is cleaned up the same way, after the last test of the block that uses it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProcessPoolExecutor, ThreadPoolExecutor } from '@port';

export type PoolKind = 'thread' | 'process';
export type Pool = ThreadPoolExecutor | ProcessPoolExecutor;

export const POOL_KINDS: readonly PoolKind[] = ['thread', 'process'];

export interface Pools {
  make(kind: PoolKind, maxWorkers: number): Pool;
  thread(maxWorkers: number): ThreadPoolExecutor;
  process(maxWorkers: number): ProcessPoolExecutor;
  /**
   * One pool of this kind and size for every test of the describe block that calls usePools,
   * started on first use and shut down after the block. Starting a worker (a thread, or a
   * process: a whole Node) is what these specs spend their time on, so a test whose rule is
   * about what one call does, not about how a pool starts, runs or ends its workers, takes this
   * one. Its tests must leave it as they found it: no call left running, not shut down.
   */
  shared(kind: PoolKind, maxWorkers: number): Pool;
  /** A fresh empty directory, removed after the test. */
  scratch(): string;
}

/**
 * The timeout of every spec that uses real workers (set for the whole file by usePools): they
 * wait on real threads and processes, on the real clock. The slowest seen took 8.6 s, at load 20
 * on 2 cores (test9 with its pools, clean-exit.spec.ts); this leaves more than five times that.
 */
export const REAL_WORKERS_TEST_TIMEOUT_MS = 60_000;

export function usePools(): Pools {
  jest.setTimeout(REAL_WORKERS_TEST_TIMEOUT_MS);
  const pools: Pool[] = [];
  const shared = new Map<string, Pool>();
  const dirs: string[] = [];
  afterEach(async () => {
    await closeAll(pools.splice(0));
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  afterAll(async () => {
    const open = [...shared.values()];
    shared.clear();
    await closeAll(open);
  });
  const track = <P extends Pool>(pool: P): P => {
    pools.push(pool);
    return pool;
  };
  const make = (kind: PoolKind, maxWorkers: number): Pool =>
    kind === 'thread' ? new ThreadPoolExecutor({ maxWorkers }) : new ProcessPoolExecutor({ maxWorkers });
  return {
    make: (kind, maxWorkers) => track(make(kind, maxWorkers)),
    shared: (kind, maxWorkers) => {
      const key = `${kind} ${maxWorkers}`;
      let pool = shared.get(key);
      if (pool === undefined) shared.set(key, (pool = make(kind, maxWorkers)));
      return pool;
    },
    thread: (maxWorkers) => track(new ThreadPoolExecutor({ maxWorkers })),
    process: (maxWorkers) => track(new ProcessPoolExecutor({ maxWorkers })),
    scratch: () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'executor-spec-'));
      dirs.push(dir);
      return dir;
    },
  };
}

/** Shuts the pools down without waiting; each must then have no worker left. */
async function closeAll(open: Pool[]): Promise<void> {
  await Promise.all(open.map((pool) => pool.shutdown({ wait: false })));
  // workerCount is the reference port's extra: a port without it is not checked for leftovers here.
  const left = open.filter((pool) => typeof pool.workerCount === 'number' && pool.workerCount !== 0);
  if (left.length > 0) throw new Error(`${left.length} pool(s) still have workers after shutdown()`);
}

/** Whether a process with this pid exists (signal 0 only checks). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves once `file` exists or `future` is done (so a failed call cannot leave it waiting). */
export async function untilExists(file: string, future: PromiseLike<unknown> & { done(): boolean }): Promise<void> {
  while (!fs.existsSync(file) && !future.done()) await new Promise((resolve) => setTimeout(resolve, 2));
}
