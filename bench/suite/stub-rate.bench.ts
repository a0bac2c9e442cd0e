/**
 * H. stubbed requests per wall second: [C16]'s shape (test8, 1000 tasks behind Semaphore(2),
 * each sending one request to the nock stub that answers after 10 virtual ms) on the spec
 * harness, timed on the real clock. One warm-up run, then REPS timed runs; writes one JSON line
 * per timed run to BENCH_STUB_FILE. Run by bench/suite/suite.ts with jest.stub.config.cjs only.
 */
import fs from 'node:fs';
import { main as test8 } from '../../fixtures/article/test8';
import { useVirtualTime } from '../../specs/support/virtual-time';

const REQUESTS = 1000;
const REPS = 3;

describe('stubbed requests on the virtual clock', () => {
  const vt = useVirtualTime();

  test.each(Array.from({ length: REPS + 1 }, (_, i) => [i]))('run %i', async (rep: number) => {
    const { service } = vt.service({ delay: 10 });
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint(); // hrtime is not faked by the harness
    await vt.run(() => test8({ url: 'http://web.test/', workers: REQUESTS, print: () => {} }));
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    const used = process.cpuUsage(cpu);
    expect(service.requests).toHaveLength(REQUESTS);
    if (rep === 0 || !process.env.BENCH_STUB_FILE) return; // the warm-up
    fs.appendFileSync(process.env.BENCH_STUB_FILE, JSON.stringify({ requests: REQUESTS, wallMs, cpuMs: (used.user + used.system) / 1000 }) + '\n');
  }, 120_000);
});
