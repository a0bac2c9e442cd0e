/** B. Uncontended Lock: acquire + release with nobody else around, the price of every `async with`. */
import { find, locks } from '../subjects';
import { now, type Scenario } from './scenario';

const N = 300_000;
export const UNCONTENDED_PARAM = '3e5';

export const uncontended: Scenario = {
  id: 'B',
  title: 'uncontended Lock acquire + release',
  unit: 'ns/pair',
  cells: () => locks.map((s) => ({ subject: s.name, kind: s.kind, param: UNCONTENDED_PARAM })),
  python: [UNCONTENDED_PARAM],
  warmups: () => 3,
  reps: () => 9,
  async measure(subject) {
    const lock = await find(locks, subject).make();
    const start = now();
    for (let i = 0; i < N; i++) {
      await lock.acquire();
      lock.release();
    }
    return ((now() - start) * 1e6) / N;
  },
};
