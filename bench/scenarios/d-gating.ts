/**
 * D. Semaphore(2) gating N tasks (acquire, await one resolved promise, release), N up to 1e6.
 * Flat ns per task means linear total cost; a queue that shift()s a long array is not flat.
 */
import { find, gates } from '../subjects';
import { now, parseCount, type Scenario } from './scenario';

const VALUE = 2;
export const GATING_SIZES = ['10000', '100000', '1000000'];

export const gating: Scenario = {
  id: 'D',
  title: 'Semaphore(2) gating N tasks',
  unit: 'ns/task',
  cells: () => GATING_SIZES.flatMap((param) => gates(VALUE).map((s) => ({ subject: s.name, kind: s.kind, param }))),
  // CPython at 1e6 would take about 20 s of the 5-minute run; 1e4 and 1e5 show its trend.
  python: GATING_SIZES.slice(0, 2),
  warmups: (param) => (parseCount(param) >= 1_000_000 ? 0 : 1),
  reps: (param) => (parseCount(param) >= 1_000_000 ? 3 : parseCount(param) >= 100_000 ? 5 : 9),
  softBudgetMs: 12_000,
  hardBudgetMs: 25_000,
  async measure(subject, param) {
    const n = parseCount(param);
    const gate = await find(gates(VALUE), subject).make();
    const resolved = Promise.resolve();
    const work = (): Promise<void> => resolved;
    let inside = 0;
    let most = 0;
    const counted = async (): Promise<void> => {
      if (++inside > most) most = inside;
      await work();
      inside--;
    };
    const tasks = new Array<Promise<void>>(n);
    const start = now();
    for (let i = 0; i < n; i++) tasks[i] = gate.run(counted);
    await Promise.all(tasks);
    const elapsed = now() - start;
    if (most !== VALUE) throw new Error(`${subject} let ${most} tasks in at once, expected ${VALUE}`);
    return (elapsed * 1e6) / n;
  },
};
