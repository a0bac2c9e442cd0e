/**
 * jest's own test runner (jest-runner), with one difference: how long a worker process may
 * take to exit once the run is over before it counts as not exiting.
 *
 * jest-runner ends its workers through jest-worker, which force-kills any worker still alive
 * 500 ms after jest's end message (a constant that cannot be configured) and then prints
 * "A worker process has failed to exit gracefully". A worker whose tests leaked a handle (a
 * timer, a child, a socket) never exits by itself, and that is what the warning is for. But on
 * a loaded machine a clean worker can take longer than 500 ms to finish exiting: its event loop
 * is empty within milliseconds, then the process spends most of a second freeing its heap on a
 * starved CPU (docs/stability.md measured `exit` at t and the process gone at t+1140 ms, at
 * load 20). So this runner gives each worker WORKER_EXIT_GRACE_MS: a leaked handle still keeps
 * a worker alive past it, and is reported with jest's words, while a slow clean exit is not.
 *
 * It also starts each run with the runtime's (runtime.cjs) read files forgotten, and starts what
 * a spec file marked `@early-start` needs as the run begins, and runs the files that start real
 * workers after the others (run-order.cjs).
 *
 * Everything else is jest-runner's: in band (`-i`, one worker, or a run jest decides to keep
 * in band) it is jest's runner itself; with workers, the same worker module (jest-runner's
 * testWorker), the same options and the same events, as jest-runner 30.2.0 builds them.
 * CommonJS, like environment.cjs: jest and Stryker load a runner with a plain require.
 */
const path = require('node:path');

const jestRunnerDir = path.dirname(require.resolve('jest-runner'));
const fromJestRunner = (name) => require(require.resolve(name, { paths: [jestRunnerDir] }));
const { default: JestRunner, EmittingTestRunner } = require('jest-runner');
const { Worker } = fromJestRunner('jest-worker');
const Emittery = fromJestRunner('emittery');
const { planRun } = require('./run-order.cjs');

/**
 * Four times the slowest clean exit seen (1.14 s after jest's end message, load 20 on 2 cores).
 * A worker kept alive by a leaked handle is still there after any grace; one that exits later
 * than this on its own is reported too, as jest would.
 */
const WORKER_EXIT_GRACE_MS = 5_000;
/** jest-worker's message asking a worker to end (CHILD_MESSAGE_END in jest-worker's types). */
const CHILD_MESSAGE_END = 2;
const FAILED_TO_EXIT =
  'A worker process has failed to exit gracefully and has been force exited. This is likely caused by tests leaking due to improper teardown. Try running with --detectOpenHandles to find leaks. Active timers can also cause this, ensure that .unref() was called on them.';

class CancelRun extends Error {
  name = 'CancelRun';
}

class GracefulExitRunner extends EmittingTestRunner {
  #events = new Emittery();
  #inBand;

  constructor(globalConfig, context) {
    super(globalConfig, context);
    // jest makes a runner for each run: a watch run must see the files as they are now.
    require('./runtime.cjs').forgetReads();
    this.#inBand = new JestRunner(globalConfig, context);
  }

  on(eventName, listener) {
    const offs = [this.#events.on(eventName, listener), this.#inBand.on(eventName, listener)];
    return () => offs.forEach((off) => off());
  }

  async runTests(tests, watcher, options) {
    const { ordered, stop } = planRun(tests, this._globalConfig);
    try {
      if (options.serial) return await this.#inBand.runTests(ordered, watcher, options);
      return await this.#runInWorkers(ordered, watcher);
    } finally {
      await stop();
    }
  }

  /** jest-runner's parallel run (TestRunner#createParallelTestRun), but for how the workers end. */
  async #runInWorkers(tests, watcher) {
    const resolvers = new Map();
    for (const test of tests) {
      if (!resolvers.has(test.context.config.id)) {
        resolvers.set(test.context.config.id, { config: test.context.config, serializableModuleMap: test.context.moduleMap.toJSON() });
      }
    }
    const worker = new Worker(path.join(jestRunnerDir, 'testWorker.js'), {
      enableWorkerThreads: this._globalConfig.workerThreads,
      exposedMethods: ['worker'],
      forkOptions: { serialization: 'json', stdio: 'pipe' },
      idleMemoryLimit: typeof this._globalConfig.workerIdleMemoryLimit === 'number' ? this._globalConfig.workerIdleMemoryLimit : undefined,
      maxRetries: 3,
      numWorkers: this._globalConfig.maxWorkers,
      setupArgs: [{ serializableResolvers: [...resolvers.values()] }],
    });
    if (worker.getStdout()) worker.getStdout().pipe(process.stdout);
    if (worker.getStderr()) worker.getStderr().pipe(process.stderr);

    // At most maxWorkers files in flight, sent one by one so that each file's start is known.
    let running = 0;
    const waiting = [];
    const slot = async () => {
      if (running >= this._globalConfig.maxWorkers) await new Promise((resolve) => waiting.push(resolve));
      running++;
    };
    const release = () => {
      running--;
      waiting.shift()?.();
    };
    const runTestInWorker = async (test) => {
      await slot();
      try {
        if (watcher.isInterrupted()) throw new Error();
        await this.#events.emit('test-file-start', [test]);
        const promise = worker.worker({
          config: test.context.config,
          context: {
            ...this._context,
            changedFiles: this._context.changedFiles && [...this._context.changedFiles],
            sourcesRelatedToTestsInChangedFiles: this._context.sourcesRelatedToTestsInChangedFiles && [...this._context.sourcesRelatedToTestsInChangedFiles],
          },
          globalConfig: this._globalConfig,
          path: test.path,
        });
        if (promise.UNSTABLE_onCustomMessage) {
          promise.UNSTABLE_onCustomMessage(([event, payload]) => this.#events.emit(event, payload));
        }
        return await promise;
      } finally {
        release();
      }
    };
    const onInterrupt = new Promise((_, reject) => {
      watcher.on('change', (state) => {
        if (state.interrupted) reject(new CancelRun());
      });
    });
    const runAll = Promise.all(
      tests.map((test) =>
        runTestInWorker(test).then(
          (result) => this.#events.emit('test-file-success', [test, result]),
          (error) => this.#events.emit('test-file-failure', [test, error]),
        ),
      ),
    );
    const cleanup = async () => {
      if (await endWorkers(worker)) console.error(FAILED_TO_EXIT);
    };
    return Promise.race([runAll, onInterrupt]).then(cleanup, cleanup);
  }
}

/**
 * jest-worker's end() (BaseWorkerPool#end) with WORKER_EXIT_GRACE_MS instead of 500 ms: asks
 * every worker to end, force-exits the ones still alive after the grace. True if any was.
 */
async function endWorkers(worker) {
  const forced = await Promise.all(
    worker._workerPool.getWorkers().map(async (child) => {
      const noop = () => {};
      child.send([CHILD_MESSAGE_END, false], noop, noop, noop);
      let timer;
      const exited = await Promise.race([
        child.waitForExit().then(() => true),
        new Promise((resolve) => (timer = setTimeout(resolve, WORKER_EXIT_GRACE_MS, false))),
      ]);
      clearTimeout(timer);
      if (exited) return false;
      child.forceExit();
      await child.waitForExit();
      return true;
    }),
  );
  return forced.some(Boolean);
}

module.exports = GracefulExitRunner;
