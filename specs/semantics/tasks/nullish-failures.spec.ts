/**
 * Contract rule (issue 12, item 10): JavaScript may throw anything, undefined and null included
 * (`Promise.reject()`, `throw undefined`); asyncio can only raise exceptions. Such a failure is
 * still a failure: Future.exception() reports it (never undefined, which means "no exception"),
 * gather fails with it, and wait(FIRST_EXCEPTION) returns on it. The reference port keeps the
 * reason in a NullishFailureError (a reference-port choice; the rule is only that it is a failure).
 */
import { createTask, ensureFuture, Future, gather, NullishFailureError, sleep, wait } from '@port';
import { useVirtualTime } from '../../support/virtual-time';

const NULLISH = [undefined, null] as const;

describe('[failures.any-value] failures whose reason is undefined or null are failures', () => {
  const vt = useVirtualTime();

  test.each(NULLISH)('Future.setException(%p): exception() is an error, not undefined, and result() throws it', (reason) => {
    const future = new Future<number>();
    future.setException(reason);
    const error = future.exception();
    expect(error).toBeInstanceOf(Error);
    expect((error as { reason?: unknown }).reason).toBe(reason);
    expect(() => future.result()).toThrow(error as Error);
  });

  test.each(NULLISH)('a coroutine that throws %p fails its task', async (reason) => {
    const task = createTask(async () => {
      await sleep(1);
      throw reason;
    });
    await vt.run(() => sleep(2));
    expect(task.cancelled()).toBe(false);
    expect(task.exception()).toBeInstanceOf(Error);
  });

  test.each(NULLISH)('gather fails at once when a child rejects with %p, instead of waiting or resolving', async (reason) => {
    const slow = createTask((signal) => sleep(100, 'slow', { signal }));
    await expect(vt.run(() => gather([Promise.reject(reason), slow]))).rejects.toBeInstanceOf(Error);
    expect(vt.now()).toBe(0);
    await vt.run(() => slow);
  });

  test.each(NULLISH)('wait(FIRST_EXCEPTION) returns when a future fails with %p', async (reason) => {
    const failing = ensureFuture(sleep(10).then(() => Promise.reject(reason)));
    const slow = createTask((signal) => sleep(100, 'slow', { signal }));
    const { done, pending } = await vt.run(() => wait([failing, slow], { returnWhen: 'FIRST_EXCEPTION' }));
    expect(vt.now()).toBe(10);
    expect([done.has(failing), pending.has(slow)]).toEqual([true, true]);
    expect(failing.exception()).toBeInstanceOf(Error);
    await vt.run(() => slow);
  });
});

describe('[extra] reference-port choice: the NullishFailureError says what the reason was', () => {
  test.each(NULLISH)('a failure with %p names it in its message ("failed with ... as its reason") and keeps it as `reason`', (reason) => {
    const future = new Future<number>();
    future.setException(reason);
    const error = future.exception();
    expect(error).toBeInstanceOf(NullishFailureError);
    expect((error as NullishFailureError).message).toBe(`failed with ${String(reason)} as its reason`);
    expect((error as NullishFailureError).reason).toBe(reason);
  });
});
