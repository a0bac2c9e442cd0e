/**
 * F. Condition: N waiters, then notify(2) (under the lock) until every waiter has woken and
 * re-acquired the lock. The figure is per waiter; comparing 1e4 with 1e5 shows whether the
 * whole run is linear (flat) or quadratic (10x per waiter).
 */
import { conditions, find } from '../subjects';
import { gc, now, parseCount, settle, type Scenario } from './scenario';

export const NOTIFY_SIZES = ['10000', '100000'];

export const notify: Scenario = {
  id: 'F',
  title: 'Condition notify(2) until N waiters woken',
  unit: 'ns/waiter',
  cells: () => NOTIFY_SIZES.flatMap((param) => conditions.map((s) => ({ subject: s.name, kind: s.kind, param }))),
  python: NOTIFY_SIZES,
  warmups: () => 1,
  reps: (param) => (parseCount(param) >= 100_000 ? 5 : 7),
  softBudgetMs: 12_000,
  hardBudgetMs: 25_000,
  async measure(subject, param) {
    const n = parseCount(param);
    const condition = await find(conditions, subject).make();
    let waiting = 0;
    let woken = 0;
    let allWoken!: () => void;
    const done = new Promise<void>((resolve) => (allWoken = resolve));
    const waiter = async (): Promise<void> => {
      await condition.acquire();
      waiting++;
      await condition.wait();
      woken++;
      condition.release();
      if (woken === n) allWoken();
    };
    for (let i = 0; i < n; i++) void waiter();
    await settle();
    if (waiting !== n) throw new Error(`${subject}: only ${waiting} of ${n} waiters reached wait()`);
    gc(); // the setup's garbage is collected now, not inside the timed part
    const start = now();
    for (let notified = 0; notified < n; notified += 2) {
      await condition.acquire();
      condition.notify(2);
      condition.release();
    }
    await done;
    return ((now() - start) * 1e6) / n;
  },
};
