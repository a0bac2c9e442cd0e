/**
 * Measured figures: a spec that proves a claim reports the figure it measured (virtual ms,
 * a result list...) so the run's report can print it beside the article's. The report reads
 * them; nothing else is typed into it.
 */
import { appendFigure, FIGURES_DIR_ENV } from '../../fixtures/claims/figures-file';
import { claim as ledgerClaim, type Figure } from '../../fixtures/claims/ledger';

export type { Figure };

/**
 * Reports `figure` for `claim` from the running test; the note says what it is. The claims
 * reporter holds it to the ledger's expected figures (the live run's, noted 'live', to the
 * claim's live rule).
 */
export function recordFigure(claim: string, figure: Figure, note?: string): void {
  if (!/^C\d{2}$/.test(claim)) throw new RangeError(`recordFigure(): ${claim} is not a claim id like C05`);
  ledgerClaim(claim); // an id the ledger lacks is a mistake, not a figure
  if (typeof figure === 'number' && !Number.isFinite(figure)) {
    throw new RangeError(`recordFigure(${claim}): ${figure} is not a finite number`);
  }
  const dir = process.env[FIGURES_DIR_ENV];
  if (!dir) return; // no claims reporter in this run: nobody reads figures
  appendFigure(dir, { claim, figure, note, test: expect.getState().currentTestName });
}
