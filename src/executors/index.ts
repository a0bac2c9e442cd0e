export { ThreadPoolExecutor } from './thread-pool';
export { ProcessPoolExecutor } from './process-pool';
export { runInExecutor } from './run-in-executor';
export { ExecutorFuture, type Executor, type ExecutorOptions, type ShutdownOptions } from './pool';
export { BrokenWorkerError, ExecutorShutdownError, UncloneableValueError, UnshippableFunctionError } from './errors';
