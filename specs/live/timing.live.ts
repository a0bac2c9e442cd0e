/**
 * The live run (`npm run test:live`, not part of `npm test`): every timing claim of the ledger,
 * its article example run against the real web service on 127.0.0.1 on the real clock, and
 * judged by the claim's rule in the ledger (LiveRule): what the article claims of its time, as
 * a ratio to one request's time measured in the same test, and how many of its requests the
 * service had in flight at once, from the service's own arrival and answer times. A loaded
 * machine stretches one request and three alike, so load does not flip a verdict; a port that
 * runs one after another what should overlap, overlaps what should not, or adds a request's
 * time of waiting does. The margin and how it was measured: the ledger, docs/stability.md.
 *
 * [C17] is measured on a started thread pool (the ledger's liveNote says why); test9 as
 * ported is checked for overlap. These specs need the real clock and real workers; their
 * timeouts are in jest.live.config.ts.
 */
import { ThreadPoolExecutor } from '@port';
import { EXAMPLES, type Example } from '../../fixtures/article/examples';
import { main as test9 } from '../../fixtures/article/test9';
import { startServer, type RunningServer } from '../../fixtures/service/server';
import { DEFAULT_DELAY_MS } from '../../fixtures/service/web-service';
import { LIVE_NOTE } from '../../fixtures/claims/figures-file';
import { claim, liveClaims, liveMiss, liveRuleText, type LiveMeasure } from '../../fixtures/claims/ledger';
import { runLive } from '../../fixtures/timeline/run-live';
import { maxInFlight } from '../../fixtures/timeline/timeline';
import { blockTogether } from '../semantics/executors/shipped';
import { recordFigure } from '../support/figures';
import { askAll, expectServiceContract } from '../support/service-contract';

const exampleNamed = (name: string): Example => {
  const example = EXAMPLES.find((e) => e.name === name);
  if (!example) throw new Error(`the ledger runs ${name} live, but fixtures/article/examples.ts has no such example`);
  return example;
};

/** One request's time in this run: test1 with one request, on the same client, on a server of its own. */
const ONE_REQUEST = exampleNamed('test1');
async function oneRequestMs(): Promise<number> {
  return (await runLive(ONE_REQUEST, { params: { requests: 1 } })).elapsedMs;
}

const cases = liveClaims()
  .filter((c) => c.live.example !== 'test9')
  .map((c) => [c.id, c.live.example, liveRuleText(c.live), c] as const);

describe('the timing claims, live on 127.0.0.1: each as its rule, in units of one request of the same run', () => {
  // The first requests of a process pay for loading and compiling the client: not a request's time.
  beforeAll(oneRequestMs);

  test.each(cases)('[%s] %s takes %s', async (id, name, _rule, c) => {
    // One request before and one after the example: their mean is one request's time while it ran.
    const before = await oneRequestMs();
    const run = await runLive(exampleNamed(name), { service: c.live.service });
    const after = await oneRequestMs();
    const measure: LiveMeasure = {
      elapsedMs: run.elapsedMs,
      oneMs: (before + after) / 2,
      inFlight: maxInFlight(run.requests.map((r) => ({ start: r.arrivedAt, end: r.answeredAt }))),
      requests: run.requests.length,
    };
    recordFigure(id, measure, LIVE_NOTE);
    const miss = liveMiss(c.live, measure);
    if (miss) throw new Error(`${id}: ${name} live: ${miss} (one request took ${before.toFixed(0)} ms before it, ${after.toFixed(0)} ms after)\n${run.timeline}`);
  });
});

describe('[C17] live: blocking calls in a thread pool overlap (real threads and processes, on the real clock)', () => {
  const c17 = claim('C17') as ReturnType<typeof liveClaims>[number];
  const { requests: CALLS } = c17.live.rule;
  const CALL_MS = 1000;

  test('[C17] test9 as ported: its three blocking calls did not run one after another (they ended less than two calls\' time apart)', async () => {
    const lines = await test9({ workers: CALLS, print: () => {}, ioMs: CALL_MS });
    const ends = lines.filter((line) => line.startsWith('threading(')).map(doneAt);
    expect(ends).toHaveLength(CALLS);
    // Each blocking call sleeps CALL_MS before it records doneAt. Run one after another, three
    // such calls end at least 2 x CALL_MS apart, whatever the load. Run at once, they end together
    // give or take the boot of their threads, which a loaded machine stretches (1010 ms once at
    // load 27, so "all asleep at one instant" is not something this check can promise: the rule's
    // in-flight count is measured on a started pool, below).
    const spreadMs = Math.max(...ends) - Math.min(...ends);
    if (spreadMs >= (CALLS - 1) * CALL_MS) throw new Error(`the ${CALLS} blocking calls ran one after another: they ended ${spreadMs.toFixed(1)} ms apart, each slept ${CALL_MS} ms`);
  });

  // One call's time in this run: the same calls one after another, over their number.
  test(`[C17] on a started pool, ${CALLS} blocking calls at once take ${liveRuleText(c17.live)}`, async () => {
    const pool = new ThreadPoolExecutor({ maxWorkers: CALLS });
    try {
      // Start every worker first (the calls meet at a barrier), so that boot time is in neither figure.
      const shared = new SharedArrayBuffer(4 * CALLS);
      await Promise.all(Array.from({ length: CALLS }, (_, id) => pool.submit(blockTogether, shared, id, CALLS, 10_000)));
      let started = performance.now();
      for (let i = 0; i < CALLS; i++) await pool.submit(sleepFor, CALL_MS);
      const serialMs = performance.now() - started;
      started = performance.now();
      const calls = await Promise.all(Array.from({ length: CALLS }, () => pool.submit(sleepFor, CALL_MS)));
      const togetherMs = performance.now() - started;
      const measure: LiveMeasure = {
        elapsedMs: togetherMs,
        oneMs: serialMs / CALLS,
        inFlight: maxInFlight(calls.map(([start, end]) => ({ start, end }))),
        requests: calls.length,
      };
      recordFigure('C17', measure, LIVE_NOTE);
      const miss = liveMiss(c17.live, measure);
      if (miss) throw new Error(`C17 live: ${miss} (the same ${CALLS} calls one after another took ${serialMs.toFixed(0)} ms)`);
    } finally {
      await pool.shutdown({ wait: false });
    }
  });
});

describe('[C04] live: the real server, as the article runs it', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  test(`[C04] the real server keeps the service's contract at the article's delay: each answer after at least ${DEFAULT_DELAY_MS} real ms`, async () => {
    const answers = await askAll(server.url, () => performance.now());
    // Real timers may fire a fraction of a millisecond early; the upper bound only catches a hang.
    expectServiceContract(answers, DEFAULT_DELAY_MS - 1, 20 * DEFAULT_DELAY_MS);
    expect(server.service.requests).toHaveLength(3);
  });
});

/**
 * Blocks its worker thread for `ms`, as time.sleep does, and says when it ran: [start, end] in
 * epoch ms, on a clock the pool's threads share (shipped as source: stands alone).
 */
function sleepFor(ms: number): [number, number] {
  const start = performance.timeOrigin + performance.now();
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  return [start, performance.timeOrigin + performance.now()];
}

/** Epoch ms of a test9 line's local `YYYY-MM-DD HH:MM:SS.ffffff` timestamp. */
function doneAt(line: string): number {
  const match = /done at (\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{6})$/.exec(line);
  if (!match) throw new Error(`not a test9 line: ${line}`);
  const [, y, mo, d, h, mi, s, us] = match.map(Number) as number[];
  return new Date(y!, mo! - 1, d!, h!, mi!, s!).getTime() + us! / 1000;
}
