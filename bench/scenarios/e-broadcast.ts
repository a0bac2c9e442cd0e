/** E. Event broadcast: 1e5 waiters, one set(); the time until the last of them has resumed. */
import { events, find } from '../subjects';
import { gc, now, settle, type Scenario } from './scenario';

const N = 100_000;

export const broadcast: Scenario = {
  id: 'E',
  title: 'Event broadcast to 1e5 waiters, one set()',
  unit: 'ns/waiter',
  cells: () => events.map((s) => ({ subject: s.name, kind: s.kind, param: '1e5' })),
  python: ['1e5'],
  warmups: () => 2,
  reps: () => 5,
  async measure(subject) {
    const event = await find(events, subject).make();
    let resumed = 0;
    let allResumed!: () => void;
    const done = new Promise<void>((resolve) => (allResumed = resolve));
    const waiter = async (): Promise<void> => {
      await event.wait();
      if (++resumed === N) allResumed();
    };
    for (let i = 0; i < N; i++) void waiter();
    await settle();
    if (resumed !== 0) throw new Error(`${subject}: ${resumed} waiters passed an unset event`);
    gc(); // the setup's garbage is collected now, not inside the timed part
    const start = now();
    event.set();
    await done;
    return ((now() - start) * 1e6) / N;
  },
};
