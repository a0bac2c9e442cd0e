/**
 * The claims reporter's verdicts: what decides that `npm test` says pass beside a claim.
 * Titles carry no claim id: they are about the reporter, the ids below are its test data.
 */
import type { FigureRecord } from '../../fixtures/claims/figures-file';
import { judge, renderTable, type TestOutcome } from '../../fixtures/claims/reporter';

const T = 'concurrency test1';
const passed = (title: string): TestOutcome => ({ title, fullName: `${T} ${title}`, status: 'passed' });
const failed = (title: string): TestOutcome => ({ title, fullName: `${T} ${title}`, status: 'failed' });
const skipped = (title: string): TestOutcome => ({ title, fullName: `${T} ${title}`, status: 'pending' });
const figure = (claim: string, value: FigureRecord['figure'], title: string, note?: string): FigureRecord => ({ claim, figure: value, note, test: `${T} ${title}` });

const verdictOf = (id: string, outcomes: TestOutcome[], figures: FigureRecord[], options = {}) => {
  const row = judge(outcomes, figures, options).find((r) => r.claim.id === id)!;
  return [row.verdict, row.measured];
};

describe('the claims reporter', () => {
  test('passes a claim whose specs passed and reported every expected figure', () => {
    const t = '[C10] gather';
    expect(verdictOf('C10', [passed(t)], [figure('C10', 1000, t), figure('C10', [0, 1, 2], t)])).toEqual(['pass', '1000 ms, [0,1,2]']);
  });

  test('calls a figure other than the expected one a mismatch', () => {
    const t = '[C05] three in a row';
    expect(verdictOf('C05', [passed(t)], [figure('C05', 3100, t)])).toEqual(['mismatch', '3100 ms']);
  });

  test('calls a missing expected figure out, unless the run was filtered by name or skipped a spec', () => {
    const t = '[C10] gather';
    expect(verdictOf('C10', [passed(t)], [figure('C10', 1000, t)])[0]).toBe('no figure');
    expect(verdictOf('C10', [passed(t)], [figure('C10', 1000, t)], { complete: false })[0]).toBe('pass');
    expect(verdictOf('C10', [passed(t), skipped('[C10] other')], [figure('C10', 1000, t)])[0]).toBe('pass');
  });

  test('ignores figures of failed tests and fails the claim', () => {
    const t = '[C05] three in a row';
    expect(verdictOf('C05', [failed(t)], [figure('C05', 3000, t)])).toEqual(['FAIL', '-']);
  });

  test('says not run for a claim none of whose specs ran, and opinion for an opinion', () => {
    expect(verdictOf('C05', [skipped('[C05] three')], [])[0]).toBe('not run');
    expect(verdictOf('C03', [], [])[0]).toBe('opinion');
  });

  test('holds live figures to the article within the tolerance, and only live ones', () => {
    const t = '[C05] test1 live';
    expect(verdictOf('C05', [passed(t)], [figure('C05', 3200, t, 'live')], { mode: 'live' })).toEqual(['pass', '3200 ms']);
    expect(verdictOf('C05', [passed(t)], [figure('C05', 3300, t, 'live')], { mode: 'live' })[0]).toBe('mismatch');
    expect(verdictOf('C05', [passed(t)], [figure('C05', 3000, t)], { mode: 'live' })[0]).toBe('no figure');
    expect(judge([], [], { mode: 'live' }).map((r) => r.claim.id)).toEqual(['C05', 'C06', 'C09', 'C10', 'C12', 'C13', 'C14', 'C15', 'C17']);
  });

  test('prints one line per claim after a header, then the counts, without colours unless asked', () => {
    const lines = renderTable(judge([], []), { width: 100 }).split('\n');
    expect(lines).toHaveLength(2 + 20 + 1);
    expect(lines[2]).toMatch(/^C01 /);
    expect(lines.at(-1)).toBe('20 claims: 18 not run, 2 opinion');
    expect(lines.join('\n')).not.toMatch(/\x1b\[/);
    expect(lines.every((line) => line.length <= 100)).toBe(true);
    expect(renderTable(judge([], []), { colour: true })).toMatch(/\x1b\[33mnot run\x1b\[0m/);
  });
});
