/**
 * The article's test web service: every face (the stub's fetch and its nock route on the virtual
 * clock, the real server on 127.0.0.1) satisfies one contract. This is the only spec that uses the real network
 * stack, and only on the loopback address.
 */
import http from 'node:http';
import nock from '../../fixtures/service/nock';
import { startServer, type RunningServer } from '../../fixtures/service/server';
import { recordFigure } from '../support/figures';
import { useVirtualTime } from '../support/virtual-time';

interface Timed {
  status: number;
  body: unknown;
  /** How long the answer took, on the face's own clock. */
  ms: number;
}

/** What every face of web.py must do; `get` requests a path and times it on that face's clock. */
function expectServiceContract(answers: { root: Timed; random: Timed; missing: Timed }, minMs: number, maxMs: number): void {
  const { root, random, missing } = answers;
  expect(root.status).toBe(200);
  expect(root.body).toEqual({ msg: 'ok' });
  expect(random.status).toBe(200);
  expect(random.body).toEqual({ msg: expect.any(Number) });
  const x = (random.body as { msg: number }).msg;
  expect(x).toBeGreaterThanOrEqual(0);
  expect(x).toBeLessThan(1);
  for (const { ms } of [root, random]) {
    expect(ms).toBeGreaterThanOrEqual(minMs);
    expect(ms).toBeLessThanOrEqual(maxMs);
  }
  expect(missing.status).toBe(404);
}

async function timedGet(url: string, now: () => number): Promise<Timed> {
  const started = now();
  const response = await fetch(url);
  const body: unknown = await response.json();
  return { status: response.status, body, ms: now() - started };
}

/** The same request sent through `node:http`, which only nock answers (a port may not use fetch). */
function timedHttpGet(url: string, now: () => number): Promise<Timed> {
  const started = now();
  return new Promise((resolve, reject) => {
    http
      .get(url, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(text), ms: now() - started }));
      })
      .on('error', reject);
  });
}

async function askAll(base: string, now: () => number, get = timedGet): Promise<{ root: Timed; random: Timed; missing: Timed }> {
  const [root, random, missing] = await Promise.all(
    ['/', '/random', '/nowhere'].map((path) => get(new URL(path, base).href, now)),
  );
  return { root: root!, random: random!, missing: missing! };
}

describe('the test web service (web.py)', () => {
  describe('stubbed, on the virtual clock', () => {
    const vt = useVirtualTime();

    test('[C04] GET / answers {"msg":"ok"} and GET /random a number in [0, 1), each after exactly 1000 ms', async () => {
      const { url } = vt.service();
      const answers = await vt.run(() => askAll(url, () => vt.now()));
      expectServiceContract(answers, 1000, 1000);
      recordFigure('C04', answers.root.ms, 'stub, virtual ms');
    });

    test('[C04] its nock face, for a port that sends requests through node:http, answers the same, after the same 1000 ms', async () => {
      const { url, service } = vt.service();
      const answers = await vt.run(() => askAll(url, () => vt.now(), timedHttpGet));
      expectServiceContract(answers, 1000, 1000);
      expect(service.requests.map((request) => request.path)).toEqual(['/', '/random', '/nowhere']);
    });

    test('[C04] the stub replays given /random answers and per-request delays, in arrival order', async () => {
      const { url, service } = vt.service({ delay: [1200, 1000], random: [0.25, 0.75] });
      const [first, second] = await vt.run(() =>
        Promise.all([timedGet(new URL('/random', url).href, () => vt.now()), timedGet(new URL('/random', url).href, () => vt.now())]),
      );
      expect([first!.body, first!.ms]).toEqual([{ msg: 0.25 }, 1200]);
      expect([second!.body, second!.ms]).toEqual([{ msg: 0.75 }, 1000]);
      expect(service.requests.map(({ path, arrivedAt, answeredAt }) => [path, arrivedAt, answeredAt])).toEqual([
        ['/random', 0, 1200],
        ['/random', 0, 1000],
      ]);
    });
  });

  describe('real, on 127.0.0.1 and the real clock', () => {
    let server: RunningServer;
    beforeAll(async () => {
      nock.enableNetConnect('127.0.0.1');
      server = await startServer();
    });
    afterAll(() => server.close());

    test('[C04] the real server keeps the same contract (answers take at least 1000 real ms)', async () => {
      const answers = await askAll(server.url, () => performance.now());
      // Real timers may fire a fraction of a millisecond early, and a loaded machine answers late:
      // the lower bound is what the contract promises; the upper one only catches a hang.
      expectServiceContract(answers, 999, 5000);
      expect(server.service.requests).toHaveLength(3);
    });
  });
});
