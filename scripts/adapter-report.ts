/**
 * `npm run adapters:report [-- --from-reports] [--cut-signal] [--only <id,...>]`
 *
 * Runs the synchronization specs against each ES module adapter in kit/adapters/ (p-limit,
 * p-queue, effect, async-lock), keeps each run's JSON report in reports/conformance/<id>.json,
 * and writes kit/adapters/README.md from those reports: per library, which asyncio rules it
 * keeps, which it breaks (each linked to its spec, the shortest failing test's code quoted from
 * the spec file) and what it lacks, then the counts and every failure's one-line reason.
 * Nothing in that file is typed by hand; `--from-reports` only rewrites it from saved reports.
 * `--cut-signal` runs each adapter with its cancellation wiring cut (the caller's signal never
 * passed on) into reports/conformance/<id>.no-signal.json, and the README then lists the rules
 * that went from pass to fail.
 *
 * Until the kit (issue 14) loads ES modules itself, each adapter is bundled to CommonJS with
 * esbuild, as the kit will do, and the bundle is the port under test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ConformanceReport, RuleResult, Status } from '../specs/support/conformance-reporter';
import { runConformance } from './conformance';

const ROOT = path.resolve(__dirname, '..');
const ADAPTERS_DIR = path.join(ROOT, 'kit', 'adapters');
const OUT = path.join(ADAPTERS_DIR, 'README.md');
const REPORTS = path.join(ROOT, 'reports', 'conformance');

export interface Adapter {
  /** Report file name and --only key. */
  id: string;
  /** The npm package the adapter wraps. */
  library: string;
  /** What it maps onto the contract, for the reader. */
  maps: string;
  module: string;
}

export const ADAPTERS: readonly Adapter[] = [
  { id: 'p-limit', library: 'p-limit', maps: 'Semaphore = `pLimit(value)`, acquire = a job that runs until release()', module: 'kit/adapters/p-limit.mjs' },
  { id: 'p-queue', library: 'p-queue', maps: 'Semaphore = `new PQueue({ concurrency: value })`, acquire = a job that runs until release(), cancellation = the job\'s `{ signal }`', module: 'kit/adapters/p-queue.mjs' },
  { id: 'effect', library: 'effect', maps: 'Lock and Semaphore = `Semaphore.makeUnsafe`, Event = `Latch.makeUnsafe`, cancellation = the waiting effect run with the caller\'s signal', module: 'kit/adapters/effect.mjs' },
  { id: 'async-lock', library: 'async-lock', maps: 'Lock = one key of an `AsyncLock({ maxPending: Infinity })`, held by a callback-form function until release()', module: 'kit/adapters/async-lock.mjs' },
];

/** The synchronization specs: the article's section, one folder per primitive, and the shared result/misuse rules. */
export const SPECS = ['specs/article/synchronization\\.spec', 'specs/semantics/(lock|event|condition|semaphore|primitives)/'];

/**
 * Generous: one test (1000 tasks behind a Semaphore, all in virtual time) takes 6-9 s of real
 * time on a loaded 2-core machine even for the reference port; a library that never wakes a
 * waiter still fails, only later.
 */
const TEST_TIMEOUT_MS = 30_000;

function versionOf(library: string): string {
  return (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', library, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * The cancellation wiring broken on purpose: every `options?.signal` in the adapter (the caller's
 * signal, as each adapter reads it) becomes `undefined`, so the library never gets the signal.
 */
export const SIGNAL_READ = 'options?.signal';
function withoutSignal(source: string): string {
  if (!source.includes(SIGNAL_READ)) throw new Error(`adapters:report: the adapter never reads ${SIGNAL_READ}; nothing to break`);
  return source.split(SIGNAL_READ).join('undefined');
}

/** The adapter as one CommonJS file, as the kit's port resolution makes it (optionally with its signal wiring cut). */
function bundle(adapter: Adapter, outDir: string, cutSignal = false): string {
  // esbuild comes with tsx (a dev dependency); the kit depends on it directly.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  const entry = path.join(ROOT, adapter.module);
  const outfile = path.join(outDir, `${adapter.id}${cutSignal ? '.no-signal' : ''}.cjs`);
  esbuild.buildSync({
    ...(cutSignal
      ? { stdin: { contents: withoutSignal(fs.readFileSync(entry, 'utf8')), resolveDir: path.dirname(entry), sourcefile: entry, loader: 'js' as const } }
      : { entryPoints: [entry] }),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${process.versions.node}`,
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

/** Where a run's JSON report is kept. */
const reportFile = (adapter: Adapter, cutSignal: boolean): string => path.join(REPORTS, `${adapter.id}${cutSignal ? '.no-signal' : ''}.json`);

async function runAll(adapters: readonly Adapter[], cutSignal: boolean): Promise<void> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'adapters-'));
  try {
    for (const adapter of adapters) {
      process.stdout.write(`conformance: ${adapter.module}${cutSignal ? ' with the signal not passed on' : ''} ... `);
      const report = await runConformance({
        port: bundle(adapter, outDir, cutSignal),
        json: reportFile(adapter, cutSignal),
        quiet: true,
        jestArgs: [...SPECS, `--testTimeout=${TEST_TIMEOUT_MS}`],
        stdio: 'ignore',
      });
      const t = report.totals;
      process.stdout.write(`${t.pass} pass, ${t.fail} fail, ${t['not provided']} not provided\n`);
    }
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

// ---- the text, from the reports ----

interface Rule extends RuleResult {
  group: string;
}

function rulesOf(report: ConformanceReport): Rule[] {
  return report.groups.flatMap((group) => group.rules.map((rule) => ({ ...rule, group: group.group })));
}

/** The rule's title: the last part of its describe path. */
const titleOf = (rule: RuleResult): string => rule.rule.split(' › ').at(-1)!;
/** The describe path below the group ("" for a rule directly in it). */
const sectionOf = (rule: RuleResult): string => rule.rule.split(' › ').slice(0, -1).join(' › ');

interface Located {
  line: number;
  /** The test's source, from its `test(` line to its closing `});`, when found. */
  code?: string;
}

/** Finds a test by its title in its spec file (a test.each row is found by its name, without code). */
function locate(rule: RuleResult): Located | undefined {
  const file = path.join(ROOT, rule.file);
  if (!fs.existsSync(file)) return undefined;
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const title = titleOf(rule);
  const quoted = [`'${title}'`, `"${title}"`, `\`${title}\``].map((q) => q.replace(/\\/g, ''));
  const start = lines.findIndex((line) => /\btest\(/.test(line) && quoted.some((q) => line.includes(q)));
  if (start >= 0) {
    const indent = /^\s*/.exec(lines[start]!)![0];
    const end = lines.findIndex((line, i) => i > start && line.startsWith(`${indent}});`));
    const body = end > start ? lines.slice(start, end + 1) : undefined;
    return { line: start + 1, code: body?.map((line) => line.slice(indent.length)).join('\n') };
  }
  // A row of a test.each table: its name appears as a string in the table.
  const row = lines.findIndex((line) => line.includes(`'${title}'`) || line.includes(`"${title}"`));
  if (row >= 0) return { line: row + 1 };
  const section = sectionOf(rule).split(' › ').at(-1);
  const describe = section ? lines.findIndex((line) => line.includes(`describe('${section}'`)) : -1;
  return describe >= 0 ? { line: describe + 1 } : undefined;
}

function link(rule: RuleResult, text: string): string {
  const at = locate(rule);
  const target = path.relative(ADAPTERS_DIR, path.join(ROOT, rule.file)).split(path.sep).join('/');
  return `[${text}](${target}${at ? `#L${at.line}` : ''})`;
}

const count = (rules: readonly Rule[], status: Status): number => rules.filter((r) => r.status === status).length;

/** "A, B and C". */
function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** The sentences about one library. */
function aboutLibrary(adapter: Adapter, report: ConformanceReport): string[] {
  const rules = rulesOf(report);
  const out: string[] = [];
  const version = versionOf(adapter.library);
  const t = report.totals;
  out.push(`### ${adapter.library} ${version}`, '');
  out.push(`[${path.basename(adapter.module)}](${path.basename(adapter.module)}): ${adapter.maps}.`);
  out.push(`Against the synchronization specs: ${t.pass} pass, ${t.fail} fail, ${t['not provided']} not provided.`, '');

  // Keeps: per primitive, the describe sections in which every rule it was judged on passes.
  const sections = new Map<string, Rule[]>();
  for (const rule of rules) {
    if (rule.status !== 'pass' && rule.status !== 'fail') continue;
    const key = `${rule.group}\u0000${sectionOf(rule)}`;
    sections.set(key, [...(sections.get(key) ?? []), rule]);
  }
  const keptByGroup = new Map<string, { names: string[]; rules: number }>();
  for (const [key, judged] of sections) {
    if (!judged.every((r) => r.status === 'pass')) continue;
    const [group, section] = key.split('\u0000') as [string, string];
    const kept = keptByGroup.get(group) ?? { names: [], rules: 0 };
    kept.names.push(section === '' ? 'all its rules' : section);
    kept.rules += judged.length;
    keptByGroup.set(group, kept);
  }
  const kept = [...keptByGroup.entries()].map(([group, k]) => `${group} (${list(k.names)}: ${k.rules} rule${k.rules === 1 ? '' : 's'})`);
  out.push(kept.length > 0 ? `**Keeps** every rule it provides in: ${kept.join('; ')}.` : '**Keeps** no section of rules whole.');

  // Breaks: each failing rule, linked to its spec, with the one-line reason.
  const failing = rules.filter((r) => r.status === 'fail');
  if (failing.length === 0) out.push('', '**Breaks** nothing it provides.');
  else {
    out.push('', `**Breaks** ${failing.length} rule${failing.length === 1 ? '' : 's'}:`, '');
    for (const rule of failing) out.push(`- ${rule.group}: ${link(rule, `${escapeCell(rule.rule)}`)}. Seen: ${rule.reason}`);
    const shortest = failing
      .map((rule) => ({ rule, code: locate(rule)?.code }))
      .filter((f): f is { rule: Rule; code: string } => f.code !== undefined)
      .sort((a, b) => a.code.split('\n').length - b.code.split('\n').length || a.code.length - b.code.length)[0];
    if (shortest) {
      out.push('', `The shortest program that shows it (${link(shortest.rule, `${shortest.rule.file}`)}):`, '', '```ts', shortest.code, '```');
    }
  }

  // Lacks: what the adapter reported not provided, with how many rules each cost.
  const lacking = new Map<string, number>();
  for (const rule of rules) for (const name of rule.missing ?? []) lacking.set(name, (lacking.get(name) ?? 0) + 1);
  if (lacking.size > 0) {
    const parts = [...lacking.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name, n]) => `${describeMissing(name)} (${n} rule${n === 1 ? '' : 's'})`);
    out.push('', `**Lacks** ${list(parts)}.`);
  }
  out.push('');
  return out;
}

/** A missing export or part, as a reader would name it. */
function describeMissing(name: string): string {
  if (name === 'AbortSignal') return 'cancelling one waiter';
  if (name.includes('.')) return `\`${name}()\``;
  return `\`${name}\``;
}

/** Rules that passed with the adapter as it is and fail with its signal not passed on. */
function signalCheck(adapter: Adapter, report: ConformanceReport): string[] {
  const file = reportFile(adapter, true);
  if (!fs.existsSync(file)) return [];
  const cut = new Map(rulesOf(JSON.parse(fs.readFileSync(file, 'utf8')) as ConformanceReport).map((r) => [`${r.group}\u0000${r.rule}`, r]));
  const flipped = rulesOf(report).filter((r) => r.status === 'pass' && cut.get(`${r.group}\u0000${r.rule}`)?.status === 'fail');
  const still = rulesOf(report).filter((r) => r.status === 'pass' && cut.get(`${r.group}\u0000${r.rule}`)?.status === 'pass').length;
  return [
    `### ${adapter.library}: ${flipped.length} rule${flipped.length === 1 ? '' : 's'} from pass to fail (${still} still pass)`,
    '',
    ...flipped.map((r) => `- ${r.group}: ${link(r, escapeCell(r.rule))}. Seen: ${cut.get(`${r.group}\u0000${r.rule}`)!.reason}`),
    '',
  ];
}

function summaryTable(adapters: readonly Adapter[], reports: readonly ConformanceReport[]): string[] {
  const perPort = reports.map(rulesOf);
  const groups = [...new Set(perPort.flatMap((rules) => rules.map((r) => r.group)))];
  const head = `| primitive | ${adapters.map((a) => `${a.library} ${versionOf(a.library)}`).join(' | ')} |`;
  return [
    head,
    `|---|${adapters.map(() => '---').join('|')}|`,
    ...groups.map((group) => {
      const cells = perPort.map((rules) => {
        const mine = rules.filter((r) => r.group === group);
        const parts = [`${count(mine, 'pass')} pass`];
        if (count(mine, 'fail') > 0) parts.push(`**${count(mine, 'fail')} fail**`);
        if (count(mine, 'not provided') > 0) parts.push(`${count(mine, 'not provided')} not provided`);
        return parts.join(', ');
      });
      return `| ${escapeCell(group)} | ${cells.join(' | ')} |`;
    }),
  ];
}

export function renderReadme(adapters: readonly Adapter[], reports: readonly ConformanceReport[]): string {
  return [
    '<!-- Generated by `npm run adapters:report` (scripts/adapter-report.ts) from the conformance reports: do not edit by hand. -->',
    '# Adapters: p-limit, p-queue, effect, async-lock',
    '',
    'Each adapter maps one library onto the port contract (docs/contract.md) and nothing more: it',
    'renames, passes `{ signal }` on as the library\'s own cancellation where it has one, and turns that',
    'cancellation into `CancelledError`. It never puts a queue of its own in front of the library\'s.',
    'Where the library has no counterpart (an export, a way to cancel one waiter) the rule is "not',
    'provided", not failed. The libraries have no tasks: each adapter re-exports the reference port\'s',
    'task layer (`./reference-tasks`), so the rules below judge the library\'s primitives.',
    '',
    `The rules: ${SPECS.map((s) => `\`${s.replace(/\\\\/g, '\\')}\``).join(', ')}, each test with a ${TEST_TIMEOUT_MS / 1000} s timeout.`,
    '',
    ...adapters.flatMap((adapter, i) => aboutLibrary(adapter, reports[i]!)),
    ...(adapters.some((adapter) => fs.existsSync(reportFile(adapter, true)))
      ? [
          '## The cancellation wiring is what passes the cancellation rules',
          '',
          `Each adapter below run again with every \`${SIGNAL_READ}\` in it replaced by \`undefined\`, so the`,
          'library never sees the caller\'s signal (`npm run adapters:report -- --cut-signal`):',
          '',
          ...adapters.flatMap((adapter, i) => signalCheck(adapter, reports[i]!)),
        ]
      : []),
    '## Per primitive',
    '',
    ...summaryTable(adapters, reports),
    '',
  ].join('\n');
}

function parseArgs(argv: string[]): { fromReports: boolean; cutSignal: boolean; only?: Set<string> } {
  let fromReports = false;
  let cutSignal = false;
  let only: Set<string> | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--from-reports') fromReports = true;
    else if (arg === '--cut-signal') cutSignal = true;
    else if (arg === '--only') only = new Set((argv[++i] ?? '').split(',').filter(Boolean));
    else throw new Error(`adapters:report: unknown argument ${arg} (known: --from-reports, --cut-signal, --only <id,...>)`);
  }
  return { fromReports, cutSignal, only };
}

async function main(): Promise<void> {
  const { fromReports, cutSignal, only } = parseArgs(process.argv.slice(2));
  if (!fromReports) await runAll(ADAPTERS.filter((a) => !only || only.has(a.id)), cutSignal);
  const reports = ADAPTERS.map((adapter) => {
    const file = path.join(REPORTS, `${adapter.id}.json`);
    if (!fs.existsSync(file)) throw new Error(`adapters:report: no report for ${adapter.id} (${path.relative(ROOT, file)}); run without --from-reports`);
    return JSON.parse(fs.readFileSync(file, 'utf8')) as ConformanceReport;
  });
  fs.writeFileSync(OUT, renderReadme(ADAPTERS, reports));
  process.stdout.write(`wrote ${path.relative(ROOT, OUT)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  });
}
