/**
 * The article's two passages about threads: how coroutines compare with threads (its
 * opening) and how blocking and CPU-bound code join the event loop through thread and
 * process pools (test9). Workers here are real threads and processes, so these specs run on
 * the real clock, but nothing asserts a duration: overlap is proved by barriers that open only
 * when every party is there at once, and stalls by the order things happened in.
 *
 * @early-start ./memory-probe-run.cjs ([C02]'s probe runs beside the other spec files)
 * @real-workers (its pools start real threads and processes)
 */
import fs from 'node:fs';
import path from 'node:path';
import { createTask, gather, runInExecutor, sleep } from '@port';
import { main as test9 } from '../../fixtures/article/test9';
import { recordFigure } from '../support/figures';
import { useVirtualTime } from '../support/virtual-time';
import { blockTogether, crunchTogether, spinUntilFile, sumOfSquares } from '../semantics/executors/shipped';
import { untilExists, usePools } from '../semantics/executors/use-pools';

/** How long a barrier waits for its parties before it breaks: only a broken pool ever waits that long. */
const BARRIER_TIMEOUT_MS = 5000;
const BROKEN_BARRIER_TEST_TIMEOUT_MS = 3 * BARRIER_TIMEOUT_MS;

/** [C02] is measured in a child with --expose-gc, a few samples, judged on their medians (memory-probe-run.cjs). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const memoryProbe = require('./memory-probe-run.cjs') as {
  SAMPLES: number;
  measure(port: string): Promise<{ perTask: number[]; perThread: number[] }>;
};
/** The child (3 samples and a warm-up) took 5.4 s CPU and 21.5 s wall at load 22 on 2 cores (8 runnable per core): the worst seen. */
const MEMORY_TEST_TIMEOUT_MS = 120_000;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** How far the farthest sample strays from the median, as a factor (1 = no spread). */
function spread(values: readonly number[]): number {
  const m = median(values);
  return Math.max(...values.map((v) => Math.max(v / m, m / v)));
}

describe('compared with threads', () => {
  describe('CPU-bound work on the event loop', () => {
    test('[C01] a CPU-bound function run on the event loop stalls every other coroutine: their timers fire late, in order, only after it returns', async () => {
      const happened: Array<{ what: string; at: number }> = [];
      const dueAt: number[] = [];
      const sleepers = [0, 1, 2].map((i) =>
        createTask(async () => {
          dueAt.push(performance.now() + 1);
          await sleep(1);
          happened.push({ what: `coroutine ${i} woke`, at: performance.now() });
        }),
      );
      // Let the coroutines start and set their timers, in microtasks only: a turn of the event
      // loop here could already fire a timer before the CPU-bound work even starts.
      for (let turn = 0; dueAt.length < 3 && turn < 100; turn++) await Promise.resolve();
      expect(dueAt).toHaveLength(3);
      // The CPU-bound function, on the loop, until every timer is overdue.
      do sumOfSquares(10 ** 5);
      while (performance.now() <= Math.max(...dueAt));
      happened.push({ what: 'CPU-bound work returned', at: performance.now() });
      await gather(sleepers);

      expect(happened.map((h) => h.what)).toEqual(['CPU-bound work returned', 'coroutine 0 woke', 'coroutine 1 woke', 'coroutine 2 woke']);
      const returnedAt = happened[0]!.at;
      // Each timer was due while the function ran, and fired only after it returned.
      for (const due of dueAt) expect(due).toBeLessThan(returnedAt);
      for (const { at } of happened.slice(1)) expect(at).toBeGreaterThanOrEqual(returnedAt);
    });
  });

  describe('IO-bound waits', () => {
    const vt = useVirtualTime();

    test('[C01] IO-bound waits overlap on the event loop: three coroutines waiting 1 s each take 1 s in all', async () => {
      const results = await vt.run(() =>
        gather([0, 1, 2].map((i) => createTask(() => sleep(1000, i)))),
      );
      expect(results).toEqual([0, 1, 2]);
      expect(vt.now()).toBe(1000);
    });
  });

  describe('memory', () => {
    test(
      '[C02] a pending task costs far less memory than a thread: 1000 pending tasks weigh less than one idle worker thread (real threads, measured in a child process)',
      async () => {
        // Resolved through jest's moduleNameMapper: the port under test, as the specs see it.
        const samples = await memoryProbe.measure(require.resolve('@port-under-test'));
        const task = median(samples.perTask);
        const thread = median(samples.perThread);
        // The margin is the measured spread: the ratio of the medians must beat 1000 by more than
        // the worst sample of either series strays from its median (a noisy run asks for more).
        const margin = Math.max(spread(samples.perTask), spread(samples.perThread));
        expect(task).toBeGreaterThan(0);
        expect(thread / task).toBeGreaterThan(1000 * margin);
        recordFigure('C02', `${Math.round(thread / task)} tasks/thread`, `median of ${memoryProbe.SAMPLES}: ${Math.round(task)} B per pending task, ${(thread / 2 ** 20).toFixed(1)} MiB RSS per idle thread`);
      },
      MEMORY_TEST_TIMEOUT_MS,
    );
  });
});

describe('threads and processes (test9; real workers, real clock)', () => {
  const pools = usePools();

  test(
    '[C17] blocking calls in a thread pool and CPU-bound calls in a process pool, awaited together, all run at once; results come back in submission order',
    async () => {
      // As in test9: one more thread than processes.
      const threadPool = pools.thread(4);
      const processPool = pools.process(3);
      const shared = new SharedArrayBuffer(12);
      const dir = pools.scratch();
      const futures = [
        ...[0, 1, 2].map((id) => runInExecutor(threadPool, blockTogether, shared, id, 3, BARRIER_TIMEOUT_MS)),
        ...[0, 1, 2].map((id) => runInExecutor(processPool, crunchTogether, dir, id, 3, BARRIER_TIMEOUT_MS)),
      ];
      const results = await gather(futures);
      const threads = results.slice(0, 3) as Array<ReturnType<typeof blockTogether>>;
      const processes = results.slice(3) as Array<ReturnType<typeof crunchTogether>>;

      // All three threads were blocked at the same time, and all three processes in flight at once.
      expect(threads.map((t) => t.met)).toEqual([true, true, true]);
      expect(processes.map((p) => p.met)).toEqual([true, true, true]);
      expect(new Set(processes.map((p) => p.pid)).size).toBe(3);
      expect(processes.map((p) => p.pid)).not.toContain(process.pid);
      // The threads finished last-first, yet the results are in the order they were submitted.
      expect(threads.map((t) => t.finishedAs)).toEqual([2, 1, 0]);
      const order = results.map((r) => r.id);
      expect(order).toEqual([0, 1, 2, 0, 1, 2]);
      recordFigure('C17', order, 'ids of the results: 3 thread calls, then 3 process calls');
    },
    BROKEN_BARRIER_TEST_TIMEOUT_MS,
  );

  test('[C18] while a process pool runs CPU-bound work, a timer on the event loop keeps firing', async () => {
    const pool = pools.process(1);
    const dir = pools.scratch();
    const started = path.join(dir, 'started');
    const stop = path.join(dir, 'stop');
    const spinning = runInExecutor(pool, spinUntilFile, started, stop, BARRIER_TIMEOUT_MS);
    await untilExists(started, spinning);
    // Each tick notes whether the CPU-bound call was still running.
    const runningAtTick: boolean[] = [];
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        runningAtTick.push(!spinning.done());
        if (runningAtTick.length === 5 || spinning.done()) {
          clearInterval(timer);
          resolve();
        }
      }, 1);
    });
    fs.writeFileSync(stop, '');
    const outcome = await spinning;

    expect(runningAtTick).toEqual([true, true, true, true, true]);
    // It was stopped by the fifth tick, so it was still spinning all along.
    expect(outcome.stoppedBy).toBe('file');
    recordFigure('C18', `${runningAtTick.length} ticks`, 'loop timer ticks while the process pool spun the CPU');
  });

  test('[C17] test9 as ported: the thread lines, then the process lines, each in submission order', async () => {
    const printed: string[] = [];
    const lines = await test9({ workers: 2, print: (line) => printed.push(line), ioMs: 50 });
    const stamp = String.raw`\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}`;
    expect(lines.map((line) => line.replace(new RegExp(stamp), '<time>'))).toEqual([
      'threading(0): done at <time>',
      'threading(1): done at <time>',
      'process(0): done at <time>',
      'process(1): done at <time>',
    ]);
    expect(printed).toEqual([lines.join('\n')]);
  });
});
