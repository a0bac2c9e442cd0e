/**
 * `npm run cpython:record`: runs the golden set (fixtures/scenarios/golden-set.ts) on CPython
 * 3.13 (else 3.12) and writes each scenario with CPython's trace and version to
 * fixtures/scenarios/golden/<name>.json; a golden no longer in the set is removed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { GOLDEN_SCENARIOS } from '../fixtures/scenarios/golden-set';
import type { Golden } from '../fixtures/scenarios/format';
import { findPython, NoPythonError, runBatch } from '../fixtures/scenarios/python';

const DIR = path.resolve(__dirname, '../fixtures/scenarios/golden');

async function main(): Promise<number> {
  let python;
  try {
    python = findPython();
  } catch (error) {
    if (error instanceof NoPythonError) {
      console.error(`cpython:record: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const outcomes = await runBatch(python, GOLDEN_SCENARIOS);
  fs.mkdirSync(DIR, { recursive: true });
  const written = new Set<string>();
  GOLDEN_SCENARIOS.forEach((scenario, i) => {
    const outcome = outcomes[i]!;
    if (outcome.invalid) throw new Error(`CPython could not run ${scenario.name}: ${outcome.invalid}`);
    const golden: Golden = { scenario, cpython: { version: outcome.python, trace: outcome.trace, tasks: outcome.tasks } };
    const file = `${scenario.name}.json`;
    fs.writeFileSync(path.join(DIR, file), JSON.stringify(golden, null, 1) + '\n');
    written.add(file);
  });
  for (const file of fs.readdirSync(DIR)) if (file.endsWith('.json') && !written.has(file)) fs.rmSync(path.join(DIR, file));
  console.log(`cpython:record: ${written.size} goldens recorded with CPython ${python.version} (${python.command}) in ${path.relative(process.cwd(), DIR)}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
