/**
 * Functions the executor specs send to workers. Each travels as its own source text, so each
 * stands alone: no imports, no helpers, Node modules through require() inside the body. Every
 * wait has a deadline, so a pool that breaks a rule turns a spec red instead of hanging it.
 */
/* eslint-disable @typescript-eslint/no-require-imports */

/** The worker's identity: its threadId in a thread, its pid in a child process. */
export function workerId(): number {
  const { isMainThread, threadId } = require('node:worker_threads') as typeof import('node:worker_threads');
  return isMainThread ? process.pid : threadId;
}

export function double(x: number): number {
  return 2 * x;
}

/** CPU-bound: the sum of the squares below n (the article's more_cpu). */
export function sumOfSquares(n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += i * i;
  return sum;
}

/**
 * Blocks the worker until `release` exists (or `timeoutMs` passes), after creating `started`
 * (when given), so the spec knows the call is really running.
 */
export function holdUntilFile(release: string, timeoutMs: number, started?: string): 'released' | 'timed-out' {
  const fs = require('node:fs') as typeof import('node:fs');
  if (started) fs.writeFileSync(started, '');
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(release)) {
    if (Date.now() >= deadline) return 'timed-out';
    Atomics.wait(pause, 0, 0, 2);
  }
  return 'released';
}

/**
 * A barrier across threads or processes, in the directory `dir`: the call registers as
 * arrived, then blocks until `parties` calls have arrived (met) or `timeoutMs` passes, which
 * breaks the barrier for every call, present and later, as threading.Barrier does. So calls
 * that are not all running at once cannot meet, and a spec sees `met: false`, not a hang.
 */
export function meetAtFileBarrier(dir: string, token: number, parties: number, timeoutMs: number): { met: boolean; worker: number } {
  const fs = require('node:fs') as typeof import('node:fs');
  const path = require('node:path') as typeof import('node:path');
  const { isMainThread, threadId } = require('node:worker_threads') as typeof import('node:worker_threads');
  const worker = isMainThread ? process.pid : threadId;
  const broken = path.join(dir, 'broken');
  fs.writeFileSync(path.join(dir, `arrived-${token}`), '');
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (fs.existsSync(broken)) return { met: false, worker };
    if (fs.readdirSync(dir).filter((name) => name.startsWith('arrived-')).length >= parties) return { met: true, worker };
    if (Date.now() >= deadline) {
      fs.writeFileSync(broken, '');
      return { met: false, worker };
    }
    Atomics.wait(pause, 0, 0, 2);
  }
}

/**
 * The thread-pool barrier of C17, on shared memory: cells [arrived, broken, finished]. Each
 * call blocks (Atomics.wait, a real blocking wait like time.sleep) until all `parties` are
 * blocked at once, then the calls finish in reverse order of `id`, so that results coming back
 * in submission order owes nothing to the order they finished in. `finishedAs` is its rank.
 */
export function blockTogether(
  shared: SharedArrayBuffer,
  id: number,
  parties: number,
  timeoutMs: number,
): { id: number; met: boolean; finishedAs: number } {
  const cells = new Int32Array(shared);
  const ARRIVED = 0;
  const BROKEN = 1;
  const FINISHED = 2;
  const deadline = Date.now() + timeoutMs;
  const waitFor = (cell: number, ready: (value: number) => boolean): boolean => {
    for (;;) {
      if (Atomics.load(cells, BROKEN) === 1) return false;
      const value = Atomics.load(cells, cell);
      if (ready(value)) return true;
      const left = deadline - Date.now();
      if (left <= 0) {
        Atomics.store(cells, BROKEN, 1);
        Atomics.notify(cells, ARRIVED);
        Atomics.notify(cells, FINISHED);
        return false;
      }
      Atomics.wait(cells, cell, value, left);
    }
  };
  Atomics.add(cells, ARRIVED, 1);
  Atomics.notify(cells, ARRIVED);
  const met = waitFor(ARRIVED, (arrived) => arrived >= parties);
  // The last id finishes first: wait until every later id has finished.
  if (met) waitFor(FINISHED, (finished) => finished >= parties - 1 - id);
  const finishedAs = Atomics.add(cells, FINISHED, 1);
  Atomics.notify(cells, FINISHED);
  return { id, met, finishedAs };
}

/**
 * Spins the CPU until the file `stop` exists (or `timeoutMs` passes), after creating
 * `started`. Says which ended it, and how many rounds of work it did.
 */
export function spinUntilFile(started: string, stop: string, timeoutMs: number): { stoppedBy: 'file' | 'deadline'; rounds: number } {
  const fs = require('node:fs') as typeof import('node:fs');
  fs.writeFileSync(started, '');
  const deadline = Date.now() + timeoutMs;
  let rounds = 0;
  for (;;) {
    let sum = 0;
    for (let i = 0; i < 100_000; i++) sum += i * i;
    rounds += sum > 0 ? 1 : 0;
    if (fs.existsSync(stop)) return { stoppedBy: 'file', rounds };
    if (Date.now() >= deadline) return { stoppedBy: 'deadline', rounds };
  }
}

/**
 * The process-pool task of C17: meets the other `parties` calls at a barrier in `dir` (as
 * meetAtFileBarrier), then does CPU-bound work. `met` is true only if all were in flight at once.
 */
export function crunchTogether(dir: string, id: number, parties: number, timeoutMs: number): { id: number; pid: number; met: boolean } {
  const fs = require('node:fs') as typeof import('node:fs');
  const path = require('node:path') as typeof import('node:path');
  const broken = path.join(dir, 'broken');
  fs.writeFileSync(path.join(dir, `arrived-${id}`), '');
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + timeoutMs;
  let met = false;
  for (;;) {
    if (fs.existsSync(broken)) break;
    if (fs.readdirSync(dir).filter((name) => name.startsWith('arrived-')).length >= parties) {
      met = true;
      break;
    }
    if (Date.now() >= deadline) {
      fs.writeFileSync(broken, '');
      break;
    }
    Atomics.wait(pause, 0, 0, 2);
  }
  let sum = 0;
  for (let i = 0; i < 10 ** 6; i++) sum += i * i;
  return { id, pid: process.pid, met: met && sum > 0 };
}
