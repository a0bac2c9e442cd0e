/**
 * Clean exit (contract rule executor.shutdown; issue 15). Whatever a pool starts, shutdown()
 * ends: no child process and, on Linux, no OS thread the pool started is still listed by the OS
 * (not by the pool's own count) once shutdown() resolves, so jest can exit without "a worker
 * process has failed to exit gracefully" and nothing outlives the run. test9 closes its pools
 * with `await using`; it is held to the same rule. Real workers, real clock: each barrier waits
 * BARRIER_MS at most, only a broken pool ever waits that long.
 *
 * @real-workers (it starts real threads and processes: specs/support/run-order.cjs runs it
 * after the files that need only jest's thread)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { ProcessPoolExecutor, ThreadPoolExecutor } from '@port';
import { main as test9 } from '../../../fixtures/article/test9';
import { blockTogether, meetAtFileBarrier } from './shipped';
import { POOL_KINDS, usePools } from './use-pools';

const BARRIER_MS = 5000;
/** More than one of each kind, so that every worker, not only the first, must be ended; each costs a real start. */
const WORKERS = 2;

/**
 * This process's live child processes, as the OS lists them, zombies (exited, not yet reaped by
 * Node) left out. On Linux from /proc, elsewhere from `ps` (the `ps` doing the listing left out):
 * starting a `ps` costs a fork of this large process, about 50 ms of CPU, and the specs list
 * children a dozen times.
 */
function children(): string[] {
  // A worker's command line holds its whole bootstrap program: its start is enough to name it.
  return (fs.existsSync('/proc/self/stat') ? childrenFromProc() : childrenFromPs()).map((child) => child.slice(0, 80)).sort();
}

function childrenFromProc(): string[] {
  const listed: string[] = [];
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let stat: string;
    let args: string;
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue; // gone since the listing
    }
    // "pid (command) state ppid ...": the command may hold spaces and parentheses.
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(ppid) === process.pid && state !== 'Z') listed.push(`${pid} ${args.split('\0').filter(Boolean).join(' ')}`);
  }
  return listed;
}

function childrenFromPs(): string[] {
  const out = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,stat=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([pid, ppid, stat, command]) => pid && Number(ppid) === process.pid && !stat?.startsWith('Z') && command !== 'ps')
    .map(([pid, , , ...args]) => `${pid} ${args.join(' ')}`);
}

/** Ids of this process's OS threads where the OS lists them (Linux), otherwise undefined. */
function osThreads(): string[] | undefined {
  try {
    return fs.readdirSync('/proc/self/task').sort();
  } catch {
    return undefined;
  }
}

/**
 * What is listed now and was not before. The comparison is by id, not by count: a pool another
 * spec left behind (a port that fails an earlier spec) may still be exiting while this one runs,
 * and its exit must not pass for, or hide, one of ours.
 */
function added(before: string[], now: string[]): string[] {
  const old = new Set(before);
  return now.filter((id) => !old.has(id));
}

// libuv starts its own thread pool on first use; start it before counting, so that it is never
// taken for a worker the pool left behind.
beforeAll(() => fs.promises.stat('.'));

describe.each(POOL_KINDS)('[executor.shutdown] a %s pool leaves nothing running (real workers, real clock)', (kind) => {
  // Only for its scratch directories: these tests shut their own pools down, to look after.
  const pools = usePools();
  test.each([true, false])(`shutdown({ wait: %p }): no child process or OS thread the pool started is left, as the OS lists them (real ${kind} workers)`, async (wait) => {
    const childrenBefore = children();
    const threadsBefore = osThreads();
    const pool = kind === 'thread' ? new ThreadPoolExecutor({ maxWorkers: WORKERS }) : new ProcessPoolExecutor({ maxWorkers: WORKERS });
    try {
      // WORKERS workers for certain: as many calls, that meet at a barrier (shared memory for
      // threads, files for processes, which share no memory).
      const shared = new SharedArrayBuffer(12);
      const dir = pools.scratch();
      const ids = Array.from({ length: WORKERS }, (_, id) => id);
      const met = await Promise.all(
        ids.map((id) => (kind === 'thread' ? pool.submit(blockTogether, shared, id, WORKERS, BARRIER_MS) : pool.submit(meetAtFileBarrier, dir, id, WORKERS, BARRIER_MS))),
      );
      expect(met.map((m) => m.met)).toEqual(ids.map(() => true));
      if (kind === 'process') expect(added(childrenBefore, children())).toHaveLength(WORKERS);
      else if (threadsBefore !== undefined) expect(added(threadsBefore, osThreads()!).length).toBeGreaterThanOrEqual(WORKERS);
    } finally {
      await pool.shutdown({ wait });
    }
    expect(added(childrenBefore, children())).toEqual([]);
    if (threadsBefore !== undefined) expect(added(threadsBefore, osThreads()!)).toEqual([]);
  });
});

test('[executor.shutdown] test9 as ported leaves no child process and no OS thread behind (its pools close with `await using`; real workers, real clock)', async () => {
  const childrenBefore = children();
  const threadsBefore = osThreads();
  await test9({ workers: 2, print: () => {}, ioMs: 10 });
  expect(added(childrenBefore, children())).toEqual([]);
  if (threadsBefore !== undefined) expect(added(threadsBefore, osThreads()!)).toEqual([]);
});
