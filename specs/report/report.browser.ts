/**
 * The HTML report in a real browser (reference-port extra: it checks the project's own report,
 * no contract rule). Debian's Chromium, driven by playwright-core, opens the page
 * `npm run report` wrote and checks what a reader sees: no console error, no request leaving
 * the page, one section per claim, and each example's timeline with the bars its run must
 * have, drawn to scale (the serial example end to end, the concurrent one overlapping). It
 * writes the screenshot the README shows. browser-setup.ts stops the run first, in one line,
 * when the browser or the page is missing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CLAIMS } from '../../fixtures/claims/ledger';
import { CHROMIUM, REPORT, SCREENSHOT } from './paths';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The bars each example's timeline must have, by kind: what its run does, counted by hand. */
const BARS: Record<string, Record<string, number>> = {
  test1: { request: 3 },
  test2: { request: 3 },
  'test2-nosleep': {},
  test3: { request: 3 },
  test4: { request: 3 },
  test5: { request: 3, hold: 3 },
  test6: { request: 3, wait: 4 },
  test7: { request: 3, wait: 3 },
  test8: { request: 3, hold: 3 },
  test9: { call: 7 },
};

interface Bar {
  kind: string;
  start: number;
  end: number;
  /** Rendered geometry, in CSS px. */
  left: number;
  right: number;
  title: string;
}

describe('the HTML report, in headless Chromium', () => {
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  const consoleErrors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'report-chromium-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1100, height: 900 } });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`file://${REPORT}`, { waitUntil: 'load' });
  });

  afterAll(async () => {
    await context?.close();
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
  });

  const barsOf = (example: string): Promise<Bar[]> =>
    page.$$eval(`svg.timeline[data-example="${example}"] rect.bar`, (rects) =>
      rects.map((rect) => {
        const box = rect.getBoundingClientRect();
        return {
          kind: rect.getAttribute('data-kind') ?? '',
          start: Number(rect.getAttribute('data-start')),
          end: Number(rect.getAttribute('data-end')),
          left: box.left,
          right: box.right,
          title: rect.querySelector('title')?.textContent ?? '',
        };
      }),
    );

  test('loads with no console error and asks for nothing beyond the page itself', () => {
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([`file://${REPORT}`]);
  });

  test('has one section per claim, in the ledger\'s order, each with its verdict', async () => {
    const sections = await page.$$eval('section.claim', (nodes) => nodes.map((n) => [n.getAttribute('data-claim'), n.getAttribute('data-verdict')]));
    expect(sections.map(([id]) => id)).toEqual(CLAIMS.map((c) => c.id));
    for (const [, verdict] of sections) expect(['pass', 'FAIL', 'mismatch', 'no figure', 'not run', 'opinion']).toContain(verdict);
  });

  test.each(Object.entries(BARS))('%s: its timeline has the bars its run must have, each titled with its event', async (example, expected) => {
    const bars = await barsOf(example);
    const counted: Record<string, number> = {};
    for (const bar of bars) counted[bar.kind] = (counted[bar.kind] ?? 0) + 1;
    expect(counted).toEqual(expected);
    for (const bar of bars) expect(bar.title).toMatch(/ from [\d.]+ to [\d.]+ /);
  });

  test('every bar is as wide as the ms it lasted, at one scale for the whole page', async () => {
    const scales = await page.$$eval('svg.timeline', (svgs) => svgs.map((svg) => Number(svg.getAttribute('data-px-per-ms'))));
    const scale = scales[0]!;
    expect(scales.every((s) => s === scale)).toBe(true);
    for (const example of Object.keys(BARS)) {
      for (const bar of await barsOf(example)) expect(bar.right - bar.left).toBeCloseTo((bar.end - bar.start) * scale, 0);
    }
  });

  test('test1 (serial): three 1000 ms bars end to end', async () => {
    const bars = (await barsOf('test1')).filter((b) => b.kind === 'request');
    expect(bars.map((b) => [b.start, b.end])).toEqual([[0, 1000], [1000, 2000], [2000, 3000]]);
    expect(bars[1]!.left).toBeCloseTo(bars[0]!.right, 0);
    expect(bars[2]!.left).toBeCloseTo(bars[1]!.right, 0);
    expect(bars[1]!.right - bars[1]!.left).toBeCloseTo(bars[0]!.right - bars[0]!.left, 0);
  });

  test('test4 (concurrent): three 1000 ms bars on top of each other', async () => {
    const bars = (await barsOf('test4')).filter((b) => b.kind === 'request');
    expect(bars.map((b) => [b.start, b.end])).toEqual([[0, 1000], [0, 1000], [0, 1000]]);
    for (const bar of bars.slice(1)) {
      expect(bar.left).toBeCloseTo(bars[0]!.left, 0);
      expect(bar.right).toBeCloseTo(bars[0]!.right, 0);
    }
  });

  test('test8 (Semaphore(2)): two bars at once, the third starting where they end', async () => {
    const bars = (await barsOf('test8')).filter((b) => b.kind === 'request');
    expect(bars.map((b) => [b.start, b.end])).toEqual([[0, 1000], [0, 1000], [1000, 2000]]);
    expect(bars[2]!.left).toBeCloseTo(bars[0]!.right, 0);
  });

  test('writes the screenshot the README shows', async () => {
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    // test6's claim: its figures, and a timeline with requests, waits and wake-ups.
    await page.evaluate('window.scrollTo(0, 0)');
    const box = (await page.locator('#C13').boundingBox())!;
    await page.screenshot({ path: SCREENSHOT, fullPage: true, clip: { x: 0, y: Math.max(0, box.y - 8), width: 1100, height: 650 } });
    expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(1000);
  });
});
