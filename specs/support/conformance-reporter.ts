/**
 * The conformance reporter: after a run against a port, one line per rule, grouped by primitive
 * (a spec's outer describe), each pass, FAIL with a one-line reason, or "not provided" when the
 * test needed an export the port lacks (a NotProvidedError from specs/support/port.ts or
 * conformance-usage.ts). It never decides the run's exit code: scripts/conformance.ts does, from
 * the JSON this reporter writes (to $CONFORMANCE_JSON, when set).
 *
 * Loaded through conformance-reporter.cjs (jest requires reporters with Node's own require).
 */
import fs from 'node:fs';
import path from 'node:path';

export type Status = 'pass' | 'fail' | 'not provided' | 'skipped';

export interface RuleResult {
  /** The describe path below the group, then the test title. */
  rule: string;
  status: Status;
  /** Spec file, relative to the repository root. */
  file: string;
  /** Why it failed, on one line (fail only). */
  reason?: string;
  /** The exports it needed and the port lacks (not provided only). */
  missing?: string[];
}

export interface GroupResult {
  /** The primitive or article section: the spec's outermost describe. */
  group: string;
  rules: RuleResult[];
}

export interface ConformanceReport {
  /** The module under test, as given (absolute). */
  port: string;
  totals: Record<Status, number>;
  /** Spec files that could not run at all, for another reason than a missing export. */
  brokenFiles: { file: string; reason: string }[];
  /** Everything the port provides passes, and something ran. */
  ok: boolean;
  groups: GroupResult[];
}

/** The subset of jest's results this reporter reads. */
export interface AssertionLike {
  ancestorTitles: string[];
  title: string;
  status: string;
  failureMessages: string[];
}
export interface FileResultLike {
  testFilePath: string;
  testExecError?: { message?: string; stack?: string } | null;
  failureMessage?: string | null;
  testResults: AssertionLike[];
}

const NOT_PROVIDED = /([\w.]+) is not provided by the port under test/g;
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
const REASON_MAX = 200;

function missingExports(messages: readonly string[]): string[] {
  const names = new Set<string>();
  for (const message of messages) for (const match of message.matchAll(NOT_PROVIDED)) names.add(match[1]!);
  return [...names].sort();
}

/** The gist of a failure on one line: the error's first line, and jest's Expected/Received lines. */
export function oneLineReason(message: string): string {
  const lines = message.replace(ANSI, '').split('\n').map((line) => line.trim());
  const head = (lines.find((line) => line !== '') ?? 'failed').replace(/^Error: /, '');
  const details = lines.filter((line) => /^(Expected|Received)( value)?:/.test(line) || /^(Expected|Received) (length|constructor|message|substring|pattern)/.test(line));
  const reason = [head, ...details.slice(0, 4)].join(' | ').replace(/\s+/g, ' ');
  return reason.length > REASON_MAX ? `${reason.slice(0, REASON_MAX - 1)}…` : reason;
}

function classify(status: string, failureMessages: readonly string[]): Pick<RuleResult, 'status' | 'reason' | 'missing'> {
  const missing = missingExports(failureMessages);
  if (status === 'failed' && missing.length > 0) return { status: 'not provided', missing };
  if (status === 'failed') return { status: 'fail', reason: oneLineReason(failureMessages[0] ?? 'failed') };
  if (status === 'passed') return { status: 'pass' };
  return { status: 'skipped' };
}

/** Builds the report from jest's per-file results. */
export function buildReport(port: string, files: readonly FileResultLike[], rootDir: string): ConformanceReport {
  const groups = new Map<string, GroupResult>();
  const brokenFiles: ConformanceReport['brokenFiles'] = [];
  const sorted = [...files].sort((a, b) => a.testFilePath.localeCompare(b.testFilePath));
  for (const result of sorted) {
    const file = path.relative(rootDir, result.testFilePath);
    const execError = result.testExecError ? result.failureMessage ?? result.testExecError.stack ?? result.testExecError.message ?? '' : undefined;
    if (execError !== undefined && result.testResults.length === 0) {
      const missing = missingExports([execError]);
      const rule: RuleResult = missing.length > 0
        ? { rule: '(the spec file could not run)', status: 'not provided', file, missing }
        : { rule: '(the spec file could not run)', status: 'fail', file, reason: oneLineReason(execError) };
      if (missing.length === 0) brokenFiles.push({ file, reason: rule.reason! });
      groupOf(groups, path.basename(file, '.spec.ts')).rules.push(rule);
      continue;
    }
    for (const test of result.testResults) {
      const [group = path.basename(file, '.spec.ts'), ...inner] = test.ancestorTitles;
      groupOf(groups, group).rules.push({ rule: [...inner, test.title].join(' › '), file, ...classify(test.status, test.failureMessages) });
    }
  }
  const totals: Record<Status, number> = { pass: 0, fail: 0, 'not provided': 0, skipped: 0 };
  for (const group of groups.values()) for (const rule of group.rules) totals[rule.status] += 1;
  const ok = totals.fail === 0 && brokenFiles.length === 0 && totals.pass > 0;
  return { port, totals, brokenFiles, ok, groups: [...groups.values()] };
}

function groupOf(groups: Map<string, GroupResult>, name: string): GroupResult {
  let group = groups.get(name);
  if (group === undefined) groups.set(name, (group = { group: name, rules: [] }));
  return group;
}

const MARK: Record<Status, string> = { pass: 'pass', fail: 'FAIL', 'not provided': 'not provided', skipped: 'skipped' };

/** The report as text: groups, one line per rule, then the totals. */
export function formatReport(report: ConformanceReport): string {
  const out: string[] = ['', `Conformance of ${report.port}`];
  for (const group of report.groups) {
    const count = (status: Status) => group.rules.filter((r) => r.status === status).length;
    out.push('', `${group.group}  (${count('pass')} pass, ${count('fail')} fail, ${count('not provided')} not provided)`);
    for (const rule of group.rules) {
      const tail = rule.status === 'fail' ? `: ${rule.reason}` : rule.status === 'not provided' ? ` (${rule.missing!.join(', ')})` : '';
      out.push(`  ${MARK[rule.status].padEnd(12)}  ${rule.rule}${tail}`);
    }
  }
  const t = report.totals;
  const lacking = [...new Set(report.groups.flatMap((g) => g.rules.flatMap((r) => r.missing ?? [])))].sort();
  out.push('', `${t.pass} pass, ${t.fail} fail, ${t['not provided']} not provided${lacking.length > 0 ? ` (lacks ${lacking.join(', ')})` : ''}${t.skipped > 0 ? `, ${t.skipped} skipped` : ''}`);
  for (const broken of report.brokenFiles) out.push(`spec file could not run: ${broken.file}: ${broken.reason}`);
  const verdict = report.ok
    ? 'conformance: everything the port provides passes'
    : t.fail > 0 || report.brokenFiles.length > 0
      ? 'conformance: the port differs from the spec (see FAIL above)'
      : 'conformance: no test of anything the port provides ran';
  out.push(verdict, '');
  return out.join('\n');
}

interface AggregatedLike {
  testResults: FileResultLike[];
}

export default class ConformanceReporter {
  readonly #rootDir: string;

  constructor(globalConfig: { rootDir: string }) {
    this.#rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts: unknown, results: AggregatedLike): void {
    const port = process.env.PORT_MODULE ? path.resolve(this.#rootDir, process.env.PORT_MODULE) : path.join(this.#rootDir, 'src', 'index.ts');
    const report = buildReport(port, results.testResults, this.#rootDir);
    process.stdout.write(`${formatReport(report)}\n`);
    const json = process.env.CONFORMANCE_JSON;
    if (json) {
      fs.mkdirSync(path.dirname(json), { recursive: true });
      fs.writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
    }
  }
}
