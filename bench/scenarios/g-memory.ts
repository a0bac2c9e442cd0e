/**
 * G. Memory: bytes per pending waiter (a bare acquire() on a held lock, 1e5 of them), bytes per
 * pending task (1e5 tasks blocked on one promise), and bytes of RSS per idle worker thread, the
 * thing a coroutine is cheaper than. Heap figures are taken after a full GC on both sides.
 */
import { Worker } from 'node:worker_threads';
import { find, locks, spawners } from '../subjects';
import { gc, settle, type Scenario } from './scenario';

const N = 100_000;
const THREADS = 4;
export const THREAD_SUBJECT = 'worker_threads Worker (idle)';

/**
 * Keeps what the waiters hang on (the lock, the promise they await) reachable until the figure is
 * taken: once a function stops using a local, V8 may drop it, and the parked waiters, only
 * reachable through it, would be collected before they are counted.
 */
const retained: unknown[] = [];

function heapUsed(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

async function perWaiter(subject: string): Promise<number> {
  const lock = await find(locks, subject).make();
  await lock.acquire();
  const pending = new Array<PromiseLike<unknown>>(N).fill(Promise.resolve());
  await settle();
  const before = heapUsed();
  for (let i = 0; i < N; i++) pending[i] = lock.acquire();
  await settle();
  retained.push(lock, pending);
  const after = heapUsed();
  retained.length = 0; // the waiters never resolve; dropping them lets the next rep start clean
  return (after - before) / N;
}

async function perTask(subject: string): Promise<number> {
  const spawner = await find(spawners, subject).make();
  const never = new Promise<void>(() => {});
  const tasks = new Array<unknown>(N).fill(undefined);
  await settle();
  const before = heapUsed();
  for (let i = 0; i < N; i++) tasks[i] = spawner.spawn(never);
  await settle(); // every task has started and is parked on `never`
  retained.push(spawner, never, tasks);
  const after = heapUsed();
  retained.length = 0;
  return (after - before) / N;
}

async function perThread(): Promise<number> {
  gc();
  const before = process.memoryUsage().rss;
  const workers: Worker[] = [];
  for (let i = 0; i < THREADS; i++) {
    const worker = new Worker("require('node:worker_threads').parentPort.on('message', () => {});", { eval: true });
    workers.push(worker);
    await new Promise<void>((resolve, reject) => {
      worker.once('online', resolve);
      worker.once('error', reject);
    });
  }
  await new Promise((resolve) => setTimeout(resolve, 200)); // let each isolate finish booting
  gc();
  const after = process.memoryUsage().rss;
  await Promise.all(workers.map((w) => w.terminate()));
  return (after - before) / THREADS;
}

export const memory: Scenario = {
  id: 'G',
  title: 'memory per pending waiter / task / idle thread',
  unit: 'bytes',
  cells: () => [
    ...locks.map((s) => ({ subject: s.name, kind: s.kind, param: 'waiter' })),
    ...spawners.map((s) => ({ subject: s.name, kind: s.kind, param: 'task' })),
    { subject: THREAD_SUBJECT, kind: 'limit' as const, param: 'thread' },
  ],
  python: ['task'],
  // Memory figures are per 1e5 items after a full GC: steady from the first run, so no warm-up.
  warmups: () => 0,
  reps: () => 3,
  measure(subject, param) {
    if (param === 'waiter') return perWaiter(subject);
    if (param === 'task') return perTask(subject);
    if (param === 'thread') return perThread();
    throw new RangeError(`G has no param ${param}`);
  },
};
