/**
 * The executors' errors, the JavaScript faces of concurrent.futures' RuntimeError,
 * PicklingError and BrokenExecutor. Each sets `name` to its class name.
 */

/** `submit()` after `shutdown()`: concurrent.futures' "cannot schedule new futures after shutdown". */
export class ExecutorShutdownError extends Error {
  constructor(message = 'cannot schedule new futures after shutdown', options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * The function cannot run in a worker: a worker receives only its source text, so it must be
 * self-contained (no closure over outer variables, no `this`, not native, bound or a method),
 * as Python can only send a picklable function to a process.
 */
export class UnshippableFunctionError extends TypeError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** An argument, result or thrown value that the structured clone algorithm cannot copy. */
export class UncloneableValueError extends TypeError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The worker running a call died (e.g. `process.exit()` in it, a crash, a kill). */
export class BrokenWorkerError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly signal: NodeJS.Signals | null = null,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}
