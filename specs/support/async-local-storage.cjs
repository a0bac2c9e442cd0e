/**
 * Turns off, after each spec file, the AsyncLocalStorage instances its tests ran in.
 *
 * jest-circus runs every test inside an AsyncLocalStorage of its own (for the names of
 * `test.concurrent` tests). jest loads jest-circus afresh for each spec file, so each file adds
 * one more instance, and on Node 20 and 22 an instance stays in Node's list of storages until
 * someone calls its disable(), which jest never does: from then on every promise the specs
 * create (the port makes several per step) calls a hook that visits every instance so far, 55
 * at the end of a run. That was 1.4 s of the 40 s of CPU of a whole in-band run (V8 profile,
 * load 8-10 on 2 cores), most of it in the last files. Once a file's tests are over nothing
 * reads its instance, so the environment's teardown disables it, and Node turns the promise
 * hook off when no instance is left.
 *
 * Only instances whose run() was called in this process are recorded; run() itself is
 * unchanged. CommonJS, like environment.cjs, which installs this once per process.
 */
const { AsyncLocalStorage } = require('node:async_hooks');

const INSTALLED = Symbol.for('asyncio-spec.async-local-storage');
const used = new Set();

function install() {
  const proto = AsyncLocalStorage.prototype;
  if (proto.run[INSTALLED]) return;
  const run = proto.run;
  const recorded = function run_(...args) {
    used.add(this);
    return run.apply(this, args);
  };
  recorded[INSTALLED] = true;
  proto.run = recorded;
}

/** Disables every instance run() was called on since the last call. */
function disableUsed() {
  for (const storage of used) storage.disable();
  used.clear();
}

module.exports = { install, disableUsed };
