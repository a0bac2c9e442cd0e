/**
 * The harness keeps time exactly: it moves the virtual clock only when nothing is left to do
 * at the current instant. These are the two cases that a naive set-up gets wrong (3003 ms for
 * three serial requests; three staggered answers all observed at the last one's time).
 */
import { useVirtualTime } from '../support/virtual-time';

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  return response.json();
}

describe('virtual time harness', () => {
  const vt = useVirtualTime();

  test('three serial stubbed requests take exactly 3000 virtual ms, not 3003', async () => {
    const { url } = vt.service();
    await vt.run(async () => {
      for (let i = 0; i < 3; i++) {
        await getJson(url);
        vt.trace.log(`answer ${i}`);
      }
    });
    expect(vt.now()).toBe(3000);
    expect(vt.trace.entries).toEqual([
      [1000, 'answer 0'],
      [2000, 'answer 1'],
      [3000, 'answer 2'],
    ]);
  });

  test('answers due at 1000, 1001 and 1002 ms are observed at exactly those instants', async () => {
    const { url } = vt.service({ delay: [1000, 1001, 1002] });
    await vt.run(() =>
      Promise.all(
        [0, 1, 2].map(async (i) => {
          await getJson(url);
          vt.trace.log(`answer ${i}`);
        }),
      ),
    );
    expect(vt.trace.entries).toEqual([
      [1000, 'answer 0'],
      [1001, 'answer 1'],
      [1002, 'answer 2'],
    ]);
  });

  test('a coroutine woken by the first answer runs before the second answer is observed', async () => {
    const { url } = vt.service({ delay: [1000, 1001] });
    await vt.run(async () => {
      let wake!: () => void;
      const woken = new Promise<void>((resolve) => (wake = resolve));
      const sleeper = (async () => {
        await woken;
        vt.trace.log('woken coroutine runs');
      })();
      const first = getJson(url).then(() => {
        vt.trace.log('first answer');
        wake();
      });
      const second = getJson(url).then(() => vt.trace.log('second answer'));
      await Promise.all([sleeper, first, second]);
    });
    expect(vt.trace.entries).toEqual([
      [1000, 'first answer'],
      [1000, 'woken coroutine runs'],
      [1001, 'second answer'],
    ]);
  });

  test('a 0 ms timer set while timers fire runs at the same instant', async () => {
    await vt.run(
      () =>
        new Promise<void>((resolve) => {
          setTimeout(() => {
            vt.trace.log('outer');
            setTimeout(() => {
              vt.trace.log('inner');
              resolve();
            }, 0);
          }, 500);
        }),
    );
    expect(vt.trace.entries).toEqual([
      [500, 'outer'],
      [500, 'inner'],
    ]);
  });

  test('timers due at one instant fire as one batch, in the order they were set', async () => {
    await vt.run(async () => {
      const fired = ['a', 'b', 'c'].map((name) => new Promise<void>((resolve) => setTimeout(() => {
        vt.trace.log(`timer ${name}`);
        void Promise.resolve().then(() => vt.trace.log(`after ${name}`));
        resolve();
      }, 100)));
      await Promise.all(fired);
    });
    // All three callbacks run before the microtasks they queued, as one asyncio loop iteration would.
    expect(vt.trace.labels()).toEqual(['timer a', 'timer b', 'timer c', 'after a', 'after b', 'after c']);
  });

  test('a function that can never finish is reported as a deadlock, not a hang', async () => {
    await expect(vt.run(() => new Promise(() => {}))).rejects.toThrow(/deadlock: at 0 ms nothing is left to run/);
  });

  test('runUntil stops the clock at the instant asked, after firing what is due by then', async () => {
    const fired: number[] = [];
    for (const ms of [100, 200, 300]) setTimeout(() => fired.push(Date.now()), ms);
    await vt.runUntil(250);
    expect(fired).toEqual([100, 200]);
    expect(vt.now()).toBe(250);
    await vt.runUntilIdle();
    expect(fired).toEqual([100, 200, 300]);
  });
});
