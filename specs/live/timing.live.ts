/**
 * The live run (`npm run test:live`, not part of `npm test`): every timing claim of the ledger,
 * its article example run against the real web service on 127.0.0.1 on the real clock, held
 * to the article's printed time within LIVE_TOLERANCE_MS. The scenarios and figures are the
 * ledger's, the programs are fixtures/article's: the same ones the virtual specs run.
 */
import { EXAMPLES } from '../../fixtures/article/examples';
import { LIVE_NOTE } from '../../fixtures/claims/figures-file';
import { LIVE_TOLERANCE_MS, liveClaims, liveTargetMs, liveWindow, type Claim, type Scenario } from '../../fixtures/claims/ledger';
import { runLive } from '../../fixtures/timeline/run-live';
import { recordFigure } from '../support/figures';

const cases = liveClaims().map((c) => [c.id, c.live.example, (liveTargetMs(c) / 1000).toFixed(6), c] as const);

describe(`the timing claims, live on 127.0.0.1 (tolerance ±${LIVE_TOLERANCE_MS} ms)`, () => {
  test.each(cases)('[%s] %s takes %s s', async (id: string, _example: string, _target: string, c: Claim & { live: Scenario }) => {
    const example = EXAMPLES.find((e) => e.name === c.live.example);
    if (!example) throw new Error(`${id}: the ledger runs ${c.live.example} live, but fixtures/article/examples.ts has no such example`);
    const run = await runLive(example, { service: c.live.service });
    recordFigure(id, Math.round(run.elapsedMs), LIVE_NOTE);
    const [earliest, latest] = liveWindow(c);
    if (run.elapsedMs < earliest || run.elapsedMs > latest) {
      const late = c.liveLateMs ? ` (+${c.liveLateMs} ms late allowed: ${c.liveLateReason})` : '';
      throw new Error(`${id}: ${example.name} took ${run.elapsedMs.toFixed(1)} ms live; the article's ${liveTargetMs(c)} ms ±${LIVE_TOLERANCE_MS} ms${late} allows ${earliest} to ${latest}\n${run.timeline}`);
    }
  });
});
