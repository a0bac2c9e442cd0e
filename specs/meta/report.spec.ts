/**
 * The HTML report's page, without a browser (specs/report/ checks it in one): a section per
 * claim, a timeline per example, and the conformance reports it accepts. Reference-port
 * extra: the project's own tool, no contract rule.
 */
import { EXAMPLES } from '../../fixtures/article/examples';
import { judge } from '../../fixtures/claims/reporter';
import { CLAIMS } from '../../fixtures/claims/ledger';
import { readConformance } from '../../fixtures/report/conformance';
import { renderReport } from '../../fixtures/report/html';
import { PX_PER_MS, timelineSvg } from '../../fixtures/report/svg';
import type { Recording } from '../../fixtures/timeline/recording';

const serial: Recording = {
  example: 'test1',
  clock: 'virtual',
  elapsedMs: 3000,
  printed: [[1000, 'response <ok>']],
  spans: [0, 1, 2].map((i) => ({ kind: 'request' as const, label: `req${i}`, start: i * 1000, end: (i + 1) * 1000 })),
  result: undefined,
};

describe('the HTML report', () => {
  test('draws each span as a bar as wide as its ms, titled with its event, and escapes what it prints', () => {
    const svg = timelineSvg(serial);
    const widths = [...svg.matchAll(/<rect class="bar request"[^>]* x="([\d.]+)"[^>]* width="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(widths.map(([, w]) => w)).toEqual([1000 * PX_PER_MS, 1000 * PX_PER_MS, 1000 * PX_PER_MS]);
    expect(widths[1]![0]).toBe(widths[0]![0] + widths[0]![1]);
    expect(svg).toContain('<title>req1: the web service answering from 1000 to 2000 virtual ms (1000 ms)</title>');
    expect(svg).toContain('response &lt;ok&gt;');
  });

  test('has one section per claim, the timeline under the claim its example shows, and no external reference', () => {
    const html = renderReport({ rows: judge([], []), verdictsFrom: 'no run', recordings: new Map([['test1', serial]]), generatedAt: 'now' });
    expect([...html.matchAll(/<section class="claim" id="(C\d\d)"/g)].map((m) => m[1])).toEqual(CLAIMS.map((c) => c.id));
    expect(html.indexOf('data-example="test1"')).toBeGreaterThan(html.indexOf('id="C05"'));
    expect(html.indexOf('data-example="test1"')).toBeLessThan(html.indexOf('id="C06"'));
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).toContain('not available');
    expect(EXAMPLES).toHaveLength(10);
  });

  test('reads conformance reports of shape {port, results} (one or a list) and the kit report shape, and refuses others', () => {
    const one = { port: 'mine', results: [{ rule: 'fifo', primitive: 'Lock', status: 'pass' }] };
    expect(readConformance(one)).toEqual([one]);
    expect(readConformance([one, one])).toHaveLength(2);
    expect(readConformance({ port: 'p', groups: [{ group: 'Lock', rules: [{ rule: 'r', status: 'fail' }] }] })).toEqual([{ port: 'p', results: [{ rule: 'r', primitive: 'Lock', status: 'fail' }] }]);
    const kit = { port: { name: 'p.mjs', path: '/x/p.mjs' }, groups: [{ group: 'lock', rules: [{ id: 'lock.fifo', number: 'R37', status: 'pass' }] }] };
    expect(readConformance(kit)).toEqual([{ port: 'p.mjs', results: [{ rule: 'lock.fifo', primitive: 'lock', status: 'pass' }] }]);
    expect(() => readConformance({ results: [] })).toThrow('needs a "port" name');
    expect(() => readConformance({ port: 'p', results: [{ rule: 1 }] })).toThrow('results[0] needs rule, primitive and status strings');
    const html = renderReport({ rows: [], verdictsFrom: 'x', recordings: new Map(), conformance: [one, { port: 'other', results: [{ rule: 'fifo', primitive: 'Lock', status: 'fail' }] }], generatedAt: 'now' });
    expect(html).toContain('<th>mine</th><th>other</th>');
    expect(html).toContain('<td>Lock</td><td>1 pass</td><td>1 fail</td>');
  });
});
