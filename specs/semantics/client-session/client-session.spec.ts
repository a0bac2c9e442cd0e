/** aiohttp.ClientSession: requests while open, "Session is closed" after, aborts on close. */
import { CancelledError, ClientSession, createTask, SessionClosedError, sleep } from '@port';
import { useVirtualTime } from '../../support/virtual-time';

describe('ClientSession', () => {
  const vt = useVirtualTime();

  test('get() resolves a response with status, json() and text()', async () => {
    const { url } = vt.service();
    const response = await vt.run(async () => {
      await using session = new ClientSession();
      return await session.get(url);
    });
    expect(response.status).toBe(200);
    await expect(response.json()).resolves.toEqual({ msg: 'ok' });
    await expect(response.text()).resolves.toBe('{"msg":"ok"}');
  });

  test('close() marks it closed; a request afterwards rejects with SessionClosedError and sends nothing', async () => {
    const { url, service } = vt.service();
    const session = new ClientSession();
    expect(session.closed).toBe(false);
    await session.close();
    expect(session.closed).toBe(true);
    await expect(vt.run(() => session.get(url))).rejects.toEqual(new SessionClosedError('Session is closed'));
    expect(service.requests).toEqual([]);
  });

  test('leaving an `await using` block closes it', async () => {
    let kept: ClientSession | undefined;
    await vt.run(async () => {
      await using session = new ClientSession();
      kept = session;
    });
    expect(kept!.closed).toBe(true);
  });

  test('closing aborts the requests in flight: they reject with SessionClosedError at that instant', async () => {
    const { url } = vt.service();
    const session = new ClientSession();
    const request = session.get(url);
    request.catch(() => {});
    await vt.run(() => sleep(400));
    await session.close();
    await expect(vt.run(() => request)).rejects.toBeInstanceOf(SessionClosedError);
    expect(vt.now()).toBe(400);
  });

  test('cancelling the task that makes a request aborts it: the task ends cancelled, the session stays open', async () => {
    const { url } = vt.service();
    await using session = new ClientSession();
    const task = createTask((signal) => session.get(url, { signal }));
    await vt.runUntil(300);
    task.cancel();
    await vt.run(() => sleep(0));
    expect(task.cancelled()).toBe(true);
    expect(session.closed).toBe(false);
    expect(() => task.result()).toThrow(CancelledError);
  });
});
