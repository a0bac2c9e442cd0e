import { availableParallelism } from 'node:os';
import { optionsOf, PoolExecutor, type ExecutorOptions } from './pool';
import { spawnThread } from './workers';

/**
 * concurrent.futures.ThreadPoolExecutor over Node worker threads: for blocking synchronous
 * code (a sync read, `Atomics.wait`, a CPU loop) that must not block the event loop.
 * Default size as in Python: min(32, cores + 4).
 */
export class ThreadPoolExecutor extends PoolExecutor {
  constructor(options?: ExecutorOptions | null) {
    // maxWorkers null is Python's max_workers=None: the default.
    const maxWorkers = optionsOf('ThreadPoolExecutor()', options).maxWorkers ?? Math.min(32, availableParallelism() + 4);
    super('ThreadPoolExecutor', spawnThread, maxWorkers);
  }
}
