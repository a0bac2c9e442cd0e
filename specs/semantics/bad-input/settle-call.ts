/**
 * How a call with bad input ends, whether it throws at once or returns a promise that
 * rejects: the bad-input tables expect a typed error either way (the contract allows both),
 * or asyncio's behaviour, and never a hang (virtual time reports a promise that can never
 * settle) or an untyped crash.
 */
import type { VirtualTime } from '../../support/virtual-time';

export type Ending = { ok: true; value: unknown } | { ok: false; error: unknown };

export async function endingOf(vt: VirtualTime, call: () => unknown): Promise<Ending> {
  let returned: unknown;
  try {
    returned = call();
  } catch (error) {
    return { ok: false, error };
  }
  if (returned === null || typeof (returned as PromiseLike<unknown>)?.then !== 'function') return { ok: true, value: returned };
  try {
    return { ok: true, value: await vt.run(() => returned as PromiseLike<unknown>) };
  } catch (error) {
    return { ok: false, error };
  }
}

/** What a row expects: an error of that class whose message matches, or a normal return. */
export type Expected = { error: abstract new (...args: never[]) => Error; message?: RegExp } | 'returns';

export function expectEnding(ending: Ending, expected: Expected): void {
  if (expected === 'returns') {
    expect(ending).toMatchObject({ ok: true });
    return;
  }
  expect(ending.ok).toBe(false);
  const { error } = ending as { error: unknown };
  expect(error).toBeInstanceOf(expected.error);
  if (expected.message) expect((error as Error).message).toMatch(expected.message);
}
