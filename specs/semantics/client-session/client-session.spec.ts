/**
 * aiohttp.ClientSession: requests while open, "Session is closed" after, aborts on close; a
 * request's own signal cancels it like any call that can wait (CancelledError).
 */
import { getEventListeners } from 'node:events';
import { CancelledError, ClientSession, createTask, ServerDisconnectedError, SessionClosedError, sleep } from '@port';
import { useVirtualTime } from '../../support/virtual-time';

describe('ClientSession', () => {
  const vt = useVirtualTime();

  test('[client-session.get] get() resolves a response with status, json() and text()', async () => {
    const { url } = vt.service();
    const response = await vt.run(async () => {
      await using session = new ClientSession();
      return await session.get(url);
    });
    expect(response.status).toBe(200);
    await expect(response.json()).resolves.toEqual({ msg: 'ok' });
    await expect(response.text()).resolves.toBe('{"msg":"ok"}');
  });

  test('[client-session.closed] close() marks it closed; a request afterwards rejects with SessionClosedError and sends nothing', async () => {
    const { url, service } = vt.service();
    const session = new ClientSession();
    expect(session.closed).toBe(false);
    await session.close();
    expect(session.closed).toBe(true);
    await expect(vt.run(() => session.get(url))).rejects.toEqual(new SessionClosedError('Session is closed'));
    expect(service.requests).toEqual([]);
  });

  test('[client-session.closed] leaving an `await using` block closes it', async () => {
    let kept: ClientSession | undefined;
    await vt.run(async () => {
      await using session = new ClientSession();
      kept = session;
    });
    expect(kept!.closed).toBe(true);
  });

  test('[client-session.close-in-flight] closing aborts the requests in flight: they reject at that instant with ServerDisconnectedError ("Server disconnected"), as aiohttp 3.12.4+ does, not SessionClosedError', async () => {
    const { url } = vt.service();
    const session = new ClientSession();
    const request = session.get(url);
    request.catch(() => {});
    await vt.run(() => sleep(400));
    await session.close();
    await expect(vt.run(() => request)).rejects.toEqual(new ServerDisconnectedError('Server disconnected'));
    await expect(request).rejects.not.toBeInstanceOf(SessionClosedError);
    expect(vt.now()).toBe(400);
  });

  test('[client-session.cancel] cancelling the task that makes a request aborts it: the task ends cancelled, the session stays open', async () => {
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

  describe('[client-session.cancel] a request with its own signal', () => {
    test('aborting it rejects that request with CancelledError at that instant; the session stays open', async () => {
      const { url } = vt.service();
      await using session = new ClientSession();
      const controller = new AbortController();
      const request = session.get(url, { signal: controller.signal });
      request.catch(() => {});
      await vt.runUntil(300);
      controller.abort();
      await expect(vt.run(() => request)).rejects.toBeInstanceOf(CancelledError);
      expect(vt.now()).toBe(300);
      expect(session.closed).toBe(false);
      expect((await vt.run(() => session.get(url))).status).toBe(200);
    });

    test('a signal already aborted rejects with CancelledError and sends nothing', async () => {
      const { url, service } = vt.service();
      await using session = new ClientSession();
      await expect(session.get(url, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(CancelledError);
      expect(service.requests).toEqual([]);
    });

    test('the first to abort decides the error: close() then the signal is ServerDisconnectedError, the signal then close() is CancelledError', async () => {
      const { url } = vt.service();
      const closedFirst = new ClientSession();
      const cancelledFirst = new ClientSession();
      const first = new AbortController();
      const second = new AbortController();
      const closing = closedFirst.get(url, { signal: first.signal });
      const cancelling = cancelledFirst.get(url, { signal: second.signal });
      closing.catch(() => {});
      cancelling.catch(() => {});
      await vt.runUntil(300);
      await closedFirst.close();
      first.abort();
      second.abort();
      await cancelledFirst.close();
      await expect(vt.run(() => closing)).rejects.toBeInstanceOf(ServerDisconnectedError);
      await expect(vt.run(() => cancelling)).rejects.toBeInstanceOf(CancelledError);
    });

    test('[client-session.get] a request that fails for another reason rejects with that failure, neither cancelled nor closed', async () => {
      vt.service();
      await using session = new ClientSession();
      // Nothing answers at this host, and the harness lets no request out.
      const failure = await vt.run(() => session.get('http://nowhere.test/', { signal: new AbortController().signal })).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(Error);
      expect(failure).not.toBeInstanceOf(CancelledError);
      expect(failure).not.toBeInstanceOf(SessionClosedError);
      expect(failure).not.toBeInstanceOf(ServerDisconnectedError);
      expect(session.closed).toBe(false);
    });

    test('[signal.listeners] a request that ended, answered or aborted, leaves no listener on its signal', async () => {
      const { url } = vt.service();
      await using session = new ClientSession();
      const controller = new AbortController();
      await vt.run(() => session.get(url, { signal: controller.signal }));
      const aborted = new AbortController();
      const request = session.get(url, { signal: aborted.signal });
      request.catch(() => {});
      await vt.runUntil(vt.now() + 100);
      aborted.abort();
      await expect(vt.run(() => request)).rejects.toBeInstanceOf(CancelledError);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
      expect(getEventListeners(aborted.signal, 'abort')).toHaveLength(0);
    });
  });
});
