/**
 * The partial-port check (`npm run conformance:partial`): a port that lacks an export may lose
 * only the rules that use it, as "not provided", and nothing else may move.
 */
import { comparePartial } from '../../scripts/conformance-partial';
import { buildReport, type ConformanceReport, type TestOutcome } from '../../kit/report';

const CONDITION_FILE = 'specs/semantics/condition/condition.spec.ts';
const LOCK_FILE = 'specs/semantics/lock/lock.spec.ts';

/** A report of the given tests, each the only test of its own rule. */
function report(tests: TestOutcome[]): ConformanceReport {
  const empty = buildReport([], { kit: { name: 'kit', version: '0' }, port: { name: 'p', path: '/p' }, rootDir: '/' });
  const fail = tests.filter((t) => t.status === 'fail').length;
  const groups = tests.map((test) => ({ group: test.file, rules: [{ id: test.title, status: test.status, tests: [test] }] }));
  return { ...empty, ok: fail === 0, groups };
}

const waits = { title: 'Condition › wait() gives the lock up', file: CONDITION_FILE };
const fifo = { title: 'Lock › first come, first served', file: LOCK_FILE };
const reference = report([{ ...waits, status: 'pass' }, { ...fifo, status: 'pass' }]);

describe('the partial-port check', () => {
  test('accepts rules of the missing export turning "not provided", the rest unchanged', () => {
    const partial = report([{ ...waits, status: 'not provided', missing: ['Condition'] }, { ...fifo, status: 'pass' }]);
    expect(comparePartial(reference, partial, ['Condition'])).toEqual({ unchanged: 1, notProvided: [`${CONDITION_FILE} › Condition › wait() gives the lock up`], problems: [] });
  });

  test('flags any other rule that changed, and a rule "not provided" for an export that was not removed', () => {
    const partial = report([{ ...waits, status: 'not provided', missing: ['Lock'] }, { ...fifo, status: 'fail', reason: 'boom' }]);
    const { problems } = comparePartial(reference, partial, ['Condition']);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/pass on the reference, not provided without Condition/);
    expect(problems[1]).toMatch(/first come, first served: pass on the reference, fail without Condition: boom/);
  });

  test("flags a rule of the removed primitive's own specs that still ran, and a rule missing from one run", () => {
    const partial = report([{ ...waits, status: 'pass' }]);
    const { problems } = comparePartial(reference, partial, ['Condition']);
    expect(problems).toEqual([
      `${LOCK_FILE} › Lock › first come, first served: only in the reference run`,
      `${CONDITION_FILE} › Condition › wait() gives the lock up: a Condition rule, pass on a port without Condition`,
    ]);
  });

  test('refuses to judge against a reference port that fails', () => {
    const failing = report([{ ...waits, status: 'pass' }, { ...fifo, status: 'fail', reason: 'x' }]);
    const partial = report([{ ...waits, status: 'not provided', missing: ['Condition'] }, { ...fifo, status: 'fail', reason: 'x' }]);
    expect(comparePartial(failing, partial, ['Condition']).problems).toEqual(['the reference port itself does not pass: fix that first']);
  });
});
