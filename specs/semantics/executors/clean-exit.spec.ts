/**
 * Clean exit (reference-port extra, for the suite's own health: issue 15). Whatever a spec
 * starts, it ends: after shutdown() the process has exactly the child processes it had before
 * (listed by the OS, not by the pool's own count), and on Linux no more OS threads, so jest
 * can exit without "a worker process has failed to exit gracefully" and nothing outlives the
 * run. test9 closes its pools with `await using`; it is held to the same rule. Real workers,
 * real clock: each barrier waits BARRIER_MS at most, only a broken pool ever waits that long.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { ProcessPoolExecutor, ThreadPoolExecutor } from '@port';
import { main as test9 } from '../../../fixtures/article/test9';
import { blockTogether, meetAtFileBarrier } from './shipped';
import { POOL_KINDS, usePools } from './use-pools';

const BARRIER_MS = 5000;

/**
 * This process's live child processes, as the OS lists them: the `ps` doing the listing and
 * zombies (exited, not yet reaped by Node) left out.
 */
function children(): string[] {
  const out = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,stat=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([pid, ppid, stat, command]) => pid && Number(ppid) === process.pid && !stat?.startsWith('Z') && command !== 'ps')
    .map(([pid, , , ...args]) => `${pid} ${args.join(' ')}`)
    .sort();
}

/** OS threads of this process where the OS says (Linux), otherwise undefined. */
function osThreads(): number | undefined {
  try {
    return Number(/^Threads:\s+(\d+)/m.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1]);
  } catch {
    return undefined;
  }
}

describe.each(POOL_KINDS)('[executor.shutdown] a %s pool leaves nothing running (real workers, real clock)', (kind) => {
  // Only for its scratch directories: these tests shut their own pools down, to look after.
  const pools = usePools();
  test.each([true, false])(`shutdown({ wait: %p }): the same child processes and OS threads as before the pool, listed by the OS (real ${kind}s)`, async (wait) => {
    const childrenBefore = children();
    const threadsBefore = osThreads();
    const pool = kind === 'thread' ? new ThreadPoolExecutor({ maxWorkers: 3 }) : new ProcessPoolExecutor({ maxWorkers: 3 });
    try {
      // Three workers for certain: three calls that meet at a barrier (shared memory for threads,
      // files for processes, which share no memory).
      const shared = new SharedArrayBuffer(12);
      const dir = pools.scratch();
      const met = await Promise.all(
        [0, 1, 2].map((id) => (kind === 'thread' ? pool.submit(blockTogether, shared, id, 3, BARRIER_MS) : pool.submit(meetAtFileBarrier, dir, id, 3, BARRIER_MS))),
      );
      expect(met.map((m) => m.met)).toEqual([true, true, true]);
      if (kind === 'process') expect(children()).toHaveLength(childrenBefore.length + 3);
      else if (threadsBefore !== undefined) expect(osThreads()).toBeGreaterThanOrEqual(threadsBefore + 3);
    } finally {
      await pool.shutdown({ wait });
    }
    expect(children()).toEqual(childrenBefore);
    if (threadsBefore !== undefined) expect(osThreads()).toBe(threadsBefore);
  });
});

test('[executor.shutdown] test9 as ported leaves no child process and no OS thread behind (its pools close with `await using`; real workers, real clock)', async () => {
  const childrenBefore = children();
  const threadsBefore = osThreads();
  await test9({ workers: 2, print: () => {}, ioMs: 10 });
  expect(children()).toEqual(childrenBefore);
  if (threadsBefore !== undefined) expect(osThreads()).toBe(threadsBefore);
});
