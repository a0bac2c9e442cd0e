/**
 * The claim ledger against the specs: every testable claim has a spec carrying its id, no
 * spec carries an id the ledger lacks, and every claim with an expected figure has a spec that
 * reports one. Titles here carry no claim id on purpose: they are about the ledger itself.
 */
import path from 'node:path';
import { CLAIMS, LIVE_RATIO_MARGIN, liveClaims } from '../../fixtures/claims/ledger';
import { DEFAULT_DELAY_MS } from '../../fixtures/service/web-service';
import { scanSource, scanSpecs } from '../../fixtures/claims/scan';

const SPECS_ROOT = path.join(__dirname, '..');
const scanned = scanSpecs(SPECS_ROOT);
const filesCarrying = (id: string, kind: 'tests' | 'figures'): string[] =>
  [...scanned].filter(([, ids]) => ids[kind].includes(id)).map(([file]) => file);

const testable = CLAIMS.filter((c) => c.kind === 'testable').map((c) => c.id);
const withFigures = CLAIMS.filter((c) => (c.expected ?? []).length > 0).map((c) => c.id);

describe('the claim ledger', () => {
  test('lists the claims C01, C02, ... in order, each once', () => {
    expect(CLAIMS.map((c) => c.id)).toEqual(CLAIMS.map((_, i) => `C${String(i + 1).padStart(2, '0')}`));
  });

  test('gives every claim its section and a paraphrase in English and in Chinese', () => {
    for (const c of CLAIMS) {
      expect([c.id, c.section.trim(), c.sectionZh.trim(), c.claim.trim(), c.claimZh.trim()]).not.toContain('');
    }
  });

  test('holds opinions to nothing: no expected figure, no live run', () => {
    for (const c of CLAIMS.filter((x) => x.kind === 'opinion')) expect([c.id, c.expected, c.live]).toEqual([c.id, undefined, undefined]);
  });

  test('runs live every claim the article timed', () => {
    const timed = CLAIMS.filter((c) => c.articleMs !== undefined);
    expect(timed.filter((c) => c.live === undefined).map((c) => c.id)).toEqual([]);
  });

  test('states live rules that a whole request\'s time, more or less, always breaks', () => {
    // Below 1: a run that took one request's time more or less than its rule falls outside.
    expect(LIVE_RATIO_MARGIN).toBeGreaterThan(0);
    expect(LIVE_RATIO_MARGIN).toBeLessThan(1);
    for (const { id, live } of liveClaims()) {
      const { requests, inFlight, ones } = live.rule;
      expect([id, Number.isInteger(requests) && requests >= 1, Number.isInteger(inFlight) && inFlight >= 1 && inFlight <= requests, ones > 0]).toEqual([id, true, true, true]);
    }
  });

  test('states each live rule as the exact virtual time says: `ones` delays of the service are the expected virtual ms', () => {
    for (const c of liveClaims().filter((x) => x.expected !== undefined)) {
      const virtualMs = c.expected!.find((f): f is number => typeof f === 'number')!;
      // The scenarios of test6 and test7 answer 1 or 2 ms apart, so their virtual time is 1001 or 1002.
      expect([c.id, Math.abs(c.live.rule.ones * DEFAULT_DELAY_MS - virtualMs) <= 2]).toEqual([c.id, true]);
    }
  });
});

describe('the specs against the ledger', () => {
  test.each(testable)('%s (testable) has a spec whose title starts with its id', (id) => {
    if (filesCarrying(id, 'tests').length === 0) {
      throw new Error(`${id} is testable, but no test in specs/**/*.spec.ts has a title starting with [${id}]`);
    }
  });

  test('no spec title carries an id the ledger lacks', () => {
    const known = new Set<string>(CLAIMS.map((c) => c.id));
    const unknown = [...scanned].flatMap(([file, ids]) => [...ids.titles, ...ids.figures].filter((id) => !known.has(id)).map((id) => `${file}: ${id}`));
    expect(unknown).toEqual([]);
  });

  test('no spec carries the id of an opinion', () => {
    const opinions = new Set<string>(CLAIMS.filter((c) => c.kind === 'opinion').map((c) => c.id));
    const found = [...scanned].flatMap(([file, ids]) => ids.titles.filter((id) => opinions.has(id)).map((id) => `${file}: ${id}`));
    expect(found).toEqual([]);
  });

  test.each(withFigures)('%s has a spec that reports its figure with recordFigure()', (id) => {
    if (filesCarrying(id, 'figures').length === 0) {
      throw new Error(`the ledger expects a figure for ${id}, but no spec calls recordFigure('${id}', ...)`);
    }
  });
});

// The scanner is what makes the checks above able to fail: it must see what jest would run.
describe('the spec scanner', () => {
  test('finds the ids at the start of test, it and describe titles, with modifiers and any quotes', () => {
    const source = [
      `test('[C05] three in a row', () => {});`,
      `it.skip("[C06][C07] both", () => {});`,
      'test.each([1, 2])(`[C09] wait %s`, () => {});',
      `describe('[C12] lock', () => {});`,
      `test('about [C13], not starting with it', () => {});`,
      `recordFigure('C15', vt.now());`,
    ].join('\n');
    expect(scanSource(source)).toEqual({ tests: ['C05', 'C06', 'C07', 'C09'], titles: ['C05', 'C06', 'C07', 'C09', 'C12'], figures: ['C15'] });
  });

  test('sees a spec lose its id', () => {
    expect(scanSource(`test('three in a row', () => {});`).tests).toEqual([]);
  });
});
