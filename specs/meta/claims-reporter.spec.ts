/**
 * The claims reporter's verdicts: what decides that `npm test` says pass beside a claim.
 * Titles carry no claim id: they are about the reporter, the ids below are its test data.
 */
import type { FigureRecord } from '../../fixtures/claims/figures-file';
import { judge, renderTable, wrap, type TestOutcome } from '../../fixtures/claims/reporter';

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

  test('fails a claim whose spec failed, showing what it measured and the expectation it missed', () => {
    const t = '[C05] three in a row';
    const message = 'Error: \x1b[2mexpect(\x1b[22mreceived).toBe(expected)\n\nExpected: \x1b[32m3000\x1b[39m\nReceived: \x1b[31m3100\x1b[39m\n    at Object.<anonymous> (x.ts:1:1)';
    const row = judge([{ ...failed(t), failureMessages: [message] }, passed('[C05] other')], [figure('C05', 3100, t), figure('C05', 3000, '[C05] other')]).find((r) => r.claim.id === 'C05')!;
    expect([row.verdict, row.measured, row.expected]).toEqual(['FAIL', '3100 ms', '3000 ms']);
    expect(row.reason).toBe(`${t}: Expected: 3000; Received: 3100`);
  });

  test('names the test that reported the figure as the proof, with its file', () => {
    const t = '[C10] gather';
    const row = judge([{ ...passed('[C10] first'), file: 'specs/a.spec.ts' }, { ...passed(t), file: 'specs/b.spec.ts' }], [figure('C10', 1000, t), figure('C10', [0, 1, 2], t)]).find((r) => r.claim.id === 'C10')!;
    expect(row.proof).toEqual({ file: 'specs/b.spec.ts', test: t, tests: 2 });
  });

  test('says not run for a claim none of whose specs ran, and opinion for an opinion', () => {
    expect(verdictOf('C05', [skipped('[C05] three')], [])[0]).toBe('not run');
    expect(verdictOf('C03', [], [])[0]).toBe('opinion');
  });

  test('holds live measures to the ledger\'s rule (a ratio to one request of the same run, the requests in flight), and only live ones', () => {
    const t = '[C05] test1 live';
    const serial = { elapsedMs: 3700, oneMs: 1250, inFlight: 1, requests: 3 };
    // 3700 ms on a loaded machine: 2.96 requests' time of the same run, one at a time.
    expect(verdictOf('C05', [passed(t)], [figure('C05', serial, t, 'live')], { mode: 'live' })).toEqual(['pass', '3700 ms = 2.96 × 1250 ms, 1 in flight of 3']);
    // Three at once (in flight together, one request's time): not what C05 claims.
    const row = judge([passed(t)], [figure('C05', { elapsedMs: 1020, oneMs: 1010, inFlight: 3, requests: 3 }, t, 'live')], { mode: 'live' }).find((r) => r.claim.id === 'C05')!;
    expect([row.verdict, row.reason]).toEqual(['mismatch', '3 in flight at the busiest instant, not 1; 1020 ms is 1.01 × one request (1010 ms in this run), not 3 ± 0.75']);
    // A whole request's time more than the rule: a wait the article's program does not have.
    expect(verdictOf('C05', [passed(t)], [figure('C05', { ...serial, elapsedMs: 4000, oneMs: 1000 }, t, 'live')], { mode: 'live' })[0]).toBe('mismatch');
    expect(verdictOf('C05', [passed(t)], [figure('C05', 3000, t)], { mode: 'live' })[0]).toBe('no figure');
    expect(verdictOf('C05', [passed(t)], [figure('C05', 3000, t)], { mode: 'live', complete: false })[0]).toBe('pass');
    expect(judge([], [], { mode: 'live' }).map((r) => r.claim.id)).toEqual(['C05', 'C06', 'C09', 'C10', 'C12', 'C13', 'C14', 'C15', 'C17']);
    // Semaphore(2): two in flight at once, never three, two requests' time.
    const s8 = '[C15] test8 live';
    expect(verdictOf('C15', [passed(s8)], [figure('C15', { elapsedMs: 2100, oneMs: 1050, inFlight: 2, requests: 3 }, s8, 'live')], { mode: 'live' })[0]).toBe('pass');
    expect(verdictOf('C15', [passed(s8)], [figure('C15', { elapsedMs: 1050, oneMs: 1050, inFlight: 3, requests: 3 }, s8, 'live')], { mode: 'live' })[0]).toBe('mismatch');
    // C17 is measured on a started pool, by the same rule.
    const ratio = '[C17] live pool';
    expect(verdictOf('C17', [passed(ratio)], [figure('C17', { elapsedMs: 1010, oneMs: 1005, inFlight: 3, requests: 3 }, ratio, 'live')], { mode: 'live' })[0]).toBe('pass');
    expect(verdictOf('C17', [passed(ratio)], [figure('C17', { elapsedMs: 3010, oneMs: 1005, inFlight: 1, requests: 3 }, ratio, 'live')], { mode: 'live' })[0]).toBe('mismatch');
  });

  test('prints a live claim with the article\'s time, the live ms as a multiple of one request, and its rule', () => {
    const t = '[C05] test1 live';
    const rows = judge([{ ...passed(t), file: 'specs/live/timing.live.ts' }], [figure('C05', { elapsedMs: 3057, oneMs: 1019, inFlight: 1, requests: 3 }, t, 'live')], { mode: 'live' });
    const flat = renderTable(rows, { width: 100, mode: 'live' }).replace(/\n\s+/g, ' ');
    expect(flat).toContain('figures: article 3011.565 ms · live 3057 ms = 3.00 × 1019 ms, 1 in flight of 3 · rule 3 × one request (±0.75), one at a time');
  });

  test('prints every claim whole, one block each, within the width, without colours unless asked', () => {
    const long = `[C05] ${'a '.repeat(150)}`;
    const rows = judge([{ ...passed(long), file: 'specs/article/concurrency.spec.ts' }], [figure('C05', 3000, long)]);
    const table = renderTable(rows, { width: 100 });
    const lines = table.split('\n');
    expect(lines.every((line) => line.length <= 100)).toBe(true);
    expect(lines.filter((line) => /^C\d\d /.test(line))).toHaveLength(20);
    // Each claim's text, joined back from its wrapped lines, is there in full.
    const flat = table.replace(/\n\s+/g, ' ');
    for (const row of rows) expect(flat).toContain(row.claim.claim);
    expect(flat).toMatch(/C05 +pass +Awaiting each request/);
    expect(flat).toContain('figures: article 3011.565 ms · measured 3000 ms · expected 3000 ms');
    expect(lines.at(-1)).toBe('20 claims: 17 not run, 2 opinion, 1 pass');
    expect(table).not.toMatch(/\x1b\[/);
    expect(renderTable(rows, { colour: true })).toMatch(/\x1b\[33mnot run\x1b\[0m/);
  });

  test('wraps at spaces, and cuts only a word longer than the width', () => {
    expect(wrap('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrap('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });
});
