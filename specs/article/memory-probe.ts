/**
 * The [C02] measurement, run as a child process (`node --expose-gc`) by the spec, so that the
 * heap and RSS it reads are its own: nothing of jest, no other spec's garbage, a real gc().
 * Prints one JSON line: per sample, bytes of heap per pending task and bytes of RSS per idle
 * worker thread, after one warm-up round.
 *
 *   node --expose-gc -r esbuild-register specs/article/memory-probe.ts <port module> <samples>
 *
 * (memory-probe-run.cjs runs it bundled to JavaScript, and with --single-threaded, which costs
 * the child less CPU.)
 */
import { Worker } from 'node:worker_threads';

type Port = typeof import('../../src/index');

const TASKS = 10_000;
/**
 * Four per sample: a thread's RSS comes in steps (glibc gives some threads a fresh malloc arena),
 * 2.0 or 8.4 MiB alone; four at once averaged 5.4 to 8.6 MiB in every sample seen.
 */
const THREADS = 4;
/** Keeps what is being weighed reachable until it is weighed (V8 may drop a dead local). */
const retained: unknown[] = [];

const gc = (): void => {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('memory-probe needs node --expose-gc');
  for (let i = 0; i < 3; i++) collect();
};
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function perTask({ createTask, gather }: Port): Promise<number> {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  await turn();
  gc();
  const before = process.memoryUsage().heapUsed;
  const tasks = Array.from({ length: TASKS }, (_, i) =>
    createTask(async () => {
      await gate;
      return i;
    }),
  );
  await turn(); // every task has started and waits on the gate
  retained.push(tasks, gate);
  gc();
  const bytes = (process.memoryUsage().heapUsed - before) / TASKS;
  retained.length = 0;
  release();
  await gather(tasks);
  return bytes;
}

async function perThread(threads: number): Promise<number> {
  gc();
  const before = process.memoryUsage().rss;
  const workers = Array.from(
    { length: threads },
    () => new Worker("const { parentPort } = require('node:worker_threads'); parentPort.postMessage('up'); parentPort.on('message', () => process.exit(0));", { eval: true }),
  );
  // Weighed once every thread is up and idle, waiting for a message.
  await Promise.all(workers.map((worker) => new Promise((resolve) => worker.once('message', resolve))));
  gc();
  const bytes = (process.memoryUsage().rss - before) / threads;
  await Promise.all(workers.map((worker) => worker.terminate()));
  return bytes;
}

async function main(): Promise<void> {
  const [portPath, samplesArg = '5'] = process.argv.slice(2);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const port = require(portPath!) as Port;
  const samples = { perTask: [] as number[], perThread: [] as number[] };
  // A warm-up first: the first tasks and the first thread also pay for one-time set-up. One
  // thread is enough for that (each costs about 0.1 s of CPU to start).
  await perTask(port);
  await perThread(1);
  for (let i = 0; i < Number(samplesArg); i++) {
    samples.perTask.push(await perTask(port));
    samples.perThread.push(await perThread(THREADS));
  }
  process.stdout.write(JSON.stringify(samples) + '\n');
}

void main();
