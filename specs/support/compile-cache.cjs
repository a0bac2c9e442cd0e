/**
 * V8's code cache for the modules jest compiles, kept in memory for the life of the jest process.
 *
 * jest gives every spec file a fresh module registry, so each module a file loads is compiled
 * again in each file (vm.compileFunction, which unlike vm.Script has no compilation cache of
 * its own): jest-circus, expect, jest-snapshot, pretty-format, fake-timers, nock, the port...
 * 55 times in a run. That compiling was 9 of the 40 s of CPU of a whole in-band run (measured
 * by wrapping vm.compileFunction, load 8-10 on 2 cores). A module seen again is compiled from
 * the code cache V8 produced the second time it was compiled (producing costs about twice a
 * plain compile, so a module compiled once, like TypeScript's 9 MB in rule-tags.spec.ts, never
 * pays it); consuming it costs a few percent of a compile.
 *
 * The cache is keyed by the file name and a hash of the exact source jest compiles (after its
 * transform: coverage or mutation instrumentation changes the key), and V8 itself checks that
 * the data fits its version, flags and the source, and compiles normally when it does not
 * (cachedDataRejected). So what runs is always what jest asked to compile.
 *
 * Installed once per process, by the test environment (environment.cjs), which jest and
 * Stryker load in every process that runs specs. CommonJS for the same reason.
 */
const crypto = require('node:crypto');
const vm = require('node:vm');

const INSTALLED = Symbol.for('asyncio-spec.compile-cache');

function install() {
  if (vm.compileFunction[INSTALLED]) return;
  const compileFunction = vm.compileFunction;
  /** key → number of compiles so far (1), or the code cache (a Buffer). */
  const seen = new Map();
  const cached = function compileFunctionWithCodeCache(code, params, options) {
    if (typeof code !== 'string' || options === undefined || options.cachedData !== undefined || options.produceCachedData) {
      return compileFunction.apply(this, arguments);
    }
    const key = `${options.filename}\0${crypto.createHash('sha1').update(code).digest('base64')}`;
    const entry = seen.get(key);
    if (entry === undefined) {
      seen.set(key, 1);
      return compileFunction.call(this, code, params, options);
    }
    if (entry === 1) {
      const fn = compileFunction.call(this, code, params, { ...options, produceCachedData: true });
      if (fn.cachedDataProduced) seen.set(key, fn.cachedData);
      return fn;
    }
    const fn = compileFunction.call(this, code, params, { ...options, cachedData: entry });
    if (fn.cachedDataRejected) seen.set(key, 1);
    return fn;
  };
  cached[INSTALLED] = true;
  vm.compileFunction = cached;
}

module.exports = { install };
