/**
 * Measured figures: a spec that proves a claim reports the figure it measured (virtual ms,
 * a result list...) so the run's report can print it beside the article's. The report reads
 * them; nothing else is typed into it.
 */
import fs from 'node:fs';
import path from 'node:path';

export type Figure = string | number | boolean | readonly unknown[];

/** Where figures go: one JSON line each, in the folder the reporter names (none: not kept). */
const FIGURES_DIR_ENV = 'CLAIM_FIGURES_DIR';

export function recordFigure(claim: string, figure: Figure, note?: string): void {
  if (!/^C\d{2}$/.test(claim)) throw new Error(`recordFigure(): ${claim} is not a claim id like C05`);
  const dir = process.env[FIGURES_DIR_ENV];
  if (!dir) return;
  const line = JSON.stringify({ claim, figure, note, test: expect.getState().currentTestName }) + '\n';
  fs.appendFileSync(path.join(dir, `figures-${process.pid}.jsonl`), line);
}
