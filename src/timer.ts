/**
 * Node runs a timer of 2^31 ms or more (and Infinity) after 1 ms, with a warning. asyncio waits
 * that long. So a long delay is chained in steps below the limit, and Infinity sets no timer:
 * only a cancellation ends such a wait. `setTimeout` is looked up at call time, so a virtual
 * clock installed after this module loaded is used.
 */
const LONGEST = 2 ** 31 - 1;

export interface Timer {
  clear(): void;
}

const NO_TIMER: Timer = { clear() {} };

/** Calls `fn` once `ms` milliseconds have passed (ms > 0); Infinity never calls it. */
export function setLongTimeout(fn: () => void, ms: number): Timer {
  if (ms === Infinity) return NO_TIMER;
  let id: ReturnType<typeof setTimeout>;
  const arm = (left: number): void => {
    id = left > LONGEST ? setTimeout(() => arm(left - LONGEST), LONGEST) : setTimeout(fn, left);
  };
  arm(ms);
  return { clear: () => clearTimeout(id) };
}

/**
 * A delay in milliseconds, checked as asyncio checks one: a number, not NaN (3.13's sleep raises
 * ValueError for NaN; a RangeError here). Negative means already due, as in asyncio.
 */
export function checkDelay(what: string, ms: unknown): asserts ms is number {
  if (typeof ms !== 'number') throw new TypeError(`${what} must be a number of milliseconds, got ${describeValue(ms)}`);
  if (Number.isNaN(ms)) throw new RangeError(`${what} must be a number of milliseconds, got NaN`);
}

function describeValue(value: unknown): string {
  return value === null ? 'null' : typeof value;
}
