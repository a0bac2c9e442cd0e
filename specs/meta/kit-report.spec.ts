/**
 * The kit's report (kit/report.ts) judges contract rules only: extras are reported apart and
 * never move the verdict, "not provided" comes from the kit's marker (never from message text),
 * the suite's own specs are left out, and an expectations file keeps known failures green but
 * fails the run when one passes.
 */
import { buildReport, formatReport, type FileResultLike } from '../../kit/report';
import { NotProvidedError } from '../../kit/not-provided';

const ROOT = '/suite';
const base = { kit: { name: 'kit', version: '0' }, port: { name: 'my-port.mjs', path: '/ports/my-port.mjs' }, rootDir: ROOT, numbers: new Map([['lock.fifo', 'R37'], ['lock.hold', 'R42']]) };

function file(name: string, tests: Array<[ancestors: string[], title: string, status: 'passed' | 'failed', detail?: unknown]>): FileResultLike {
  return {
    testFilePath: `${ROOT}/${name}`,
    testResults: tests.map(([ancestorTitles, title, status, detail]) => ({
      ancestorTitles,
      title,
      status,
      failureMessages: status === 'failed' ? ['Error: expected [1, 2], got [2, 1]\n    at x'] : [],
      failureDetails: status === 'failed' ? [detail ?? {}] : [],
    })),
  };
}

const lockFile = (fifo: 'passed' | 'failed', extra: 'passed' | 'failed') =>
  file('specs/semantics/lock/lock.spec.ts', [
    [['Lock', '[lock.fifo] hand-off'], 'waiters get it in order', fifo],
    [['Lock'], '[lock.hold] released at the end of the block', 'passed'],
    [['Lock'], '[extra] the message names release()', extra],
  ]);

describe('the kit report', () => {
  test('a failing extra is reported apart and never fails the verdict', () => {
    const report = buildReport([lockFile('passed', 'failed')], base);
    expect(report.ok).toBe(true);
    expect(report.groups.map((g) => g.group)).toEqual(['lock']);
    expect(report.extras[0]!.rules[0]!.tests[0]!.status).toBe('fail');
  });

  test('a failing contract rule fails the verdict, which names it, with the port at the top and the verdict last', () => {
    const report = buildReport([lockFile('failed', 'passed')], base);
    expect(report.ok).toBe(false);
    const lines = formatReport(report).split('\n');
    expect(lines[1]).toBe('port: my-port.mjs (/ports/my-port.mjs)');
    expect(lines.at(-1)).toMatch(/FAIL: 1 contract rule\(s\) fail: lock\.fifo/);
    expect(lines.filter((l) => l === 'lock')).toHaveLength(1);
    expect(lines.find((l) => l.includes('R37 lock.fifo'))).toMatch(/^\s+FAIL/);
  });

  test('"not provided" is read from the marker of NotProvidedError, whatever the message says', () => {
    const marked = { ...new NotProvidedError(['Lock']) };
    const report = buildReport([file('specs/semantics/lock/lock.spec.ts', [[['[lock.fifo] x'], 'a', 'failed', marked], [['[lock.hold] y'], 'b', 'failed', { message: 'Lock is not provided by the port under test' }]])], base);
    const [fifo, hold] = report.groups[0]!.rules;
    expect([fifo!.status, fifo!.tests[0]!.missing]).toEqual(['not provided', ['Lock']]);
    expect(hold!.status).toBe('fail');
  });

  test("the suite's own specs are left out", () => {
    const report = buildReport([lockFile('passed', 'passed'), file('specs/meta/ledger.spec.ts', [[[], 'untagged meta test', 'failed']])], base);
    expect(report.untagged).toEqual([]);
    expect(report.ok).toBe(true);
  });

  test('a listed known failure keeps the run green; a listed rule that passes fails it', () => {
    const expected = { 'lock.fifo': 'our queue is LIFO' };
    const known = buildReport([lockFile('failed', 'passed')], { ...base, expected, expectationsFile: '/ports/my-port.expectations.json' });
    expect([known.ok, known.groups[0]!.rules[0]!.status]).toEqual([true, 'expected fail']);
    const stale = buildReport([lockFile('passed', 'passed')], { ...base, expected, expectationsFile: '/ports/my-port.expectations.json' });
    expect([stale.ok, stale.expectations!.unexpectedPasses]).toEqual([false, ['lock.fifo']]);
    expect(stale.verdict).toMatch(/now pass .*lock\.fifo/);
  });
});
