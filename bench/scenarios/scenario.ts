/** What every scenario file exports: its cells and how to measure one repetition of one cell. */
import type { Kind } from '../subjects';

export interface Cell {
  subject: string;
  kind: Kind;
  /** The scenario's size or variant ("1e5", "waiter"...); cells are compared within one param. */
  param: string;
}

export interface Scenario {
  id: string;
  title: string;
  /** Unit of one figure, e.g. "ns/await" or "bytes/waiter". */
  unit: string;
  /** Lower is better for every figure here (time or memory). */
  cells(): Cell[];
  /** The params the CPython script runs for this scenario (none: no CPython row). */
  python: string[];
  /** One repetition of one cell: the figure, in `unit`. */
  measure(subject: string, param: string): Promise<number>;
  warmups: (param: string) => number;
  reps: (param: string) => number;
  /** A cell stops repeating after this much of its own time (at least one repetition runs). */
  softBudgetMs?: number;
  /** A cell still running after this long is killed and reported as "> budget". */
  hardBudgetMs?: number;
}

export const now = (): number => performance.now();

/** One real turn of the event loop: every queued microtask (and what it queues) has run. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run with node --expose-gc (npm run bench does)');
  collect();
}

export function parseCount(param: string): number {
  const n = Number(param);
  if (!Number.isSafeInteger(n) || n <= 0) throw new RangeError(`not a count: ${param}`);
  return n;
}
