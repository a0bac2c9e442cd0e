// The reference port: the asyncio surface of docs/contract.md.
export { CancelledError, InvalidStateError, TimeoutError, SessionClosedError, NullishFailureError } from './errors';
export {
  setExceptionHandler,
  getExceptionHandler,
  callExceptionHandler,
  defaultExceptionHandler,
  type ExceptionContext,
  type ExceptionHandler,
} from './exception-handler';
export { sleep } from './sleep';
export type { SignalOption } from './signal';
export { Future } from './future';
export { Task, createTask, type Coroutine, type TaskOptions } from './task';
export { ensureFuture, type Awaitable, type ResultOf } from './ensure-future';
export { wait, waitFor, type ReturnWhen, type WaitOptions, type WaitResult } from './wait';
export { gather, type GatherOptions } from './gather';
export { ClientSession, ClientResponse } from './client-session';
export { ServerDisconnectedError } from './client-errors';
export { Lock, Event, Condition, Semaphore, BoundedSemaphore, LockNotAcquiredError } from './locks';
export {
  ThreadPoolExecutor,
  ProcessPoolExecutor,
  runInExecutor,
  ExecutorFuture,
  BrokenWorkerError,
  ExecutorShutdownError,
  UncloneableValueError,
  UnshippableFunctionError,
  type Executor,
  type ExecutorOptions,
  type ShutdownOptions,
} from './executors';
