/**
 * One cell in its own process: `node --expose-gc --import tsx bench/cell.ts <scenario> <subject> <param>`.
 * Prints one JSON line per event, so the runner keeps whatever finished if it has to kill a cell
 * that overran its budget: {"warmup": x}, {"rep": x}, then {"end": true} or {"unavailable": why}.
 */
import { scenario } from './scenarios/index';
import { SubjectUnavailable } from './subjects';

/** A slow subject stops repeating after this long, once it has MIN_REPS figures. */
const DEFAULT_SOFT_BUDGET_MS = 6_000;
const MIN_REPS = 3;

function emit(line: object): void {
  process.stdout.write(JSON.stringify(line) + '\n');
}

async function main(): Promise<void> {
  const [id, subject, param] = process.argv.slice(2);
  if (!id || !subject || !param) throw new Error('usage: cell.ts <scenario> <subject> <param>');
  const s = scenario(id);
  const soft = s.softBudgetMs ?? DEFAULT_SOFT_BUDGET_MS;
  const started = performance.now();
  const overBudget = (): boolean => performance.now() - started > soft;
  try {
    for (let i = 0; i < s.warmups(param) && !overBudget(); i++) emit({ warmup: await s.measure(subject, param) });
    for (let i = 0; i < s.reps(param); i++) {
      emit({ rep: await s.measure(subject, param) });
      if (i + 1 >= MIN_REPS && overBudget()) break;
    }
    emit({ end: true });
  } catch (error) {
    if (error instanceof SubjectUnavailable) emit({ unavailable: error.message });
    else throw error;
  }
}

main().then(
  () => process.exit(0), // waiters parked on purpose (G) must not keep the process alive
  (error: unknown) => {
    emit({ error: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  },
);
