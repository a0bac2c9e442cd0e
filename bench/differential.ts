/**
 * The differential run's speed (issue 13's goal: >= 300 scenarios/s end to end, 10,000 in under
 * a minute, on a 2-core machine): `npm run bench:differential -- [--runs N] [--seed S]`, and one
 * line of `npm run bench`. Generation, the batch on CPython (one process) and the port under the
 * virtual-time harness, and the comparison, all counted; no divergence is expected (the reference
 * port, with exclusions.json's exclusions), and shrinking is not timed.
 */
import os from 'node:os';
import path from 'node:path';
import { differential } from '../fixtures/scenarios/differential';
import { knownExclusions } from '../fixtures/scenarios/exclusions';
import { findPython } from '../fixtures/scenarios/python';
import { runScenario, type ScenarioPort } from '../fixtures/scenarios/run-port';
import { standaloneTime } from '../fixtures/scenarios/standalone-time';

export const DIFFERENTIAL_GOAL_PER_SECOND = 300;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const option = (name: string, fallback: number): number => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  const runs = option('--runs', 2000);
  const seed = option('--seed', 7);
  const python = findPython();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const port = require(path.resolve(__dirname, '../src/index.ts')) as ScenarioPort;
  const time = await standaloneTime();
  const load = os.loadavg()[0]!.toFixed(2);
  const report = await differential({
    runs,
    seed,
    python,
    exclude: knownExclusions(),
    runPort: async (scenario) => (await time.run((vt) => runScenario(port, vt, scenario))).value,
  });
  await time.close();
  const perSecond = Math.round(report.perSecond);
  process.stdout.write(
    `differential: ${perSecond} scenarios/s end to end (${runs} scenarios, seed ${seed}, ${(report.elapsedMs / 1000).toFixed(1)} s, ` +
      `CPython ${python.version}, ${report.divergences} diverged; goal >= ${DIFFERENTIAL_GOAL_PER_SECOND}/s: ` +
      `${perSecond >= DIFFERENTIAL_GOAL_PER_SECOND ? 'met' : 'missed'}; 1-minute load ${load} at start, ${os.loadavg()[0]!.toFixed(2)} at end, ${os.cpus().length} cores)\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:differential: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
