/**
 * `npm run conformance:table [-- --reuse]`: runs the contract's synchronization rules through the
 * kit (kit/run.ts, the `run()` a port author calls) against the reference port and each adapter
 * in kit/adapters/, keeps each JSON report in reports/conformance/<id>.json, and writes the
 * README's conformance section from those reports (contract rules only): per library, which
 * rules it keeps, which it breaks (each linked to its spec, with the shortest failing test of
 * that rule quoted from the spec file) and what it lacks; then the table, rows = contract rules,
 * columns = ports. `--reuse` rebuilds the section from the saved reports without running.
 *
 * `npm run conformance:table -- --cut-signal` (CI, .ci/run) writes nothing: it runs the
 * cancellation rules against each adapter that passes the caller's signal on, as it is and with
 * that wiring cut (every `options?.signal` read as `undefined`), and exits 1 unless every
 * cancellation rule that passes with the wiring fails without it while the rules that need no
 * signal (controls) still pass.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ConformanceReport, RuleOutcome, Status, TestOutcome } from '../kit/report';
import { run } from '../kit/run';
import { withSection } from '../fixtures/timeline/readme';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'README.md');
const REPORTS = path.join(ROOT, 'reports', 'conformance');

interface Port {
  /** Report file name. */
  id: string;
  module: string;
  /** The npm package whose version the column names (none for the reference port). */
  library?: string;
  /** How the library's names map onto the contract's, for the reader. */
  maps?: string;
}

/** The columns: the reference port, then each adapter (library primitives + reference tasks). */
const PORTS: readonly Port[] = [
  { id: 'reference', module: 'src/index.ts' },
  { id: 'async-mutex', module: 'kit/adapters/async-mutex.ts', library: 'async-mutex', maps: 'Lock = `Mutex`, Semaphore = `Semaphore`' },
  { id: 'async-sema', module: 'kit/adapters/async-sema.ts', library: 'async-sema', maps: 'Semaphore = `Sema`' },
  { id: 'esfx', module: 'kit/adapters/esfx.ts', library: '@esfx/async-mutex', maps: 'Lock = `AsyncMutex`, Semaphore = `AsyncSemaphore`, Event = `AsyncManualResetEvent`, Condition = `AsyncConditionVariable`, cancellation = a `CancelToken` from the signal' },
  { id: 'p-limit', module: 'kit/adapters/p-limit.mjs', library: 'p-limit', maps: 'Semaphore = `pLimit(value)`, acquire = a job that runs until `release()`' },
  { id: 'p-queue', module: 'kit/adapters/p-queue.mjs', library: 'p-queue', maps: "Semaphore = `new PQueue({ concurrency: value })`, acquire = a job that runs until `release()`, cancellation = the job's `{ signal }`" },
  { id: 'effect', module: 'kit/adapters/effect.mjs', library: 'effect', maps: "Lock and Semaphore = `Semaphore.makeUnsafe`, Event = `Latch.makeUnsafe`, cancellation = the waiting effect run with the caller's signal" },
  { id: 'async-lock', module: 'kit/adapters/async-lock.mjs', library: 'async-lock', maps: 'Lock = one key of an `AsyncLock({ maxPending: Infinity })`, held by a callback-form function until `release()`' },
];

/** The synchronization rules: one primitive each, and what they share. */
const ONLY = ['primitives', 'lock', 'event', 'condition', 'semaphore', 'bounded-semaphore'];

/** The rules a port keeps only by passing the caller's signal on. */
const CANCEL_RULES = ['primitives.aborted-signal', 'lock.cancel', 'event.cancel', 'condition.cancel', 'semaphore.cancel'];
/** Controls: rules that need no signal, so the cut copy must keep what the adapter passes of them. */
const CONTROL_RULES = ['lock.fifo', 'event.set-wait', 'semaphore.fifo'];
/** How every adapter reads the caller's signal; cut, the library never sees it. */
const SIGNAL_READ = 'options?.signal';

/**
 * A library that never wakes a waiter fails that test by timing out. The specs run in virtual
 * time: with 3 s per test the reference port passed all 22 rules on the loaded 2-core machine.
 */
const TIMEOUT_MS = 3000;

const CELL: Record<Status, string> = { pass: 'pass', fail: '**FAIL**', 'not provided': 'not provided', skipped: 'skipped', 'expected fail': 'known fail', 'unexpected pass': 'unexpected pass' };

function versionOf(library: string): string {
  return (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', library, 'package.json'), 'utf8')) as { version: string }).version;
}

function columnOf(port: Port): string {
  if (port.library === undefined) return 'reference (`src/`)';
  const shown = port.id === 'esfx' ? '@esfx/async-*' : port.library;
  return `[${shown}](${port.module}) ${versionOf(port.library).split('.').slice(0, 2).join('.')}`;
}

/** Rule id -> its title in docs/contract.md (`R37 \`lock.fifo\` Lock: first come, ...`). */
function contractTitles(): Map<string, string> {
  const text = fs.readFileSync(path.join(ROOT, 'docs', 'contract.md'), 'utf8');
  const titles = new Map<string, string>();
  for (const match of text.matchAll(/^#{2,4} R\d+\s+`([\w.-]+)`\s*(.*)$/gm)) titles.set(match[1]!, match[2]!.replace(/\s*\*\(new\)\*\s*$/, '').trim());
  return titles;
}

interface Rule extends RuleOutcome {
  group: string;
}

/** The contract rules that ran (rules of the same spec files that `only` left out did not). */
function rulesOf(report: ConformanceReport): Rule[] {
  return report.groups.flatMap((group) => group.rules.filter((rule) => rule.status !== 'skipped').map((rule) => ({ ...rule, group: group.group })));
}

/** The harness's teardown check (specs/support/virtual-time.ts), run after the test's own assertions. */
const LEFT_BEHIND = 'VirtualTimeError: the test left things behind';

/** A reason as inline code (its own backticks become quotes). */
const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

const label = (rule: RuleOutcome): string => `${rule.number ? `${rule.number} ` : ''}\`${rule.id}\``;

function escape(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** "A, B and C". */
function list(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

// ---- a failing test in its spec file ----

interface Located {
  line: number;
  /** The test's source, from its `test(` line to its closing `});`, when it is a plain test. */
  code?: string;
}

/**
 * Finds a test in its spec file: each describe of its path in turn, then the test's title after
 * them. A row of a `test.each` table is found by its name, without code.
 */
function locate(test: TestOutcome): Located | undefined {
  const file = path.join(ROOT, test.file);
  if (!fs.existsSync(file)) return undefined;
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const parts = test.title.split(' › ');
  const title = parts.at(-1)!;
  const inString = (line: string, text: string) => [`'`, `"`, '`'].some((q) => line.includes(`${q}${text}${q}`) || line.includes(`] ${text}${q}`));
  let from = 0;
  for (const describe of parts.slice(0, -1)) {
    const at = lines.findIndex((line, i) => i >= from && /\bdescribe(\.each\(.*\))?\(/.test(line) && inString(line, describe));
    if (at >= 0) from = at + 1;
  }
  const start = lines.findIndex((line, i) => i >= from && /\b(test|it)\(/.test(line) && inString(line, title));
  if (start >= 0) return withCode(lines, start, start);
  // A test.each: its title is a template ('%s.acquire() resolves...') the row's values fill in.
  const template = lines.findIndex((line, i) => i >= from && [...line.matchAll(/\)\(\s*(['"`])(.*?)\1/g)].some((m) => templateMatches(m[2]!, title)));
  if (template >= 0) {
    let each = template;
    while (each > 0 && !/\b(test|it)\.each\(/.test(lines[each]!)) each -= 1;
    return withCode(lines, /\b(test|it)\.each\(/.test(lines[each]!) ? each : template, template);
  }
  const row = lines.findIndex((line, i) => i >= from && inString(line, title));
  return row >= 0 ? { line: row + 1 } : undefined;
}

/** Does a test.each title template (%s, %d, %p, $name) give this title? */
function templateMatches(template: string, title: string): boolean {
  const untaggedTemplate = template.replace(/^\[[\w.-]+\]\s*/, '');
  const pattern = untaggedTemplate.split(/%[sdipfjo#%]|\$[\w.]+/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+');
  return pattern.includes('.+') && new RegExp(`^${pattern}$`).test(title);
}

/** The test's source from `start` to the `});` at its indent; the link points at `titleLine`. */
function withCode(lines: readonly string[], start: number, titleLine: number): Located {
  const indent = /^\s*/.exec(lines[start]!)![0];
  const end = lines.findIndex((line, i) => i > start && line.startsWith(`${indent}});`));
  return { line: titleLine + 1, code: end > start ? lines.slice(start, end + 1).map((line) => line.slice(indent.length)).join('\n') : undefined };
}

const linkTo = (test: TestOutcome, at: Located | undefined): string => `${test.file}${at ? `#L${at.line}` : ''}`;

// ---- the text, from the reports ----

/** A part the port lacks (the kit's not-provided marker), as a reader would name it. */
function describeMissing(name: string): string {
  if (name === 'AbortSignal') return 'cancelling one waiter';
  if (name.includes('.')) return `\`${name}()\``;
  return `\`${name}\``;
}

/** What one library keeps, breaks and lacks: a few sentences a user choosing it can act on. */
function aboutLibrary(port: Port, report: ConformanceReport, titles: ReadonlyMap<string, string>): string[] {
  const rules = rulesOf(report);
  const judged = rules.filter((r) => r.status === 'pass' || r.status === 'fail');
  const kept = rules.filter((r) => r.status === 'pass');
  const broken = rules.filter((r) => r.status === 'fail');
  const absent = rules.filter((r) => r.status === 'not provided');
  const out = [`#### ${port.library} ${versionOf(port.library!)}`, '', `[Adapter](${port.module}): ${port.maps}.`, ''];

  const ruleName = (rule: RuleOutcome) => `${label(rule)} (${titles.get(rule.id) ?? rule.id})`;
  out.push(
    kept.length === 0
      ? '**Keeps** none of the rules it provides.'
      : `**Keeps** ${kept.length === judged.length ? `all ${judged.length}` : `${kept.length} of the ${judged.length}`} rules it provides: ${list(kept.map(ruleName))}.`,
  );

  // A test whose assertions all passed but that ended with the library's timer still on the
  // virtual clock fails on the harness's teardown check alone: said apart from the breaks.
  const leftoverOnly = (rule: RuleOutcome) => rule.tests.filter((t) => t.status === 'fail').every((t) => t.reason?.startsWith(LEFT_BEHIND));
  const breaks = broken.filter((rule) => !leftoverOnly(rule));
  const leaves = broken.filter(leftoverOnly);
  if (broken.length === 0) out.push('', '**Breaks** none of the rules it provides.');
  for (const rule of breaks) {
    // The shortest failing test of the rule (one that fails on its assertions) shows the break.
    const failing = rule.tests.filter((t) => t.status === 'fail' && !t.reason?.startsWith(LEFT_BEHIND)).map((test) => ({ test, at: locate(test) }));
    const shortest = [...failing].sort((a, b) => (a.at?.code?.length ?? Infinity) - (b.at?.code?.length ?? Infinity))[0]!;
    out.push('', `**Breaks** ${ruleName(rule)}: [${shortest.test.title}](${linkTo(shortest.test, shortest.at)}) fails with ${code(shortest.test.reason ?? 'failed')}.`);
    if (shortest.at?.code) out.push('', '<details><summary>the shortest failing test of the rule</summary>', '', '```ts', shortest.at.code, '```', '', '</details>');
  }
  if (leaves.length > 0) {
    const first = leaves[0]!.tests.find((t) => t.status === 'fail')!;
    out.push(
      '',
      `**Leaves a timer behind** in ${list(leaves.map(ruleName))}: the tests' assertions pass, but the library still has a timer scheduled when the test ends, which the harness fails (no test may leave one behind), e.g. [${first.title}](${linkTo(first, locate(first))}): ${code(first.reason!)}.`,
    );
  }

  const lacking = new Map<string, number>();
  for (const rule of absent) for (const name of new Set(rule.tests.flatMap((t) => t.missing ?? []))) lacking.set(name, (lacking.get(name) ?? 0) + 1);
  if (absent.length > 0) {
    const parts = [...lacking.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => describeMissing(name));
    out.push('', `**Lacks** ${list(parts)}: ${absent.length} rule${absent.length === 1 ? '' : 's'} not provided (${absent.map((r) => `\`${r.id}\``).join(', ')}).`);
  } else out.push('', '**Lacks** nothing the synchronization rules use.');
  out.push('');
  return out;
}

function render(reports: readonly ConformanceReport[]): string {
  const titles = contractTitles();
  const perPort = reports.map((report) => new Map(rulesOf(report).map((rule) => [rule.id, rule])));
  const ids = [...new Set(perPort.flatMap((rules) => [...rules.keys()]))];
  const groupOf = new Map(reports.flatMap((report) => rulesOf(report).map((rule) => [rule.id, rule.group] as const)));
  const numberOf = new Map(reports.flatMap((report) => rulesOf(report).map((rule) => [rule.id, rule] as const)));
  const groups = [...new Set(ids.map((id) => groupOf.get(id)!))];
  const columns = PORTS.map(columnOf);
  const head = (first: string) => [`| ${first} | ${columns.join(' | ')} |`, `|---|${columns.map(() => '---').join('|')}|`];

  const summary = [
    ...head('primitive'),
    ...groups.map((group) => {
      const cells = perPort.map((rules) => {
        const mine = [...rules.values()].filter((rule) => rule.group === group);
        const count = (status: Status) => mine.filter((rule) => rule.status === status).length;
        const parts = [`${count('pass')} pass`];
        if (count('fail') > 0) parts.push(`**${count('fail')} fail**`);
        if (count('not provided') > 0) parts.push(`${count('not provided')} not provided`);
        return parts.join(', ');
      });
      return `| ${escape(group)} | ${cells.join(' | ')} |`;
    }),
  ];
  const detail = groups.flatMap((group) => [
    '',
    `#### ${group}`,
    '',
    ...head('rule'),
    ...ids.filter((id) => groupOf.get(id) === group).map((id) => `| ${escape(label(numberOf.get(id)!))} | ${perPort.map((rules) => CELL[rules.get(id)?.status ?? 'skipped']).join(' | ')} |`),
  ]);

  return [
    '<!-- Generated by `npm run conformance:table` (scripts/conformance-table.ts) from the kit\'s reports: do not edit by hand. -->',
    '### Other libraries against the spec (library primitives + reference tasks)',
    '',
    'Each adapter in `kit/adapters/` maps a library onto the port contract and nothing more: it',
    'renames, passes `{ signal }` on as the library\'s own cancellation where it has one, turns that',
    'cancellation into `CancelledError`, and never puts a queue of its own in front of the library\'s.',
    'Where the library has no counterpart (an export, a way to cancel one waiter, a count of free',
    'slots), the adapter says so through the kit\'s not-provided marker (`kit/not-provided.ts`) and',
    'the rule is "not provided", not failed. The libraries have no tasks, so every adapter re-exports',
    'the reference port\'s task layer (`kit/adapters/reference-tasks.ts`): the verdicts below judge the',
    'library\'s primitives only. Each adapter is run by the kit as a port author\'s module would be',
    `(\`npx asyncio-conformance kit/adapters/<file> --only ${ONLY.join(',')}\`, ${TIMEOUT_MS / 1000} s per test);`,
    'only contract rules (docs/contract.md) count, reference-port extras are left out. CI checks that',
    'the adapters\' cancellation wiring is what passes their cancellation rules: with the caller\'s',
    'signal not passed on, each of those rules fails (`npm run conformance:table -- --cut-signal`).',
    '',
    ...PORTS.flatMap((port, i) => (port.library === undefined ? [] : aboutLibrary(port, reports[i]!, titles))),
    '#### The table',
    '',
    ...summary,
    ...detail,
    '',
  ].join('\n');
}

// ---- running the kit ----

const reportFile = (port: Port): string => path.join(REPORTS, `${port.id}.json`);

async function runPort(module: string, only: string[]): Promise<ConformanceReport> {
  return run(path.resolve(ROOT, module), { only, expectations: false, timeout: TIMEOUT_MS });
}

function totalsLine(report: ConformanceReport): string {
  const t = report.totals;
  return `${t.pass} pass, ${t.fail} fail, ${t['not provided']} not provided`;
}

async function table(reuse: boolean): Promise<void> {
  const reports: ConformanceReport[] = [];
  for (const port of PORTS) {
    process.stdout.write(`conformance: ${port.module} ... `);
    if (reuse && fs.existsSync(reportFile(port))) {
      reports.push(JSON.parse(fs.readFileSync(reportFile(port), 'utf8')) as ConformanceReport);
      process.stdout.write('reused\n');
      continue;
    }
    const report = await runPort(port.module, ONLY);
    fs.mkdirSync(REPORTS, { recursive: true });
    fs.writeFileSync(reportFile(port), `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`${totalsLine(report)}\n`);
    reports.push(report);
  }
  fs.writeFileSync(OUT, withSection(fs.readFileSync(OUT, 'utf8'), render(reports), 'conformance'));
  process.stdout.write(`wrote ${path.relative(ROOT, OUT)}\n`);
  // The reference port must pass everything it is judged on; the libraries may differ.
  if (!reports[0]!.ok) {
    process.stdout.write('the reference port does not pass its own synchronization rules\n');
    process.exitCode = 1;
  }
}

/**
 * A copy of the adapter with its cancellation wiring cut: every read of the caller's signal
 * becomes `undefined`, so the library never gets it. Its relative imports are made absolute, so
 * the copy (in `outDir`, inside the repository, whose node_modules it uses) is the adapter in
 * every other respect, and the kit loads it as it loads the adapter.
 */
function withoutSignal(port: Port, outDir: string): string {
  const entry = path.join(ROOT, port.module);
  const cut = fs
    .readFileSync(entry, 'utf8')
    .split(SIGNAL_READ)
    .join('undefined')
    .replace(/(from\s+)(['"])(\.{1,2}\/[^'"]+)\2/g, (_, from: string, quote: string, relative: string) => `${from}${quote}${path.resolve(path.dirname(entry), relative)}${quote}`);
  const file = path.join(outDir, `${port.id}.no-signal${path.extname(entry)}`);
  fs.writeFileSync(file, cut);
  return file;
}

async function cutSignal(): Promise<void> {
  fs.mkdirSync(REPORTS, { recursive: true });
  const outDir = fs.mkdtempSync(path.join(REPORTS, 'cut-signal-'));
  const problems: string[] = [];
  let flipped = 0;
  try {
    for (const port of PORTS) {
      // The reference port is not an adapter; the others read no signal themselves
      // (translate's uncancellable reports cancelling as not provided for them).
      if (port.library === undefined || !fs.readFileSync(path.join(ROOT, port.module), 'utf8').includes(SIGNAL_READ)) continue;
      const only = [...CANCEL_RULES, ...CONTROL_RULES];
      const wired = rulesOf(await runPort(port.module, only)).filter((rule) => rule.status === 'pass');
      const cut = new Map(rulesOf(await runPort(withoutSignal(port, outDir), only)).map((rule) => [rule.id, rule]));
      const cancelling = wired.filter((rule) => CANCEL_RULES.includes(rule.id));
      if (cancelling.length === 0) problems.push(`${port.id}: reads the signal, yet passes no cancellation rule`);
      // A control that moves means the copy differs in more than its signal: no flip would count.
      for (const rule of wired.filter((r) => CONTROL_RULES.includes(r.id))) {
        if (cut.get(rule.id)?.status !== 'pass') problems.push(`${port.id}: the copy with its signal cut also fails ${rule.id}, which needs no signal: ${cut.get(rule.id)?.tests.find((t) => t.status === 'fail')?.reason}`);
      }
      for (const rule of cancelling) {
        const after = cut.get(rule.id);
        if (after?.status === 'fail') {
          flipped += 1;
          process.stdout.write(`cut-signal: ${port.id}: ${label(rule)} pass -> fail: ${after.tests.find((t) => t.status === 'fail')?.reason}\n`);
        } else problems.push(`${port.id}: ${rule.id} still ${after?.status ?? 'did not run'} with the signal not passed on`);
      }
    }
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
  if (flipped === 0) problems.push('no adapter passes a cancellation rule: nothing was checked');
  for (const problem of problems) process.stdout.write(`cut-signal: FAIL: ${problem}\n`);
  process.stdout.write(problems.length === 0 ? `cut-signal: every cancellation rule that passes (${flipped}) fails with the signal not passed on\n` : '');
  if (problems.length > 0) process.exitCode = 1;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== '--reuse' && arg !== '--cut-signal');
  if (unknown.length > 0) throw new Error(`conformance:table: unknown argument ${unknown.join(' ')} (known: --reuse, --cut-signal)`);
  if (args.includes('--cut-signal')) await cutSignal();
  else await table(args.includes('--reuse'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (process.env.DEBUG_TABLE ? error.stack : error.message) : error);
  process.exitCode = 2;
});
