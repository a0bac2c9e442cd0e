/**
 * The order a run takes its spec files in, and what it starts before them, from two pragmas a
 * spec file may carry in its docblock (runner.cjs calls planRun as each run begins):
 *
 * - `@real-workers`: its tests start real threads or processes, which need a core besides the
 *   one jest's thread runs on. Such files run after the others.
 * - `@early-start <module>` (a path relative to the file): work the file needs that takes real
 *   time but no place in the run's order (a child process that measures something). The
 *   module's `start({ testPath, globalConfig, resolve })` is called as the run begins
 *   (`resolve` maps a name as the file's own require would, moduleNameMapper included). It
 *   returns undefined (not now) or `{ env, stop }`: `env` is set before any spec file starts,
 *   so the file can find what was started, and `stop()` is awaited once the run is over,
 *   whatever happened (it ends what is still running). Such files run last, after the
 *   `@real-workers` ones: what was started then overlaps the files that keep only jest's thread
 *   busy. A start() that throws is as if the pragma were not there: the file then does the work
 *   itself and reports its own failure.
 *
 * Measured with [C02]'s probe (specs/article/memory-probe-run.cjs), the whole suite paired with
 * the commit before (`farm-bench -n 4` and `-n 5`, 3 December): 0.93 and 0.94 of the wall time
 * at the same CPU (1.00); started early but run beside the pool specs, 0.96 of the wall and
 * 1.04 of the CPU. Within a group the files keep jest's order.
 *
 * CommonJS, like runner.cjs.
 */
const fs = require('node:fs');
const path = require('node:path');

const jestRunnerDir = path.dirname(require.resolve('jest-runner'));
const docblock = require(require.resolve('jest-docblock', { paths: [jestRunnerDir] }));

const REAL_WORKERS_PRAGMA = 'real-workers';
const EARLY_START_PRAGMA = 'early-start';
/**
 * `0` turns every early start off (the files still run last and do the work themselves): for a
 * run that measures the other files' speed, which work started early on the other core would
 * slow (bench H's article probe, bench/suite/jest.probe.config.cjs).
 */
const EARLY_START_ENV = 'ASYNCIO_SPEC_EARLY_START';

/** jest's tests (objects with `path` and `context.resolver`) in the order to run them, and `stop`. */
function planRun(tests, globalConfig) {
  const pragmas = new Map(tests.map((test) => [test, docblock.parse(docblock.extract(fs.readFileSync(test.path, 'utf8')))]));
  const early = startEarly(tests, pragmas, globalConfig);
  const group = (test) => (early.files.has(test) ? 2 : Object.hasOwn(pragmas.get(test), REAL_WORKERS_PRAGMA) ? 1 : 0);
  // Array#sort is stable: within a group, jest's order.
  return { ordered: [...tests].sort((a, b) => group(a) - group(b)), stop: early.stop };
}

function startEarly(tests, pragmas, globalConfig) {
  const files = new Set();
  const started = [];
  for (const test of tests) {
    const pragma = pragmas.get(test)[EARLY_START_PRAGMA];
    if (typeof pragma !== 'string' || pragma.trim() === '') continue;
    if (process.env[EARLY_START_ENV] === '0') {
      files.add(test);
      continue;
    }
    const resolver = test.context.resolver;
    const resolve = (name) => resolver.resolveStubModuleName(test.path, name) ?? resolver.resolveModule(test.path, name);
    let run;
    try {
      run = require(path.resolve(path.dirname(test.path), pragma.trim().split(/\s+/)[0])).start({ testPath: test.path, globalConfig, resolve });
    } catch {
      continue;
    }
    files.add(test);
    if (run === undefined) continue;
    Object.assign(process.env, run.env);
    started.push(run);
  }
  return {
    files,
    stop: async () => {
      await Promise.all(started.map((run) => run.stop()));
      for (const run of started) for (const name of Object.keys(run.env)) delete process.env[name];
    },
  };
}

module.exports = { planRun, REAL_WORKERS_PRAGMA, EARLY_START_PRAGMA, EARLY_START_ENV };
