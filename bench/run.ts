/**
 * `npm run bench`: every scenario cell in its own Node process (and the CPython scripts when
 * python3 is present), each under a time budget, then the suite itself; prints the table and
 * writes bench/results.json and the generated section of BENCHMARKS.md.
 *
 * Options: --only=A,D (scenarios to run; such a run writes bench/results.partial.json and leaves
 * BENCHMARKS.md alone; a run that hit its time limit still writes both, its skipped cells marked),
 * --subjects=p-queue,effect (only the cells whose subject name contains one of these; a partial
 * run too), --no-python, --no-suite,
 * --render=bench/results.partial.json (rewrite BENCHMARKS.md from a saved run, measuring nothing).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runChild, type ChildResult } from './child';
import { markdown, printTable, writeMarkdown } from './report';
import { addRatios, derive, evaluateGoals, type Results, type Row, type RowKind } from './results';
import { scenarios } from './scenarios/index';
import { summarize } from './stats';
import { measureSuite } from './suite/suite';

const ROOT = path.resolve(__dirname, '..');
const runStarted = performance.now();
const DEFAULT_HARD_BUDGET_MS = 20_000;
const PYTHON_HARD_BUDGET_MS = 15_000;
const SUITE_BUDGET_MS = 90_000;
/** After this much time no further cell starts, so the whole run stays under 5 minutes on a busy machine. */
const CELLS_DEADLINE_MS = 220_000;

const METHOD = [
  'Method: each cell (scenario x subject x N) runs in a fresh `node --expose-gc` process with only its',
  'subject loaded, does its warm-up runs, then repeated runs; figures are the median with min - max',
  'over those runs. A cell is killed at its time budget and shown as "> budget" (or "partial" when',
  'some runs finished). "vs fastest peer" divides by the fastest library in the same row group,',
  '"vs A" by the cost of one bare `await` of a resolved promise (scenario A). Memory is heap bytes',
  'after a full GC (RSS for threads). CPython runs the same work (bench/python, standard library',
  'only); where the Node code awaits a resolved promise, the Python code awaits `asyncio.sleep(0)`,',
  'its one trip through the ready queue (awaiting a done Future does not yield at all, see A).',
].join('\n');

interface Options {
  /** Re-renders the table and BENCHMARKS.md from a saved results file instead of measuring. */
  render?: string;
  only?: Set<string>;
  /** Only cells whose subject contains one of these (case-insensitive). */
  subjects?: string[];
  python: boolean;
  suite: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { python: true, suite: true };
  for (const arg of argv) {
    if (arg.startsWith('--only=')) options.only = new Set(arg.slice(7).toUpperCase().split(',').filter(Boolean));
    else if (arg.startsWith('--subjects=')) options.subjects = arg.slice(11).toLowerCase().split(',').filter(Boolean);
    else if (arg.startsWith('--render=')) options.render = arg.slice(9);
    else if (arg === '--no-python') options.python = false;
    else if (arg === '--no-suite') options.suite = false;
    else throw new Error(`unknown option ${arg} (known: --only=A,B --subjects=a,b --no-python --no-suite --render=FILE)`);
  }
  return options;
}

function pythonVersion(): string | undefined {
  try {
    return execFileSync('python3', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

const countOf = (param: string): number | undefined => {
  const n = Number(param);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
};

/**
 * Skips a cell that cannot finish: when this subject already took `perItem` ns per item at a
 * smaller N, one run at N takes at least perItem x N (per-item cost does not fall with N here).
 */
function predictedOverBudget(previous: { n: number; perItem: number } | undefined, n: number | undefined, budgetMs: number): string | undefined {
  if (!previous || n === undefined || n <= previous.n) return undefined;
  const runMs = (previous.perItem * n) / 1e6;
  if (runMs < budgetMs) return undefined;
  return `> ${(budgetMs / 1000).toFixed(0)} s budget: not run; at N=${previous.n} it took ${(previous.perItem / 1000).toFixed(1)} us per item, so one run at N=${n} needs at least ${(runMs / 1000).toFixed(0)} s`;
}

/** A cell killed before its first repetition ended: one run of N items took longer than the budget. */
function lowerBoundOf(result: ChildResult, unit: string, n: number | undefined, budgetMs: number): number | undefined {
  if (result.status !== 'budget' || result.reps.length > 0 || n === undefined || !unit.startsWith('ns')) return undefined;
  return ((budgetMs - 1_000) * 1e6) / n; // a second off for process start-up
}

async function runCell(
  scenario: string,
  unit: string,
  param: string,
  subject: string,
  kind: RowKind,
  command: string,
  args: string[],
  budgetMs: number,
  history: Map<string, { n: number; perItem: number }>,
): Promise<Row> {
  const key = `${scenario}|${subject}`;
  const n = countOf(param);
  const late = performance.now() - runStarted > CELLS_DEADLINE_MS;
  const skip = late
    ? `not run: the run passed ${CELLS_DEADLINE_MS / 1000} s (machine busy?), later cells are skipped to stay under 5 minutes`
    : unit.startsWith('ns')
      ? predictedOverBudget(history.get(key), n, budgetMs)
      : undefined;
  let row: Row;
  let wallMs = 0;
  if (skip) {
    const previous = late ? undefined : history.get(key);
    row = { scenario, param, subject, kind, status: 'budget', reps: 0, message: skip, ...(previous ? { lowerBound: previous.perItem } : {}) };
  } else {
    const result = await runChild(command, args, budgetMs, ROOT);
    wallMs = result.wallMs;
    row = toRow(scenario, param, subject, kind, result);
    const bound = lowerBoundOf(result, unit, n, budgetMs);
    if (bound !== undefined) row.lowerBound = bound;
  }
  if (n !== undefined && row.median !== undefined) history.set(key, { n, perItem: row.median });
  progress(row, wallMs);
  return row;
}

function toRow(scenario: string, param: string, subject: string, kind: RowKind, result: ChildResult): Row {
  const summary = summarize(result.reps);
  return {
    scenario,
    param,
    subject,
    kind,
    status: result.status,
    ...(summary ? { median: summary.median, min: summary.min, max: summary.max } : {}),
    reps: result.reps.length,
    ...(result.message ? { message: result.message } : {}),
  };
}

function progress(row: Row, ms: number): void {
  const figure = row.median === undefined ? row.status : `${row.median.toFixed(1)} (${row.reps} reps)`;
  process.stderr.write(`  ${row.scenario} ${row.param.padEnd(9)} ${row.subject.padEnd(34)} ${figure}  [${(ms / 1000).toFixed(1)} s]${row.message ? `  ${row.message}` : ''}\n`);
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  if (options.render) {
    const saved = JSON.parse(fs.readFileSync(path.resolve(options.render), 'utf8')) as Results;
    process.stdout.write(printTable(saved) + '\n');
    writeMarkdown(path.join(ROOT, 'BENCHMARKS.md'), markdown(saved));
    process.stdout.write(`\nwrote BENCHMARKS.md from ${options.render}\n`);
    return;
  }
  const started = runStarted;
  const loadBefore = os.loadavg()[0]!;
  const python = options.python ? pythonVersion() : undefined;
  const selected = scenarios.filter((s) => !options.only || options.only.has(s.id));
  const rows: Row[] = [];
  const history = new Map<string, { n: number; perItem: number }>();

  for (const s of selected) {
    process.stderr.write(`${s.id}. ${s.title}\n`);
    const wanted = (subject: string): boolean => !options.subjects || options.subjects.some((part) => subject.toLowerCase().includes(part));
    for (const cell of s.cells().filter((c) => wanted(c.subject))) {
      rows.push(
        await runCell(
          s.id,
          s.unit,
          cell.param,
          cell.subject,
          cell.kind,
          process.execPath,
          ['--expose-gc', '--import', 'tsx', path.join(__dirname, 'cell.ts'), s.id, cell.subject, cell.param],
          s.hardBudgetMs ?? DEFAULT_HARD_BUDGET_MS,
          history,
        ),
      );
    }
  }

  if (python) {
    process.stderr.write(`CPython (${python})\n`);
    for (const s of selected) {
      for (const param of s.python) {
        rows.push(
          await runCell(
            s.id,
            s.unit,
            param,
            'CPython asyncio',
            'cpython',
            'python3',
            [path.join(__dirname, 'python', 'asyncio_bench.py'), s.id, param],
            PYTHON_HARD_BUDGET_MS,
            history,
          ),
        );
      }
    }
  } else if (options.python) process.stderr.write('python3 not found: no CPython rows\n');

  let suite: Results['suite'];
  const runSuite = options.suite && (!options.only || options.only.has('H'));
  if (runSuite) {
    process.stderr.write('H. the suite itself (npm test, then the article specs with the virtual-time probe)\n');
    suite = await measureSuite(ROOT, SUITE_BUDGET_MS);
  }

  addRatios(rows);
  const cutShort = rows.some((r) => r.message?.startsWith('not run: the run passed'));
  const complete = !options.only && !options.subjects && !!python && options.suite && !cutShort;
  const results: Results = {
    generatedAt: new Date().toISOString(),
    complete,
    machine: {
      cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
      cores: os.cpus().length,
      memoryGB: Math.round(os.totalmem() / 2 ** 30),
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      node: process.version,
      loadAverage: `${loadBefore.toFixed(2)} at start, ${os.loadavg()[0]!.toFixed(2)} at end (1-minute load average)`,
      ...(python ? { python } : {}),
    },
    method: METHOD,
    totalWallMs: 0,
    scenarios: [...selected.map((s) => ({ id: s.id, title: s.title, unit: s.unit }))],
    rows,
    derived: derive(rows),
    goals: evaluateGoals(rows),
    ...(suite ? { suite } : {}),
  };
  results.totalWallMs = performance.now() - started;

  process.stdout.write(printTable(results) + '\n');
  // Issue 13: the differential run's speed, one line (its own script: bench/differential.ts).
  if (python && (!options.only || options.only.has('I'))) {
    try {
      process.stdout.write(execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'differential.ts')], { encoding: 'utf8', timeout: 120_000 }));
    } catch (error) {
      process.stdout.write(`differential: not measured (${error instanceof Error ? error.message.split('\n')[0] : String(error)})\n`);
    }
  }
  // A run limited on purpose (--only) leaves the full figures alone. A run the machine cut short
  // (cells skipped at the time limit) still writes its tables: every cell it did measure is a
  // figure, the skipped ones say so in their note, and the header says the run was partial.
  const partial = !!options.only || !!options.subjects;
  const out = path.join(__dirname, partial ? 'results.partial.json' : 'results.json');
  fs.writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
  process.stdout.write(`\nwrote ${path.relative(ROOT, out)}`);
  if (!partial) {
    writeMarkdown(path.join(ROOT, 'BENCHMARKS.md'), markdown(results));
    process.stdout.write(' and BENCHMARKS.md');
  }
  if (cutShort) process.stdout.write(' (some cells were skipped at the time limit and are marked so; rerun on a quieter machine for every figure)');
  process.stdout.write('\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
