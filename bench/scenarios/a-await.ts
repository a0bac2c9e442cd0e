/** A. The physical limit: what one `await` of an already-resolved promise costs. */
import { now, type Scenario } from './scenario';

const N = 1_000_000;

export const awaitLimit: Scenario = {
  id: 'A',
  title: 'await of a resolved promise (the physical limit)',
  unit: 'ns/await',
  cells: () => [{ subject: 'bare await (limit)', kind: 'limit', param: '1e6' }],
  python: ['done-future', 'sleep0'],
  warmups: () => 3,
  reps: () => 9,
  async measure() {
    const resolved = Promise.resolve();
    const start = now();
    for (let i = 0; i < N; i++) await resolved;
    return ((now() - start) * 1e6) / N;
  },
};
