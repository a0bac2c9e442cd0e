/**
 * jest's Node environment, plus a record of how long each test took against its timeout: with
 * ASYNCIO_TEST_TIMES naming a file, each finished test appends one JSON line
 * `{ file, test, titles, duration, timeout }` (ms). scripts/slow-tests.ts reads it: under load no
 * test may take more than a fifth of its timeout (issue 15), and only the environment knows the
 * timeout a test really had (the config's, a file's jest.setTimeout, or the test's own). The
 * mutation run's sequencer (scripts/mutation/sequencer.cjs) reads which file holds which test.
 *
 * It also makes jest cheaper without changing what runs: jest-circus's AsyncLocalStorage is entered
 * only in a file with a concurrent test, and turned off once its file is done
 * (async-local-storage.cjs). (Compiling each module once per run, not once per file, is the
 * runtime's part: runtime.cjs.)
 *
 * CommonJS, not TypeScript: Stryker's jest runner loads the environment with a plain require.
 */
const fs = require('node:fs');
const NodeEnvironment = require('jest-environment-node').default;
const asyncLocalStorage = require('./async-local-storage.cjs');

asyncLocalStorage.install();

// Node reads the certificate bundle NODE_EXTRA_CA_CERTS names at the start of every process, TLS
// or not: 40 ms of CPU each on this project's machine, which sets it for every shell. The suite
// opens no TLS connection (nock answers every request, the real server is plain HTTP on
// 127.0.0.1) and starts 34 processes (33 pool workers and the memory probe), which inherit this
// process's environment: without it, `npm test` took 0.936 of the CPU and 0.946 of the wall time
// (farm-bench, 4 runs each paired with the commit before, 2 December, quiet). Only the processes
// the specs start are affected.
delete process.env.NODE_EXTRA_CA_CERTS;

class TimedEnvironment extends NodeEnvironment {
  #file;

  constructor(config, context) {
    super(config, context);
    this.#file = context.testPath;
  }

  async teardown() {
    await super.teardown();
    asyncLocalStorage.setBypass(false);
    asyncLocalStorage.disableUsed();
  }

  /** @param {import('@jest/types').Circus.Event} event @param {import('@jest/types').Circus.State} state */
  handleTestEvent(event, state) {
    if (event.name === 'run_start') asyncLocalStorage.setBypass(!hasConcurrentTest(state.rootDescribeBlock));
    const out = process.env.ASYNCIO_TEST_TIMES;
    if (!out || event.name !== 'test_done') return;
    const titles = [];
    for (let block = event.test.parent; block && block.parent; block = block.parent) titles.unshift(block.name);
    titles.push(event.test.name);
    const line = { file: this.#file, test: titles.join(' › '), titles, duration: event.test.duration ?? 0, timeout: event.test.timeout || state.testTimeout };
    fs.appendFileSync(out, `${JSON.stringify(line)}\n`);
  }
}

/** Whether the file declares a `test.concurrent` anywhere (the only reader of jest-circus's storage). */
function hasConcurrentTest(block) {
  return block.children.some((child) => (child.type === 'test' ? child.concurrent : hasConcurrentTest(child)));
}

module.exports = TimedEnvironment;
