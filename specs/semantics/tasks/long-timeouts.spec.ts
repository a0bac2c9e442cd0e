/**
 * Contract rule (issue 12, item 9): a delay or a limit means what it says. Node runs a timer of
 * 2^31 ms or more (and Infinity) after 1 ms; asyncio waits that long, or forever. Negative is
 * already due, as in asyncio; NaN is refused (3.13's sleep raises ValueError; a RangeError
 * here). Checked on CPython 3.12.1 and 3.13.0 (docs/contract-notes/cpython/tasks_timeouts.py).
 */
import { createTask, Future, sleep, TimeoutError, wait, waitFor } from '@port';
import { useVirtualTime } from '../../support/virtual-time';

const LIMIT = 2 ** 31;

describe('[timeouts.huge] long and infinite delays wait that long, or forever', () => {
  const vt = useVirtualTime();

  test.each([LIMIT - 1, LIMIT, LIMIT + 10, 3 * LIMIT + 7])('sleep(%p) resolves exactly that many ms later, not after 1 ms', async (ms) => {
    await expect(vt.run(() => sleep(ms, 'woke'))).resolves.toBe('woke');
    expect(vt.now()).toBe(ms);
  });

  test('sleep(Infinity) never resolves and holds no timer; only its signal ends it', async () => {
    const controller = new AbortController();
    let settled = false;
    const sleeping = sleep(Infinity, 'never', { signal: controller.signal }).finally(() => (settled = true));
    await vt.runUntilIdle();
    expect([settled, vt.pendingTimers()]).toEqual([false, 0]);
    controller.abort();
    await expect(sleeping).rejects.toThrow();
  });

  test('wait({ timeout }) of 2^31 ms or more returns at that instant with the future still pending', async () => {
    const future = new Future<number>();
    const { done, pending } = await vt.run(() => wait([future], { timeout: LIMIT + 5 }));
    expect(vt.now()).toBe(LIMIT + 5);
    expect([done.size, pending.size]).toEqual([0, 1]);
  });

  test('wait({ timeout: Infinity }) waits until the futures are done', async () => {
    const task = createTask((signal) => sleep(5 * LIMIT, 'late', { signal }));
    const { done } = await vt.run(() => wait([task], { timeout: Infinity }));
    expect(done.has(task)).toBe(true);
    expect(vt.now()).toBe(5 * LIMIT);
  });

  test('waitFor(aw, 2^32) times out at exactly 2^32 ms; waitFor(aw, Infinity) waits for the result', async () => {
    const slow = createTask((signal) => sleep(10 * LIMIT, 'late', { signal }));
    await expect(vt.run(() => waitFor(slow, 2 * LIMIT))).rejects.toBeInstanceOf(TimeoutError);
    expect(vt.now()).toBe(2 * LIMIT);
    await expect(vt.run(() => waitFor((signal: AbortSignal) => sleep(LIMIT, 'in the end', { signal }), Infinity))).resolves.toBe('in the end');
    expect(vt.now()).toBe(3 * LIMIT);
  });
});

describe('[timeouts.huge] negative delays are already due, as in asyncio', () => {
  const vt = useVirtualTime();

  test('sleep(-5) resolves at the same instant, after one turn, like sleep(0)', async () => {
    await expect(vt.run(() => sleep(-5, 'now'))).resolves.toBe('now');
    expect(vt.now()).toBe(0);
  });

  test('wait({ timeout: -1 }) returns at the same instant with what is done so far', async () => {
    const future = new Future<number>();
    const { pending } = await vt.run(() => wait([future], { timeout: -1 }));
    expect([pending.size, vt.now(), vt.pendingTimers()]).toEqual([1, 0, 0]);
  });

  // CPython 3.12.1 and 3.13.0: wait([t], timeout=0) and timeout=-1 report a task that returns in
  // its first step as done: the time-out's timer runs after the callbacks already queued.
  test.each([0, -1])('wait({ timeout: %p }) still waits one turn, like sleep(0): a task that finishes in its first step is done', async (timeout) => {
    const quick = createTask(async () => 'at once');
    const { done, pending } = await vt.run(() => wait([quick], { timeout }));
    expect([done.has(quick), pending.size, vt.now(), vt.pendingTimers()]).toEqual([true, 0, 0, 0]);
  });
});
