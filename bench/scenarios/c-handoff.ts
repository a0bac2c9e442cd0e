/**
 * C. Contended hand-off: 100 tasks each loop acquire -> await one resolved promise -> release,
 * so every release hands the lock to a waiter. The figure is per hand-off (per acquisition).
 */
import { find, locks } from '../subjects';
import { now, type Scenario } from './scenario';

const TASKS = 100;
const ROUNDS = 1_000;
export const HANDOFF_PARAM = `${TASKS}x${ROUNDS}`;

export const handoff: Scenario = {
  id: 'C',
  title: 'contended Lock hand-off, 100 tasks',
  unit: 'ns/hand-off',
  cells: () => locks.map((s) => ({ subject: s.name, kind: s.kind, param: HANDOFF_PARAM })),
  python: [HANDOFF_PARAM],
  warmups: () => 2,
  reps: () => 7,
  async measure(subject) {
    const lock = await find(locks, subject).make();
    const resolved = Promise.resolve();
    let acquisitions = 0;
    const task = async (): Promise<void> => {
      for (let i = 0; i < ROUNDS; i++) {
        await lock.acquire();
        acquisitions++;
        await resolved;
        lock.release();
      }
    };
    const start = now();
    const tasks: Array<Promise<void>> = [];
    for (let t = 0; t < TASKS; t++) tasks.push(task());
    await Promise.all(tasks);
    const elapsed = now() - start;
    if (acquisitions !== TASKS * ROUNDS) throw new Error(`lost acquisitions: ${acquisitions}`);
    return (elapsed * 1e6) / acquisitions;
  },
};
