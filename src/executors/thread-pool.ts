import { availableParallelism } from 'node:os';
import { PoolExecutor, type ExecutorOptions } from './pool';
import { spawnThread } from './workers';

/**
 * concurrent.futures.ThreadPoolExecutor over Node worker threads: for blocking synchronous
 * code (a sync read, `Atomics.wait`, a CPU loop) that must not block the event loop.
 * Default size as in Python: min(32, cores + 4).
 */
export class ThreadPoolExecutor extends PoolExecutor {
  constructor({ maxWorkers = Math.min(32, availableParallelism() + 4) }: ExecutorOptions = {}) {
    super('ThreadPoolExecutor', spawnThread, maxWorkers);
  }
}
