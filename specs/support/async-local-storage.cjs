/**
 * jest-circus's AsyncLocalStorage, made to cost nothing where nothing reads it.
 *
 * jest-circus runs every test inside an AsyncLocalStorage of its own, whose only reader is
 * `test.concurrent`: it tells expect which of the tests running at once an assertion belongs
 * to. While any storage is entered, Node calls a hook for every promise created (the port
 * makes several per step), and on Node 20 and 22 that hook visits every storage ever enabled:
 *
 * - In a spec file without a concurrent test, each test runs without entering jest-circus's
 *   storage (`bypass`): expect then names the test from jest's state, as it does anyway when
 *   the storage holds nothing, and no promise pays for a hook: [C11]'s 10,000 tasks took 53 to 62 ms
 *   instead of 69 to 79 (4 runs each, 3 December; the files without real workers, 0.98 of their
 *   CPU, 6 runs each paired). A file with a concurrent test keeps jest's behaviour whole.
 * - jest loads jest-circus afresh for each spec file, so each file adds one more instance, which
 *   stays in Node's list until someone calls its disable(), which jest never does (1.4 s of a
 *   40 s CPU run at the end, 55 instances; V8 profile, load 8-10). Once a file's tests are over
 *   nothing reads its instance, so the environment's teardown disables it (`disableUsed`).
 *
 * Only the storage jest-circus's adapter runs its tests in is bypassed (told by the caller of
 * its first run()); every other instance, the port's or a library's, is untouched. CommonJS,
 * like environment.cjs, which installs this once per process.
 */
const { AsyncLocalStorage } = require('node:async_hooks');

const INSTALLED = Symbol.for('asyncio-spec.async-local-storage');
/** The frame that calls run() for every test: jest-circus's runTestWithContext. */
const CIRCUS_ADAPTER = /[\\/]jest-circus[\\/]build[\\/]jestAdapterInit\.js:/;
const used = new Set();
const isCircus = new WeakMap();
let bypass = false;

function install() {
  const proto = AsyncLocalStorage.prototype;
  if (proto.run[INSTALLED]) return;
  const run = proto.run;
  const recorded = function run_(store, callback, ...args) {
    let circus = isCircus.get(this);
    if (circus === undefined) {
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 3;
      const caller = new Error().stack.split('\n')[2] ?? '';
      Error.stackTraceLimit = limit;
      isCircus.set(this, (circus = CIRCUS_ADAPTER.test(caller)));
    }
    if (circus && bypass) return callback(...args);
    used.add(this);
    return run.call(this, store, callback, ...args);
  };
  recorded[INSTALLED] = true;
  proto.run = recorded;
}

/** Whether jest-circus's storage is skipped: set by the environment for each spec file. */
function setBypass(value) {
  bypass = value;
}

/** Disables every instance run() was called on since the last call. */
function disableUsed() {
  for (const storage of used) storage.disable();
  used.clear();
}

module.exports = { install, setBypass, disableUsed };
