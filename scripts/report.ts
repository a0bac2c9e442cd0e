/**
 * `npm run report [-- options]`: writes reports/report.html, one self-contained page with every
 * claim (figures and verdict from a run of the article's specs), the timeline of every example
 * (its run in the specs' virtual-time harness; test9 on the real clock) and the conformance
 * reports found. Opens it in a browser when there is a display (never under CI).
 *
 *   --out <file>           where to write (default reports/report.html)
 *   --claims <file.json>   verdicts from an earlier run (CLAIMS_JSON=<file> npm test) instead of a new one
 *   --reuse                the same with reports/claims.json when it exists, else --skip-specs
 *   --skip-specs           no verdicts: every claim "not run" (a quick look at the timelines)
 *   --conformance <file>   a conformance report (JSON); repeatable. Default: reports/conformance/*.json
 *   --no-open              do not open a browser
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXAMPLES } from '../fixtures/article/examples';
import { scenarioFor } from '../fixtures/article/scenario';
import { CLAIMS_JSON_ENV, judge, type ClaimRow } from '../fixtures/claims/reporter';
import { readConformance, type PortReport } from '../fixtures/report/conformance';
import { renderReport } from '../fixtures/report/html';
import type { Recording } from '../fixtures/timeline/recording';
import { runLive } from '../fixtures/timeline/run-live';
import { runVirtual } from '../fixtures/timeline/run-virtual';

const ROOT = path.join(__dirname, '..');
export const DEFAULT_OUT = path.join(ROOT, 'reports', 'report.html');
/** Where CI's `npm test` leaves its claims (CLAIMS_JSON=reports/claims.json), for --reuse. */
const LAST_CLAIMS = path.join(ROOT, 'reports', 'claims.json');

interface Options {
  out: string;
  claims?: string;
  skipSpecs: boolean;
  conformance: string[];
  open: boolean;
}

class UsageError extends Error {}

function parse(argv: readonly string[]): Options {
  const options: Options = { out: DEFAULT_OUT, skipSpecs: false, conformance: [], open: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg} needs a file name`);
      return path.resolve(next);
    };
    if (arg === '--out') options.out = value();
    else if (arg === '--claims') options.claims = value();
    else if (arg === '--conformance') options.conformance.push(value());
    else if (arg === '--skip-specs') options.skipSpecs = true;
    else if (arg === '--no-open') options.open = false;
    else if (arg === '--reuse') {
      if (fs.existsSync(LAST_CLAIMS)) options.claims = LAST_CLAIMS;
      else options.skipSpecs = true;
    }
    else throw new UsageError(`unknown argument ${arg} (options: --out, --claims, --reuse, --skip-specs, --conformance, --no-open)`);
  }
  return options;
}

/** Runs the article's specs with the claims reporter writing its rows; returns them. */
function runSpecs(): { rows: ClaimRow[]; from: string; ok: boolean } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-claims-'));
  const json = path.join(dir, 'claims.json');
  const jest = require.resolve('jest/bin/jest', { paths: [ROOT] });
  const started = Date.now();
  const run = spawnSync(process.execPath, [jest, 'specs/article'], {
    cwd: ROOT,
    env: { ...process.env, [CLAIMS_JSON_ENV]: json, NO_COLOR: '1' },
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  try {
    if (!fs.existsSync(json)) throw new Error(`report: the article's specs ended (exit ${run.status ?? run.signal}) without claims:\n${run.stderr.slice(-2000)}`);
    const { rows } = JSON.parse(fs.readFileSync(json, 'utf8')) as { rows: ClaimRow[] };
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    return { rows, from: `jest specs/article, run for this report (${seconds} s, exit ${run.status})`, ok: run.status === 0 };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function recordExamples(): Promise<Map<string, Recording>> {
  const recordings = new Map<string, Recording>();
  for (const example of EXAMPLES) {
    const options = { service: scenarioFor(example.name) };
    try {
      recordings.set(example.name, example.path === undefined ? await runLive(example, options) : await runVirtual(example, options));
    } catch (error) {
      console.error(`report: ${example.name} could not be run: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return recordings;
}

function conformanceReports(files: readonly string[]): PortReport[] | undefined {
  const dir = path.join(ROOT, 'reports', 'conformance');
  const found = files.length > 0 ? files : fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(dir, f)) : [];
  if (found.length === 0) return undefined;
  return found.flatMap((file) => readConformance(JSON.parse(fs.readFileSync(file, 'utf8')), path.relative(ROOT, file)));
}

/** Opens `file` in the desktop's browser when there is a desktop; silently nothing otherwise. */
function openInBrowser(file: string): void {
  if (process.env.CI || !(process.env.DISPLAY || process.env.WAYLAND_DISPLAY)) return;
  const opener = process.platform === 'darwin' ? 'open' : 'xdg-open';
  if (process.platform !== 'darwin' && spawnSync('sh', ['-c', `command -v ${opener}`]).status !== 0) return;
  const child = spawn(opener, [file], { detached: true, stdio: 'ignore' });
  child.on('error', () => {});
  child.unref();
}

async function main(argv: readonly string[]): Promise<number> {
  let options: Options;
  try {
    options = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`npm run report: ${error.message}`);
    return 2;
  }
  let verdicts: { rows: ClaimRow[]; from: string; ok: boolean };
  if (options.claims) {
    verdicts = { rows: (JSON.parse(fs.readFileSync(options.claims, 'utf8')) as { rows: ClaimRow[] }).rows, from: path.relative(ROOT, options.claims), ok: true };
  } else if (options.skipSpecs) {
    verdicts = { rows: judge([], []), from: 'no run (--skip-specs)', ok: true };
  } else {
    verdicts = runSpecs();
  }
  const recordings = await recordExamples();
  const html = renderReport({
    rows: verdicts.rows,
    verdictsFrom: verdicts.from,
    recordings,
    conformance: conformanceReports(options.conformance),
    generatedAt: new Date().toISOString(),
  });
  fs.mkdirSync(path.dirname(options.out), { recursive: true });
  fs.writeFileSync(options.out, html);
  const counts = new Map<string, number>();
  for (const row of verdicts.rows) counts.set(row.verdict, (counts.get(row.verdict) ?? 0) + 1);
  console.log(`wrote ${path.relative(process.cwd(), options.out)}: ${verdicts.rows.length} claims (${[...counts].map(([v, n]) => `${n} ${v}`).join(', ')}), ${recordings.size} timelines`);
  if (options.open) openInBrowser(options.out);
  return verdicts.ok && recordings.size === EXAMPLES.length ? 0 : 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (status) => (process.exitCode = status),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
