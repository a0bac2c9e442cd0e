/**
 * Contract rules, with CPython as the oracle: each golden (fixtures/scenarios/golden/) is a
 * scenario and the trace stock CPython asyncio produced for it (`npm run cpython:record`). The
 * port replays it in virtual time, and the two traces must agree after the named normalisations
 * (fixtures/scenarios/normalisations.ts). No Python is needed here.
 *
 * Goldens that exclusions.json lists (goldens, or a named difference with a scenario) are
 * expected to fail (test.failing): the port still diverges there. Such a test turns red once the port is fixed,
 * and its entry must go.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as port from '@port';
import { compare, sideBySide } from '../../fixtures/scenarios/compare';
import type { Golden } from '../../fixtures/scenarios/format';
import { GOLDEN_SCENARIOS } from '../../fixtures/scenarios/golden-set';
import { readExclusions } from '../../fixtures/scenarios/exclusions';
import { runScenario, type ScenarioPort } from '../../fixtures/scenarios/run-port';
import { useVirtualTime } from '../support/virtual-time';

const DIR = path.resolve(__dirname, '../../fixtures/scenarios/golden');
const goldens: Golden[] = fs
  .readdirSync(DIR)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')) as Golden);
const exclusions = readExclusions();
const expectedFailures = new Set(exclusions.goldens.map((entry) => entry.scenario));
const named = new Set(exclusions.named.flatMap((entry) => (entry.scenario ? [entry.scenario] : [])));

/** `[C05] ...` for an article example, so the claim ledger counts it. */
function titleOf(golden: Golden): string {
  const { name, about = '' } = golden.scenario;
  const claim = /^article-(c\d+)/.exec(name)?.[1]?.toUpperCase();
  const mark = expectedFailures.has(name) ? ' (expected to fail, exclusions.json)' : named.has(name) ? ' (a named difference, exclusions.json)' : '';
  return `${claim ? `[${claim}] ` : ''}${name}: the port's trace matches CPython ${golden.cpython.version}'s${mark} - ${about}`;
}

describe('golden traces recorded on CPython asyncio (contract rules)', () => {
  const vt = useVirtualTime();

  test('[extra] the golden files are the golden set, recorded as it stands (re-run npm run cpython:record after editing it)', () => {
    const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : 1);
    expect(goldens.map((golden) => golden.scenario).sort(byName)).toEqual([...GOLDEN_SCENARIOS].sort(byName));
    for (const name of [...expectedFailures, ...named]) expect(GOLDEN_SCENARIOS.map((s) => s.name)).toContain(name);
  });

  for (const golden of goldens) {
    const expectedToFail = expectedFailures.has(golden.scenario.name) || named.has(golden.scenario.name);
    (expectedToFail ? test.failing : test)(titleOf(golden), async () => {
      const outcome = await runScenario(port as unknown as ScenarioPort, vt, golden.scenario);
      const divergence = compare(golden.cpython, outcome);
      if (divergence) {
        throw new Error(`the port diverges from CPython at ${divergence.where}:\n${sideBySide(divergence)}`);
      }
    });
  }
});
