/**
 * jest's runtime (jest-runtime), with three differences: the files it reads are kept for the whole
 * run, not for one spec file, a module's code is compiled once per run, not once per file, and
 * some of jest's own modules are loaded once per run (shared-internal-modules.cjs).
 *
 * jest gives every spec file a fresh runtime, whose file cache starts empty, so every module a
 * file loads (jest-circus, expect, jest-snapshot, pretty-format, the port...) is read from disk
 * and decoded again in each of the 56 files: about 13 ms of CPU per file, a tenth of what an
 * empty spec file costs (a V8 profile of 49 one-line spec files: 0.65 of 6.2 s). Here a file is
 * read once per run. An installed package's file is trusted for the rest of the run; any other
 * file (the port, the specs, what a spec writes and then loads) is checked at each later read
 * (size and modification time: one stat, a seventh of a read) and read again if it changed.
 * The runner (runner.cjs) forgets every read when a run starts, so a watch run sees any edit.
 *
 * jest compiles each module with vm.compileFunction, which V8 never caches: every file paid
 * again to compile the same 220 or so modules and, as they ran, their functions. A vm.Script
 * of the same wrapped source is found in V8's own compilation cache, which serves every
 * context of the process: the second file's compile of TypeScript's 9 MB took 0.4 ms, not 150.
 * The function it returns is the new file's own (its context, its globals); only the compiled
 * code is shared, and V8 keys it by the exact source and file name, so an edited file, or one
 * instrumented for mutation testing, is compiled anew. The wrapper's line is not counted
 * (lineOffset -1): stack traces keep their lines and columns. The wrapped source is kept per
 * file, one string object, whose hash V8 then computes once: wrapping it again for each spec
 * file made every lookup hash the whole source again (a V8 profile of 40 one-line spec files:
 * 0.19 s in vm.Script, 0.06 s with the kept string).
 *
 * CommonJS, like environment.cjs: jest and Stryker load a runtime with a plain require.
 */
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Runtime = require('jest-runtime').default;
const { handlePotentialSyntaxError } = require('@jest/transform');
const sharedInternalModules = require('./shared-internal-modules.cjs');

/** filename → { buffer, text (decoded on first use), mtimeMs, size }. */
const files = new Map();

function stamp(filename) {
  const stat = fs.statSync(filename);
  return { mtimeMs: stat.mtimeMs, size: stat.size };
}

const INSTALLED = `${path.sep}node_modules${path.sep}`;

function entry(filename) {
  const known = files.get(filename);
  if (known !== undefined && filename.includes(INSTALLED)) return known;
  const now = stamp(filename);
  if (known !== undefined && known.mtimeMs === now.mtimeMs && known.size === now.size) return known;
  const fresh = { buffer: fs.readFileSync(filename), text: undefined, ...now };
  files.set(filename, fresh);
  return fresh;
}

/** filename → the last wrapped source compiled for it: one string object, whose hash V8 keeps. */
const wrappedSources = new Map();

function wrap(filename, params, scriptSource) {
  const known = wrappedSources.get(filename);
  if (known !== undefined && known.params === params && known.scriptSource === scriptSource) return known.text;
  const text = `(function (${params}) {\n${scriptSource}\n})`;
  wrappedSources.set(filename, { params, scriptSource, text });
  return text;
}

class SharedReadsRuntime extends Runtime {
  requireInternalModule(from, to) {
    const shared = to === undefined ? undefined : sharedInternalModules.sharedInternalModule(from, to);
    return shared ?? super.requireInternalModule(from, to);
  }

  readFileBuffer(filename) {
    return entry(filename).buffer;
  }

  readFile(filename) {
    const file = entry(filename);
    file.text ??= file.buffer.toString('utf8');
    return file.text;
  }

  createScriptFromCode(scriptSource, filename) {
    // V8's coverage is taken per spec file, of the code that file compiled: jest's own compile.
    const { collectCoverage, coverageProvider } = this._coverageOptions;
    if (collectCoverage && coverageProvider === 'v8') return super.createScriptFromCode(scriptSource, filename);
    const vmContext = this._environment.getVmContext();
    if (vmContext == null) return null;
    const scriptFilename = this._resolver.isCoreModule(filename) ? `jest-nodejs-core-${filename}` : filename;
    try {
      const script = new vm.Script(wrap(scriptFilename, this.constructInjectedModuleParameters().join(', '), scriptSource), {
        filename: scriptFilename,
        lineOffset: -1,
        importModuleDynamically: async (specifier) => {
          const module = await this.resolveModule(specifier, scriptFilename, vmContext);
          return this.linkAndEvaluateModule(module);
        },
      });
      return script.runInContext(vmContext);
    } catch (error) {
      throw handlePotentialSyntaxError(error);
    }
  }
}

/** Called by the runner as a run starts. */
SharedReadsRuntime.forgetReads = () => {
  files.clear();
  wrappedSources.clear();
  sharedInternalModules.forget();
};

module.exports = SharedReadsRuntime;
