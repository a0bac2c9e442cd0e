/**
 * The article's test web service: every face (the stub's fetch and its nock route on the virtual
 * clock, the real server on 127.0.0.1) satisfies one contract. This is the only spec of `npm test`
 * that uses the real network stack, and only on the loopback address.
 */
import nock from '../../fixtures/service/nock';
import { startServer, type RunningServer } from '../../fixtures/service/server';
import { recordFigure } from '../support/figures';
import { askAll, expectServiceContract, timedGet, timedHttpGet } from '../support/service-contract';
import { useVirtualTime } from '../support/virtual-time';

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
    /**
     * The real server is the same WebService as the stub behind Node's http, so the delay it
     * defaults to (1000 ms) is the stub's, proved above in virtual time; here it is shortened,
     * so that `npm test` waits on no real sleep. The live run checks the 1000 real ms.
     */
    const DELAY_MS = 20;
    let server: RunningServer;
    beforeAll(async () => {
      nock.enableNetConnect('127.0.0.1');
      server = await startServer({ delay: DELAY_MS });
    });
    afterAll(() => server.close());

    test(`[C04] the real server keeps the same contract, on the real clock (its delay shortened to ${DELAY_MS} ms)`, async () => {
      const answers = await askAll(server.url, () => performance.now());
      // Real timers may fire a fraction of a millisecond early, and a loaded machine answers late:
      // the lower bound is what the contract promises; the upper one only catches a hang.
      expectServiceContract(answers, DELAY_MS - 1, 5000);
      expect(server.service.requests).toHaveLength(3);
    });
  });
});
