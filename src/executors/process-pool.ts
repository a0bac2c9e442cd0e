import { availableParallelism } from 'node:os';
import { optionsOf, PoolExecutor, type ExecutorOptions } from './pool';
import { spawnProcess } from './workers';

/**
 * concurrent.futures.ProcessPoolExecutor over child Node processes (an IPC channel with
 * structured-clone serialization): for CPU-bound work, each call in its own process.
 * Default size as in Python: the number of cores.
 */
export class ProcessPoolExecutor extends PoolExecutor {
  constructor(options?: ExecutorOptions | null) {
    // maxWorkers null is Python's max_workers=None: the default.
    const maxWorkers = optionsOf('ProcessPoolExecutor()', options).maxWorkers ?? availableParallelism();
    super('ProcessPoolExecutor', spawnProcess, maxWorkers);
  }
}
