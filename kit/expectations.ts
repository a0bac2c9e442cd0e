/**
 * The expectations file a port author keeps beside the port: known failures by rule id, each
 * with a reason. Listed rules that fail keep the run green; a listed rule that passes fails the
 * run ("unexpected pass"), so the list cannot go stale. `--update-expectations` writes it.
 *
 *   { "knownFailures": { "lock.cancel-woken": "our Mutex cannot cancel a woken waiter" } }
 */
import fs from 'node:fs';
import { KitError } from './resolve';
import type { ConformanceReport } from './report';

export interface Expectations {
  knownFailures: Record<string, string>;
}

export function readExpectations(file: string): Expectations | undefined {
  if (!fs.existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new KitError(`expectations file ${file} is not JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  const known = (parsed as { knownFailures?: unknown } | null)?.knownFailures;
  if (typeof known !== 'object' || known === null || Object.values(known).some((reason) => typeof reason !== 'string')) {
    throw new KitError(`expectations file ${file} needs { "knownFailures": { "<rule id>": "<reason>" } }`);
  }
  return { knownFailures: known as Record<string, string> };
}

/** The failing contract rules of `report`, with the reasons already written kept. */
export function writeExpectations(file: string, report: ConformanceReport, previous?: Expectations): Expectations {
  const knownFailures: Record<string, string> = {};
  for (const group of report.groups) {
    for (const rule of group.rules) {
      if (rule.status !== 'fail' && rule.status !== 'expected fail') continue;
      const reason = previous?.knownFailures[rule.id] ?? rule.tests.find((t) => t.status === 'fail')?.reason ?? 'fails';
      knownFailures[rule.id] = reason;
    }
  }
  const expectations = { knownFailures };
  fs.writeFileSync(file, `${JSON.stringify(expectations, null, 2)}\n`);
  return expectations;
}
