/**
 * The virtual-time harness: one call per spec file, `const vt = useVirtualTime()`.
 *
 * Before each test it installs a fake clock at 0 ms (timers, Date and performance; nextTick
 * and queueMicrotask stay real, as nock and the port need), forbids real network, and gives
 * the test a trace. `vt.run(fn)` drives the clock: it lets everything that can run at the
 * current instant run, and only then moves time to the next timer. After each test it checks
 * that no timer and no stubbed answer was left behind, and puts everything back.
 *
 * While a test runs, what the port reports through its exception handler (a failure nobody
 * retrieved, a done callback that threw: asyncio's loop.call_exception_handler) is captured in
 * `vt.reports` instead of going to stderr, so a spec can assert it and nothing leaks.
 */
import timers from 'node:timers';
import FakeTimers, { type InstalledClock } from '@sinonjs/fake-timers';
import nock, { plumbOnTicks } from '../../fixtures/service/nock';
import { mountStub, type StubbedService } from '../../fixtures/service/stub';
import type { ServiceOptions } from '../../fixtures/service/web-service';
import { Trace } from './trace';
import * as port from '@port';

/** What the port hands its exception handler (see src/exception-handler.ts). */
export interface Report {
  message: string;
  exception: unknown;
  future?: unknown;
}
type SetHandler = (handler: ((context: Report) => void) | null) => unknown;
// A port without setExceptionHandler reports nothing the harness could capture (kit/port.ts
// stands in for it then, and a stand-in must not be called around every test).
const portExports = port as Record<string, unknown>;
const lacksHandler = (portExports['NOT_PROVIDED_EXPORTS'] as readonly string[] | undefined)?.includes('setExceptionHandler') ?? false;
const setExceptionHandler = lacksHandler ? undefined : (portExports['setExceptionHandler'] as SetHandler | undefined);

const FAKED = [
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'setImmediate',
  'clearImmediate',
  'Date',
  'performance',
] as const satisfies readonly FakeTimers.FakeMethod[];

// fake-timers' view of this file's global, built once: withGlobal inspects the whole global, and a
// test file installs a clock for each of its tests.
const fakeTimers = FakeTimers.withGlobal(globalThis);

// Taken before any clock is installed: the real turn of the event loop the driver waits for.
const realSetImmediate = timers.setImmediate;

/** How many batches may run at one instant before the harness calls it a livelock. */
const MAX_BATCHES_PER_INSTANT = 10_000;

export class VirtualTimeError extends Error {
  override name = 'VirtualTimeError';
}

interface FakeTimer {
  id: number;
  callAt: number;
  createdAt: number;
  immediate?: boolean;
  func: unknown;
  type?: string;
}
type ClockInternals = InstalledClock & { timers?: Record<string, FakeTimer>; duringTick: boolean };

export interface VirtualTime {
  /** Virtual ms since the test started. */
  now(): number;
  readonly trace: Trace;
  /** Mounts the stubbed web service for this test (removed after it). */
  service(options?: ServiceOptions): StubbedService;
  /** Runs `fn` to completion in virtual time, moving the clock only when nothing else can run. */
  run<T>(fn: () => PromiseLike<T> | T): Promise<T>;
  /** Runs until virtual time `ms` (every timer due by then fires), then lets that instant settle. */
  runUntil(ms: number): Promise<void>;
  /** Runs until no timer is left. */
  runUntilIdle(): Promise<void>;
  /** Timers still pending on the virtual clock. */
  pendingTimers(): number;
  /** What the port reported through its exception handler during this test, in order. */
  readonly reports: readonly Report[];
}

/** Lets every microtask and nextTick that is queued (and any it queues) run: one real loop turn. The virtual clock does not move. */
export function settle(): Promise<void> {
  return new Promise((resolve) => realSetImmediate(resolve));
}

class Harness implements Omit<VirtualTime, 'reports'> {
  readonly trace: Trace;
  readonly #clock: ClockInternals;
  readonly #stubs: StubbedService[] = [];

  constructor() {
    this.#clock = fakeTimers.install({
      now: 0,
      toFake: [...FAKED],
      shouldClearNativeTimers: false,
    }) as ClockInternals;
    // fake-timers gives a 0 ms timer set inside a firing timer 1 ms, so that its own tick()
    // cannot loop forever. Here a 0 ms timer must fire at the current instant (the driver
    // guards against loops itself), so the clock never reports that it is inside a tick.
    Object.defineProperty(this.#clock, 'duringTick', { get: () => false, set: () => {}, configurable: true });
    plumbOnTicks(true);
    this.trace = new Trace(() => this.now());
  }

  now(): number {
    return this.#clock.now;
  }

  service(options?: ServiceOptions): StubbedService {
    const stub = mountStub(options);
    this.#stubs.push(stub);
    return stub;
  }

  pendingTimers(): number {
    return this.#clock.countTimers();
  }

  async run<T>(fn: () => PromiseLike<T> | T): Promise<T> {
    let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
    Promise.resolve()
      .then(fn)
      .then(
        (value) => (outcome = { ok: true, value }),
        (error: unknown) => (outcome = { ok: false, error }),
      );
    await this.#drive(() => outcome !== undefined, () => {
      throw new VirtualTimeError(
        `deadlock: at ${this.now()} ms nothing is left to run, and the function has not finished`,
      );
    });
    const result = outcome!;
    if (!result.ok) throw result.error;
    return result.value;
  }

  async runUntil(ms: number): Promise<void> {
    await this.#drive(
      () => (this.#nextBatch()?.at ?? Infinity) > ms,
      () => {},
    );
    // Nothing is due before `ms` now, so tick() only moves the clock (setSystemTime would shift the timers too).
    if (this.#clock.now < ms) this.#clock.tick(ms - this.#clock.now);
    await settle();
  }

  async runUntilIdle(): Promise<void> {
    await this.#drive(() => false, () => {});
  }

  /**
   * The event loop in virtual time. Each step: let everything queued run (microtasks,
   * nextTicks), stop if finished, otherwise fire one batch, the timers due at the earliest
   * instant as they stand now, like one iteration of asyncio's loop over its ready callbacks.
   * Timers those callbacks set for the same instant form the next batch, at the same instant.
   */
  async #drive(finished: () => boolean, onIdle: () => void): Promise<void> {
    let instant = this.#clock.now;
    let batchesAtInstant = 0;
    for (;;) {
      await settle();
      if (finished()) return;
      const batch = this.#nextBatch();
      if (!batch) {
        onIdle();
        return;
      }
      if (batch.at === instant) {
        if (++batchesAtInstant > MAX_BATCHES_PER_INSTANT) {
          throw new VirtualTimeError(`livelock: more than ${MAX_BATCHES_PER_INSTANT} batches of timers at ${instant} ms`);
        }
      } else {
        instant = batch.at;
        batchesAtInstant = 0;
      }
      for (const id of batch.ids) {
        // A timer of the batch may have been cleared by an earlier one.
        if (!this.#clock.timers?.[id]) continue;
        if (this.#firstTimer()?.id !== id) break;
        this.#clock.next();
      }
    }
  }

  /** The timers due at the earliest pending instant, in the order the clock would fire them. */
  #nextBatch(): { at: number; ids: number[] } | undefined {
    let at = Infinity;
    let due: FakeTimer[] = [];
    // One pass, no spread: this runs once per batch, thousands of times in a spec.
    for (const id in this.#clock.timers) {
      const timer = this.#clock.timers[id]!;
      if (timer.callAt < at) {
        at = timer.callAt;
        due = [timer];
      } else if (timer.callAt === at) due.push(timer);
    }
    if (due.length === 0) return undefined;
    return { at, ids: (due.length > 1 ? due.sort(compareTimers) : due).map((timer) => timer.id) };
  }

  #firstTimer(): FakeTimer | undefined {
    let first: FakeTimer | undefined;
    for (const id in this.#clock.timers) {
      const timer = this.#clock.timers[id]!;
      if (!first || compareTimers(timer, first) < 0) first = timer;
    }
    return first;
  }

  /** Puts everything back; returns what the test left behind. */
  teardown(): string[] {
    const problems: string[] = [];
    for (const stub of this.#stubs) stub.dispose();
    const left = Object.values(this.#clock.timers ?? {});
    if (left.length > 0) {
      problems.push(
        `${left.length} timer(s) left on the virtual clock: ` +
          left.map((timer) => `${timer.type ?? 'Timeout'} due at ${timer.callAt} ms`).join(', '),
      );
    }
    this.#clock.uninstall();
    plumbOnTicks(false);
    const pending = nock.pendingMocks();
    if (pending.length > 0) problems.push(`nock mocks never requested: ${pending.join(', ')}`);
    nock.cleanAll();
    return problems;
  }
}

/** fake-timers' own order: earlier instant, then immediates, then creation order. */
function compareTimers(a: FakeTimer, b: FakeTimer): number {
  return (
    a.callAt - b.callAt ||
    Number(Boolean(b.immediate)) - Number(Boolean(a.immediate)) ||
    a.createdAt - b.createdAt ||
    a.id - b.id
  );
}

/**
 * Registers the harness around every test of the calling describe block (or file) and returns
 * a handle to the current test's virtual time.
 */
export function useVirtualTime(): VirtualTime {
  let current: Harness | undefined;
  const unhandled: unknown[] = [];
  const reports: Report[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };

  beforeAll(() => {
    // A second block of the same file may use the harness after the first restored nock.
    if (!nock.isActive()) nock.activate();
    nock.disableNetConnect();
  });
  beforeEach(() => {
    unhandled.length = 0;
    reports.length = 0;
    process.on('unhandledRejection', onUnhandled);
    setExceptionHandler?.((context) => void reports.push(context));
    current = new Harness();
  });
  afterEach(async () => {
    const harness = current!;
    current = undefined;
    // One more real turn, so a rejection nobody handled is reported before we look.
    await settle();
    const problems = harness.teardown();
    process.off('unhandledRejection', onUnhandled);
    setExceptionHandler?.(null);
    for (const reason of unhandled) problems.push(`unhandled rejection: ${String(reason)}`);
    if (problems.length > 0) throw new VirtualTimeError(`the test left things behind:\n- ${problems.join('\n- ')}`);
  });
  afterAll(() => {
    nock.enableNetConnect();
    nock.restore();
  });

  const harness = (): Harness => {
    if (!current) throw new VirtualTimeError('virtual time is only available inside a test');
    return current;
  };
  return {
    now: () => harness().now(),
    get trace() {
      return harness().trace;
    },
    service: (options) => harness().service(options),
    run: (fn) => harness().run(fn),
    runUntil: (ms) => harness().runUntil(ms),
    runUntilIdle: () => harness().runUntilIdle(),
    pendingTimers: () => harness().pendingTimers(),
    get reports() {
      harness();
      return reports;
    },
  };
}
