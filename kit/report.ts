/**
 * The conformance report: built from jest's per-file results, grouped by primitive and rule
 * (rule ids from the tests' tags, kit/rules.ts), each rule pass, FAIL with a one-line reason, or
 * "not provided" (the kit's marker, kit/not-provided.ts). Contract rules decide the verdict;
 * reference-port extras are reported in their own section and never count. The suite's own
 * meta specs (specs/meta/, specs/harness/) are left out.
 */
import path from 'node:path';
import { notProvidedIn } from './not-provided';
import { primitiveOf, tagOfTest, untagged } from './rules';

export type Status = 'pass' | 'fail' | 'not provided' | 'skipped' | 'expected fail' | 'unexpected pass';

export interface TestOutcome {
  /** The describe path below the file, then the test title, tags removed. */
  title: string;
  status: 'pass' | 'fail' | 'not provided' | 'skipped';
  /** Spec file, relative to the suite's root. */
  file: string;
  /** Why it failed, on one line (fail only). */
  reason?: string;
  /** What it needed and the port lacks (not provided only). */
  missing?: string[];
}

export interface RuleOutcome {
  /** `lock.fifo`, `C12` for an article claim, or the spec file for an extra. */
  id: string;
  /** `R12` when docs/contract.md numbers it. */
  number?: string;
  status: Status;
  /** The expectations file's reason, when the rule is listed there. */
  expected?: string;
  tests: TestOutcome[];
}

export interface GroupOutcome {
  /** The primitive (the rule id's first segment). */
  group: string;
  rules: RuleOutcome[];
}

export interface ConformanceReport {
  kit: { name: string; version: string };
  port: { name: string; path: string };
  /** Contract rules only, by status. */
  totals: Record<Status, number>;
  /** Contract rules (and article claims), by primitive. */
  groups: GroupOutcome[];
  /** Reference-port extras: reported, never in the verdict. */
  extras: GroupOutcome[];
  /** Tests without a tag (a defect of the suite; specs/meta/rule-tags.spec.ts forbids them). */
  untagged: TestOutcome[];
  /** Spec files that could not run at all, for another reason than a missing export. */
  brokenFiles: { file: string; reason: string }[];
  expectations?: { file: string; unexpectedPasses: string[]; notRun: string[] };
  /** Every contract rule the port provides passes (or fails as expected), and something ran. */
  ok: boolean;
  verdict: string;
}

/** The subset of jest's results the report reads. */
export interface AssertionLike {
  ancestorTitles: string[];
  title: string;
  status: string;
  failureMessages: string[];
  failureDetails?: unknown[];
}
export interface FileResultLike {
  testFilePath: string;
  testExecError?: { message?: string; stack?: string } | null;
  failureMessage?: string | null;
  testResults: AssertionLike[];
}

/** The suite's own specs, never part of a port's report. */
export const META_SPECS = /(^|[\\/])specs[\\/](meta|harness)[\\/]/;

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
const REASON_MAX = 200;

/** The gist of a failure on one line: the error's first line, and jest's Expected/Received lines. */
export function oneLineReason(message: string): string {
  const lines = message.replace(ANSI, '').split('\n').map((line) => line.trim());
  const head = (lines.find((line) => line !== '' && !line.startsWith('●')) ?? 'failed').replace(/^Error: /, '');
  const details = lines.filter((line) => /^(Expected|Received)( value)?:/.test(line) || /^(Expected|Received) (length|constructor|message|substring|pattern)/.test(line));
  // toEqual's diff: its first removed and added lines, after the "- Expected / + Received" header.
  const diff = details.length > 0 ? [] : [lines.find((l) => /^- (?!Expected)/.test(l)), lines.find((l) => /^\+ (?!Received)/.test(l))].filter((l): l is string => l !== undefined);
  const reason = [head, ...details.slice(0, 4), ...diff].join(' | ').replace(/\s+/g, ' ');
  return reason.length > REASON_MAX ? `${reason.slice(0, REASON_MAX - 1)}…` : reason;
}

function outcomeOf(test: AssertionLike, file: string, title: string): TestOutcome {
  const missing = notProvidedIn(test.failureDetails);
  if (test.status === 'failed' && missing.length > 0) return { title, status: 'not provided', file, missing };
  if (test.status === 'failed') return { title, status: 'fail', file, reason: oneLineReason(test.failureMessages[0] ?? 'failed') };
  if (test.status === 'passed') return { title, status: 'pass', file };
  return { title, status: 'skipped', file };
}

/**
 * A rule's status from its tests': one failure fails it; else it passes when a test of it passed
 * (the tests that needed a missing part are counted beside it); else it is not provided.
 */
export function ruleStatus(tests: readonly TestOutcome[]): RuleOutcome['status'] {
  if (tests.some((t) => t.status === 'fail')) return 'fail';
  if (tests.some((t) => t.status === 'pass')) return 'pass';
  if (tests.some((t) => t.status === 'not provided')) return 'not provided';
  return 'skipped';
}

export interface BuildOptions {
  kit: ConformanceReport['kit'];
  port: ConformanceReport['port'];
  /** The suite's root, for relative file names. */
  rootDir: string;
  /** Rule id -> number (R12), from docs/contract.md. */
  numbers?: ReadonlyMap<string, string>;
  /** Spec files whose whole file was stopped by a missing export (the usage tracker's file notes). */
  fileNotes?: ReadonlyMap<string, string[]>;
  /** Known failures: rule id -> reason. */
  expected?: Readonly<Record<string, string>>;
  expectationsFile?: string;
}

/** Builds the report from jest's per-file results. */
export function buildReport(files: readonly FileResultLike[], options: BuildOptions): ConformanceReport {
  const rules = new Map<string, RuleOutcome>();
  const extras = new Map<string, RuleOutcome>();
  const untaggedTests: TestOutcome[] = [];
  const brokenFiles: ConformanceReport['brokenFiles'] = [];
  const sorted = [...files].filter((f) => !META_SPECS.test(f.testFilePath)).sort((a, b) => a.testFilePath.localeCompare(b.testFilePath));
  const add = (map: Map<string, RuleOutcome>, id: string, test: TestOutcome) => {
    let rule = map.get(id);
    if (rule === undefined) map.set(id, (rule = { id, number: options.numbers?.get(id), status: 'skipped', tests: [] }));
    rule.tests.push(test);
  };
  for (const result of sorted) {
    const file = path.relative(options.rootDir, result.testFilePath).split(path.sep).join('/');
    const execError = result.testExecError ? result.failureMessage ?? result.testExecError.stack ?? result.testExecError.message ?? '' : undefined;
    if (execError !== undefined && result.testResults.length === 0) {
      const missing = options.fileNotes?.get(result.testFilePath) ?? [];
      const test: TestOutcome = missing.length > 0
        ? { title: '(the spec file could not run)', status: 'not provided', file, missing }
        : { title: '(the spec file could not run)', status: 'fail', file, reason: oneLineReason(execError) };
      if (missing.length === 0) brokenFiles.push({ file, reason: test.reason! });
      add(rules, `file:${file}`, test);
      continue;
    }
    for (const assertion of result.testResults) {
      const tag = tagOfTest(assertion.ancestorTitles, assertion.title);
      const title = [...assertion.ancestorTitles, assertion.title].map(untagged).join(' › ');
      const test = outcomeOf(assertion, file, title);
      if (tag === undefined) untaggedTests.push(test);
      else if (tag.kind === 'extra') add(extras, primitiveFromFile(file), test);
      else add(rules, tag.id, test);
    }
  }
  const expected = options.expected ?? {};
  const unexpectedPasses: string[] = [];
  for (const rule of [...rules.values(), ...extras.values()]) rule.status = ruleStatus(rule.tests);
  for (const rule of rules.values()) {
    const reason = expected[rule.id];
    if (reason === undefined) continue;
    rule.expected = reason;
    if (rule.status === 'fail') rule.status = 'expected fail';
    else if (rule.status === 'pass') {
      rule.status = 'unexpected pass';
      unexpectedPasses.push(rule.id);
    }
  }
  const totals: Record<Status, number> = { pass: 0, fail: 0, 'not provided': 0, skipped: 0, 'expected fail': 0, 'unexpected pass': 0 };
  for (const rule of rules.values()) totals[rule.status] += 1;
  const ok = totals.fail === 0 && totals['unexpected pass'] === 0 && brokenFiles.length === 0 && totals.pass + totals['expected fail'] > 0;
  const verdict = ok
    ? `conformance: PASS: every contract rule the port provides passes${totals['expected fail'] > 0 ? ` (${totals['expected fail']} known failure(s) listed in the expectations file)` : ''}`
    : totals.fail > 0 || brokenFiles.length > 0
      ? `conformance: FAIL: ${totals.fail} contract rule(s) fail: ${[...rules.values()].filter((r) => r.status === 'fail').map((r) => r.id).join(', ')}`
      : totals['unexpected pass'] > 0
        ? `conformance: FAIL: listed as known failures but now pass (remove them from the expectations file): ${unexpectedPasses.join(', ')}`
        : 'conformance: FAIL: no contract rule the port provides ran';
  const notRun = Object.keys(expected).filter((id) => !rules.has(id));
  return {
    kit: options.kit,
    port: options.port,
    totals,
    groups: grouped(rules, options.numbers),
    extras: grouped(extras),
    untagged: untaggedTests,
    brokenFiles,
    ...(options.expectationsFile ? { expectations: { file: options.expectationsFile, unexpectedPasses, notRun } } : {}),
    ok,
    verdict,
  };
}

/** Extras are grouped by the primitive their spec file is about (specs/semantics/<primitive>/). */
function primitiveFromFile(file: string): string {
  const parts = file.split('/');
  return parts.length >= 2 ? parts[parts.length - 2]! : file;
}

function grouped(rules: Map<string, RuleOutcome>, numbers?: ReadonlyMap<string, string>): GroupOutcome[] {
  const order = (rule: RuleOutcome) => Number(rule.number?.slice(1) ?? Number.MAX_SAFE_INTEGER);
  const all = [...rules.values()].sort((a, b) => order(a) - order(b) || a.id.localeCompare(b.id));
  const groups = new Map<string, GroupOutcome>();
  for (const rule of all) {
    const name = /^C\d+$/.test(rule.id) ? 'article claims' : rule.id.startsWith('file:') ? 'spec files' : numbers === undefined ? rule.id : primitiveOf(rule.id);
    let group = groups.get(name);
    if (group === undefined) groups.set(name, (group = { group: name, rules: [] }));
    group.rules.push(rule);
  }
  return [...groups.values()];
}

const MARK: Record<Status, string> = {
  pass: 'pass',
  fail: 'FAIL',
  'not provided': 'not provided',
  skipped: 'skipped',
  'expected fail': 'known fail',
  'unexpected pass': 'UNEXPECTED PASS',
};

function testLine(test: TestOutcome): string {
  if (test.status === 'fail') return `      FAIL  ${test.title}: ${test.reason}`;
  if (test.status === 'not provided') return `      not provided  ${test.title} (lacks ${test.missing!.join(', ')})`;
  return `      ${test.status}  ${test.title}`;
}

/** The report as text: port at the top, groups (heading once each), extras, then the verdict last. */
export function formatReport(report: ConformanceReport, options: { verbose?: boolean } = {}): string {
  const out: string[] = [`${report.kit.name} ${report.kit.version}: the asyncio port contract (docs/contract.md)`, `port: ${report.port.name} (${report.port.path})`];
  // Rules that did not run (left out by --only) are not shown.
  const ran = (rules: RuleOutcome[]) => rules.filter((rule) => rule.status !== 'skipped');
  for (const group of report.groups) {
    if (ran(group.rules).length === 0) continue;
    out.push('', group.group);
    for (const rule of ran(group.rules)) {
      const n = rule.tests.length;
      const label = `${rule.number ? `${rule.number} ` : ''}${rule.id}`;
      const lacking = [...new Set(rule.tests.flatMap((t) => t.missing ?? []))].sort();
      const unprovided = rule.tests.filter((t) => t.status === 'not provided').length;
      const count = unprovided > 0 && unprovided < n ? `${n - unprovided} of ${n} tests; ${unprovided} not provided` : `${n} test${n === 1 ? '' : 's'}`;
      const tail = (lacking.length > 0 ? ` (lacks ${lacking.join(', ')})` : '') + (rule.expected !== undefined ? ` (expected to fail: ${rule.expected})` : '');
      out.push(`  ${MARK[rule.status].padEnd(15)} ${label}  [${count}]${tail}`);
      const shown = options.verbose || rule.status === 'fail' || rule.status === 'expected fail'
        ? rule.tests.filter((t) => options.verbose || t.status === 'fail')
        : [];
      for (const test of shown) out.push(testLine(test));
    }
  }
  const extras = report.extras.filter((group) => ran(group.rules).length > 0);
  if (extras.length > 0) {
    out.push('', 'reference-port extras (what src/ does beyond the contract; never part of the verdict)');
    for (const group of extras) {
      const tests = group.rules.flatMap((r) => r.tests);
      const count = (s: TestOutcome['status']) => tests.filter((t) => t.status === s).length;
      out.push(`  ${group.group}: ${count('pass')} pass, ${count('fail')} differ, ${count('not provided')} not provided`);
      if (options.verbose) for (const test of tests) out.push(testLine(test));
    }
  }
  for (const test of report.untagged) out.push(`untagged test (a defect of the suite): ${test.file}: ${test.title}`);
  for (const broken of report.brokenFiles) out.push(`spec file could not run: ${broken.file}: ${broken.reason}`);
  const t = report.totals;
  out.push('', `contract rules: ${t.pass} pass, ${t.fail} fail, ${t['not provided']} not provided${t['expected fail'] ? `, ${t['expected fail']} known fail` : ''}${t['unexpected pass'] ? `, ${t['unexpected pass']} unexpected pass` : ''}`);
  out.push(`port: ${report.port.name} (${report.port.path})`);
  out.push(report.verdict);
  return out.join('\n');
}

function xml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
}

/** JUnit XML for CI systems: one testsuite per primitive, one testcase per test, classname = rule id. */
export function junitReport(report: ConformanceReport): string {
  const suites = [...report.groups, ...report.extras.map((g) => ({ ...g, group: `extra: ${g.group}` }))].filter((group) => group.rules.some((rule) => rule.status !== 'skipped')).map((group) => {
    const cases = group.rules.filter((rule) => rule.status !== 'skipped').flatMap((rule) => rule.tests.map((test) => {
      const open = `    <testcase classname="${xml(rule.id)}" name="${xml(test.title)}" file="${xml(test.file)}"`;
      if (test.status === 'fail' && rule.status !== 'expected fail' && !group.group.startsWith('extra')) return `${open}><failure message="${xml(test.reason ?? '')}"/></testcase>`;
      if (test.status === 'not provided') return `${open}><skipped message="not provided: ${xml(test.missing!.join(', '))}"/></testcase>`;
      if (test.status === 'skipped') return `${open}><skipped/></testcase>`;
      return `${open}/>`;
    }));
    const failures = cases.filter((c) => c.includes('<failure')).length;
    return `  <testsuite name="${xml(group.group)}" tests="${cases.length}" failures="${failures}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xml(`${report.kit.name}: ${report.port.name}`)}">\n${suites.join('\n')}\n</testsuites>\n`;
}
