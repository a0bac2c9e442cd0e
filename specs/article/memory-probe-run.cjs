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

/** Starts the probe on `port` (a module path); `done` settles with how it ended, never rejects. */
function launch(port) {
  let child;
  const done = new Promise((resolve) => {
    child = execFile(process.execPath, ['--expose-gc', '-r', 'esbuild-register', PROBE, port, String(SAMPLES)], { cwd: ROOT }, (error, stdout, stderr) => {
      // error.code is the exit code (null when a signal ended it), or a spawn error's name.
      resolve({ port, samples: SAMPLES, code: error ? error.code : 0, signal: error?.signal ?? null, stdout, stderr: stderr || (error?.message ?? '') });
    });
  });
  return { child, done };
}

/** The samples an outcome holds, or the probe's failure as an error. */
function samplesOf(outcome) {
  if (outcome.code !== 0) {
    const how = outcome.signal ? `was killed by ${outcome.signal}` : `exited with code ${outcome.code}`;
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
  const { child, done } = launch(port);
  const written = done.then((outcome) => fs.writeFileSync(file, JSON.stringify(outcome)));
  return {
    env: { [EARLY_FILE_ENV]: file },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
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
