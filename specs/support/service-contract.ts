/**
 * What every face of the article's test web service (web.py) must do, and how a spec asks it:
 * the stub and its nock route on the virtual clock (specs/article/web-service.spec.ts), the real
 * server on the real clock (there, shortened, and in the live run at the article's 1000 ms).
 */
import http from 'node:http';

export interface Timed {
  status: number;
  body: unknown;
  /** How long the answer took, on the face's own clock. */
  ms: number;
}

/** What every face of web.py must do; `get` requests a path and times it on that face's clock. */
export function expectServiceContract(answers: { root: Timed; random: Timed; missing: Timed }, minMs: number, maxMs: number): void {
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

export async function timedGet(url: string, now: () => number): Promise<Timed> {
  const started = now();
  const response = await fetch(url);
  const body: unknown = await response.json();
  return { status: response.status, body, ms: now() - started };
}

/** The same request sent through `node:http`, which only nock answers (a port may not use fetch). */
export function timedHttpGet(url: string, now: () => number): Promise<Timed> {
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

export async function askAll(base: string, now: () => number, get = timedGet): Promise<{ root: Timed; random: Timed; missing: Timed }> {
  const [root, random, missing] = await Promise.all(
    ['/', '/random', '/nowhere'].map((path) => get(new URL(path, base).href, now)),
  );
  return { root: root!, random: random!, missing: missing! };
}
