/**
 * The differential tool's own spec (a tool check, neither a contract rule nor a port extra):
 * each copy of the port with one planted defect (fixtures/scenarios/planted/) must be found
 * within 1,000 random scenarios of a fixed seed and shrunk to at most 6 steps, judged against
 * CPython with the reference port as baseline (a divergence the reference port shares does not
 * count). Needs CPython 3.12+; without it the tests are skipped, and the reason is printed.
 */
import { differential, type PortRunner } from '../../fixtures/scenarios/differential';
import { findPython, NoPythonError, type Python } from '../../fixtures/scenarios/python';
import { knownExclusions } from '../../fixtures/scenarios/exclusions';
import { runScenario, type ScenarioPort } from '../../fixtures/scenarios/run-port';
import { useVirtualTime } from '../support/virtual-time';

/* eslint-disable @typescript-eslint/no-require-imports */
const reference = require('../../src/index') as ScenarioPort;
const PLANTED = [
  ['Semaphore barging past a woken waiter', 'semaphore-barging'],
  ['Condition notify(1) waking all', 'condition-notify-wakes-all'],
  ['Lock handing off LIFO', 'lock-lifo'],
  ['a cancelled Lock waiter swallowing the wake-up', 'lock-cancel-swallows-wakeup'],
  ['wait(FIRST_COMPLETED) waiting for all', 'wait-first-completed-waits-all'],
] as const;
const SEED = 1;
const RUNS = 1000;
/**
 * Shrinking the cancelled-Lock-waiter defect tries same-size variants (a task moved, a sleep
 * changed) before each removal: 113 s under jest at load 12-14 on 2 cores (2 December), 4 min
 * from the command line at load 15. Generous, so that a slow machine does not turn the check red.
 */
const TIMEOUT_MS = 900_000;
/**
 * Planted defects the tool finds but does not yet shrink to 6 steps: expected failures
 * (test.failing), so that the day the shrinker gets there the test turns red and the entry goes.
 */
const NOT_SHRUNK_YET: Record<string, string> = {};

let python: Python | undefined;
try {
  python = findPython();
} catch (error) {
  if (!(error instanceof NoPythonError)) throw error;
  console.warn(`planted-defects.tool: skipped, ${error.message}`);
}
const maybe = python ? describe : describe.skip;

maybe('the differential run finds each planted defect (tool check)', () => {
  const vt = useVirtualTime();

  const shrunk = PLANTED.filter(([, file]) => !(file in NOT_SHRUNK_YET));
  const notYet = PLANTED.filter(([, file]) => file in NOT_SHRUNK_YET);
  const findAndShrink = async (_label: string, file: string): Promise<void> => {
    const planted = require(`../../fixtures/scenarios/planted/${file}`) as ScenarioPort;
    const runOn = (port: ScenarioPort): PortRunner => (scenario) => runScenario(port, vt, scenario);
    const report = await differential({
      runs: RUNS,
      seed: SEED,
      python: python!,
      runPort: runOn(planted),
      baseline: runOn(reference),
      exclude: knownExclusions(),
      // Batches of 100, stopping at the first that diverges: "within 1,000" costs no more than needed.
      stopAtFirst: 100,
    });
    expect(report.found).toBeDefined();
    expect(report.found!.index).toBeLessThan(RUNS);
    expect(report.found!.steps).toBeLessThanOrEqual(6);
  };
  test.each(shrunk)('[extra] %s: found within 1,000 scenarios and shrunk to at most 6 steps', findAndShrink, TIMEOUT_MS);
  if (notYet.length > 0) {
    test.failing.each(notYet)('[extra] %s: found within 1,000 scenarios, NOT YET shrunk to 6 steps (expected failure, NOT_SHRUNK_YET)', findAndShrink, TIMEOUT_MS);
  }

  test('[extra] the reference port itself shows no divergence on the same 1,000 scenarios', async () => {
    const report = await differential({
      runs: RUNS,
      seed: SEED,
      python: python!,
      runPort: (scenario) => runScenario(reference, vt, scenario),
      exclude: knownExclusions(),
    });
    expect(report.found?.shrunk).toBeUndefined();
  }, TIMEOUT_MS);
});
