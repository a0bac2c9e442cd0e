/**
 * Runs [C02]'s memory probe (memory-probe.ts) in a child process, `node --expose-gc`, and gives
 * back its samples. The probe takes about two seconds in which jest, in band, would only wait;
 * so when threads-and-processes.spec.ts is in a run, jest's runner starts it as the run begins
 * (`start`, by `@early-start` in the spec's docblock: specs/support/run-order.cjs), and the spec
 * reads what it printed (`measure`), while the other spec files run meanwhile. Without an early
 * start (a run that names tests with -t, or another runner), `measure` runs the probe itself.
 *
 * CommonJS: the runner loads it with Node's own require, the spec through jest's.
 */
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const { createRequire } = require('node:module');
const os = require('node:os');
const path = require('node:path');

/** How many samples the probe takes; the spec judges their medians and their spread. */
const SAMPLES = 3;
/** Where an early run's outcome is written, named to the spec through the environment. */
const EARLY_FILE_ENV = 'ASYNCIO_SPEC_MEMORY_PROBE';
const PROBE = path.join(__dirname, 'memory-probe.ts');
const ROOT = path.join(__dirname, '..', '..');
/** How often the spec looks for an early run's outcome. */
const POLL_MS = 20;

/**
 * The probe, and the port when it is TypeScript (the reference port), bundled into `dir` as
 * plain JavaScript by esbuild, here in jest's process (the copy its config loader loaded; the
 * asynchronous call starts esbuild's service, a process that ends with jest). Through
 * esbuild-register the child spent 2.3 s of CPU instead of 1.6 s (3 runs each, 3 December):
 * transpiling as it loaded, esbuild's own process, and every gc() walking a larger heap. A port
 * in JavaScript (another port, which the kit has bundled already) is loaded as it is.
 * Asynchronous: esbuild's synchronous call held jest's thread about 0.2 s as the run began.
 */
async function bundle(port, dir) {
  // Node's own require, also from a spec: jest's would load a second copy of esbuild.
  const esbuild = createRequire(__filename)('esbuild');
  const entryPoints = { probe: PROBE, ...(/\.[cm]?tsx?$/.test(port) ? { port } : {}) };
  await esbuild.build({
    entryPoints,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${process.versions.node.split('.')[0]}`,
    outdir: dir,
    outExtension: { '.js': '.cjs' },
    logLevel: 'silent',
  });
  return { probe: path.join(dir, 'probe.cjs'), port: entryPoints.port ? path.join(dir, 'port.cjs') : port };
}

/** What esbuild could not do, in one line. */
function bundleFailure(error) {
  const first = error.errors?.[0];
  if (first === undefined) return error.message;
  return `${first.location ? `${first.location.file}:${first.location.line}:${first.location.column + 1}: ` : ''}${first.text}`;
}

/**
 * Starts the probe on `port` (a module path): `done` settles with how it ended, never rejects;
 * `stop` ends it, while it is bundled or while it runs.
 */
function launch(port) {
  let child;
  let stopped = false;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asyncio-spec-memory-probe-'));
  const ran = bundle(port, dir).then(
    (built) =>
      new Promise((resolve) => {
        if (stopped) return resolve({ code: null, signal: 'SIGKILL', stdout: '', stderr: 'stopped before it started' });
        // --single-threaded: no V8 helper threads (GC, compiler), which would take the core jest's
        // thread runs on while the probe starts early; they are the process's, not a worker's, so a
        // thread's RSS is as large either way (6.4 to 7.7 MiB in both, 3 runs each). 1.3 s of CPU
        // instead of 1.6, and the first spec file beside it 0.4 to 0.8 s instead of 0.8 to 0.9.
        child = execFile(process.execPath, ['--expose-gc', '--single-threaded', built.probe, built.port, String(SAMPLES)], { cwd: ROOT }, (error, stdout, stderr) => {
          // error.code is the exit code (null when a signal ended it), or a spawn error's name.
          resolve({ code: error ? error.code : 0, signal: error?.signal ?? null, stdout, stderr: stderr || (error?.message ?? '') });
        });
      }),
    (error) => ({ code: null, signal: null, unbundled: true, stdout: '', stderr: bundleFailure(error) }),
  );
  const done = ran.then((outcome) => {
    fs.rmSync(dir, { recursive: true, force: true });
    return { port, samples: SAMPLES, ...outcome };
  });
  const stop = () => {
    stopped = true;
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  return { done, stop };
}

/** The samples an outcome holds, or the probe's failure as an error. */
function samplesOf(outcome) {
  if (outcome.code !== 0) {
    const how = outcome.unbundled ? 'could not be bundled' : outcome.signal ? `was killed by ${outcome.signal}` : `exited with code ${outcome.code}`;
    throw new Error(`the memory probe (${path.relative(ROOT, PROBE)}) ${how}: ${outcome.stderr.trim() || 'it printed nothing'}`);
  }
  return JSON.parse(outcome.stdout);
}

/**
 * The runner's early start (specs/support/run-order.cjs): starts the probe on the port the
 * spec would load, unless the run selects tests by name (the probe's test may not be among
 * them). Returns the environment for the spec and `stop`, which the runner calls after the
 * run: it ends a probe still running and removes the outcome's file.
 */
function start({ resolve, globalConfig }) {
  if (globalConfig.testNamePattern) return undefined;
  const port = resolve('@port-under-test');
  const file = path.join(os.tmpdir(), `asyncio-spec-memory-probe-${process.pid}-${Date.now()}.json`);
  const probe = launch(port);
  const written = probe.done.then((outcome) => fs.writeFileSync(file, JSON.stringify(outcome)));
  return {
    env: { [EARLY_FILE_ENV]: file },
    async stop() {
      probe.stop();
      await written.catch(() => {});
      fs.rmSync(file, { force: true });
    },
  };
}

/** The probe's samples on `port`: an early run's when there is one for that port, else a run of its own. */
async function measure(port) {
  const file = process.env[EARLY_FILE_ENV];
  if (file) {
    while (!fs.existsSync(file)) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const outcome = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (outcome.port === port && outcome.samples === SAMPLES) return samplesOf(outcome);
  }
  return samplesOf(await launch(port).done);
}

module.exports = { SAMPLES, start, measure };
