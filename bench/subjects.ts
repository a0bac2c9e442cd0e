/**
 * The things being measured, behind one small shape per primitive, so that a scenario's loop is
 * written once. Each measurement runs in its own process with exactly one subject loaded, so the
 * adapter's call sites stay monomorphic and one library's JIT state never taxes another's.
 *
 * The reference port is loaded from ../src/index (the bench is about the reference port). Its
 * synchronization primitives may be missing while they are being written: a missing export makes
 * the subject "unavailable" instead of failing the run.
 */
import * as portModule from '../src/index';

export interface LockLike {
  acquire(): PromiseLike<unknown>;
  release(): void;
}

export interface EventLike {
  wait(): PromiseLike<unknown>;
  set(): void;
}

/** A condition bound to its lock: `wait()` must be called with the lock held. */
export interface ConditionLike extends LockLike {
  wait(): PromiseLike<unknown>;
  notify(n: number): void;
}

export type Kind = 'port' | 'peer' | 'limit';

export interface Subject<T> {
  name: string;
  kind: Kind;
  /** Builds a fresh instance; throws SubjectUnavailable when the export does not exist yet. */
  make(): Promise<T>;
}

/** Semaphore-like with an initial value; p-limit is the odd one out and gets its own runner. */
export interface Gate {
  /** Runs one task: acquire, await `work`, release. */
  run(work: () => Promise<void>): Promise<void>;
}

export class SubjectUnavailable extends Error {
  override name = 'SubjectUnavailable';
}

const port = portModule as unknown as Record<string, unknown>;

function portClass(name: string): new (...args: unknown[]) => unknown {
  const ctor = port[name];
  if (typeof ctor !== 'function') throw new SubjectUnavailable(`src/index.ts does not export ${name} yet`);
  return ctor as new (...args: unknown[]) => unknown;
}

/**
 * ESM-only peers (p-queue, effect) ship no `main`, which this CommonJS tsconfig needs to find their
 * types, and async-lock ships none: each is typed here by the little the bench calls.
 */
function importPeer<T>(name: string): Promise<T> {
  return import(name) as Promise<T>;
}

interface PQueueLike {
  add(job: () => Promise<unknown>): Promise<unknown>;
}
type PQueueModule = { default: new (options: { concurrency: number }) => PQueueLike };

/** effect 4: a Semaphore's take/release effects, run from Promise code. */
interface EffectModule {
  Effect: { runPromise(effect: unknown): Promise<unknown>; runSync(effect: unknown): unknown };
  Semaphore: { makeUnsafe(permits: number): { take(n: number): unknown; release(n: number): unknown } };
}

interface AsyncLockLike {
  acquire(key: string, fn: ((done: () => void) => void) | (() => Promise<unknown>)): Promise<unknown>;
}
/** async-lock refuses waiters past maxPending (default 1000): asyncio's locks have no such limit. */
const asyncLock = async (): Promise<AsyncLockLike> =>
  new (await importPeer<{ default: new (options: { maxPending: number }) => AsyncLockLike }>('async-lock')).default({ maxPending: Infinity });

/**
 * A job-shaped limiter (p-queue) as acquire/release, as the adapter in kit/adapters/ maps it:
 * acquire adds a job that runs until release() ends it.
 */
function jobLock(add: (job: () => Promise<unknown>) => Promise<unknown>): LockLike {
  const ends: Array<() => void> = [];
  return {
    acquire: () =>
      new Promise<void>((started) => {
        void add(
          () =>
            new Promise<void>((end) => {
              ends.push(end);
              started();
            }),
        );
      }),
    release: () => ends.shift()!(),
  };
}

/** async-lock's callback form: the function holds the key until release() calls its `done`. */
function keyLock(lock: AsyncLockLike, key: string): LockLike {
  let held: (() => void) | undefined;
  return {
    acquire: () =>
      new Promise<void>((acquired) => {
        void lock.acquire(key, (done: () => void) => {
          held = done;
          acquired();
        });
      }),
    release: () => held!(),
  };
}

/** effect's Semaphore from Promise code: each acquire runs `take` in a fiber of its own. */
async function effectPermits(value: number): Promise<LockLike> {
  const { Effect, Semaphore } = await importPeer<EffectModule>('effect');
  const permits = Semaphore.makeUnsafe(value);
  return { acquire: () => Effect.runPromise(permits.take(1)), release: () => void Effect.runSync(permits.release(1)) };
}

// ---- locks (scenarios B, C, G) ----

export const locks: Array<Subject<LockLike>> = [
  { name: 'port Lock', kind: 'port', make: async () => new (portClass('Lock'))() as LockLike },
  { name: 'port Semaphore(1)', kind: 'port', make: async () => new (portClass('Semaphore'))(1) as LockLike },
  {
    name: 'async-mutex Mutex',
    kind: 'peer',
    make: async () => new (await import('async-mutex')).Mutex(),
  },
  {
    name: 'async-mutex Semaphore(1)',
    kind: 'peer',
    make: async () => {
      const s = new (await import('async-mutex')).Semaphore(1);
      return { acquire: () => s.acquire(), release: () => s.release() };
    },
  },
  {
    name: 'async-sema Sema(1)',
    kind: 'peer',
    make: async () => new (await import('async-sema')).Sema(1),
  },
  {
    name: '@esfx AsyncMutex',
    kind: 'peer',
    make: async () => {
      const m = new (await import('@esfx/async-mutex')).AsyncMutex();
      return { acquire: () => m.lock(), release: () => void m.unlock() };
    },
  },
  {
    name: '@esfx AsyncSemaphore(1)',
    kind: 'peer',
    make: async () => {
      const s = new (await import('@esfx/async-semaphore')).AsyncSemaphore(1);
      return { acquire: () => s.wait(), release: () => s.release() };
    },
  },
  {
    name: 'p-queue(1) job until release',
    kind: 'peer',
    make: async () => {
      const queue = new (await importPeer<PQueueModule>('p-queue')).default({ concurrency: 1 });
      return jobLock((job) => queue.add(job));
    },
  },
  { name: 'effect Semaphore(1)', kind: 'peer', make: () => effectPermits(1) },
  { name: 'async-lock (one key)', kind: 'peer', make: async () => keyLock(await asyncLock(), 'key') },
];

// ---- semaphores gating many tasks (scenario D) ----

function gateOf(lock: LockLike): Gate {
  return {
    async run(work) {
      await lock.acquire();
      try {
        await work();
      } finally {
        lock.release();
      }
    },
  };
}

export function gates(value: number): Array<Subject<Gate>> {
  return [
    { name: `port Semaphore(${value})`, kind: 'port', make: async () => gateOf(new (portClass('Semaphore'))(value) as LockLike) },
    {
      name: `async-mutex Semaphore(${value})`,
      kind: 'peer',
      make: async () => {
        const s = new (await import('async-mutex')).Semaphore(value);
        return gateOf({ acquire: () => s.acquire(), release: () => s.release() });
      },
    },
    { name: `async-sema Sema(${value})`, kind: 'peer', make: async () => gateOf(new (await import('async-sema')).Sema(value)) },
    {
      name: `@esfx AsyncSemaphore(${value})`,
      kind: 'peer',
      make: async () => {
        const s = new (await import('@esfx/async-semaphore')).AsyncSemaphore(value);
        return gateOf({ acquire: () => s.wait(), release: () => s.release() });
      },
    },
    {
      name: `p-limit(${value})`,
      kind: 'peer',
      make: async () => {
        // p-limit is ESM only: a dynamic import is the way in from CommonJS.
        const limit = (await import('p-limit')).default(value);
        return { run: (work) => limit(work) };
      },
    },
    {
      name: `p-queue(${value})`,
      kind: 'peer',
      make: async () => {
        const queue = new (await importPeer<PQueueModule>('p-queue')).default({ concurrency: value });
        return { run: (work) => queue.add(work) as Promise<void> };
      },
    },
    { name: `effect Semaphore(${value})`, kind: 'peer', make: async () => gateOf(await effectPermits(value)) },
  ];
}

// ---- events (scenario E) ----

export const events: Array<Subject<EventLike>> = [
  { name: 'port Event', kind: 'port', make: async () => new (portClass('Event'))() as EventLike },
  {
    name: '@esfx AsyncManualResetEvent',
    kind: 'peer',
    make: async () => new (await import('@esfx/async-manualresetevent')).AsyncManualResetEvent(),
  },
  {
    // The floor for a broadcast: one promise, resolved once, awaited by every waiter.
    name: 'bare Promise (limit)',
    kind: 'limit',
    make: async () => {
      let open!: () => void;
      const opened = new Promise<void>((resolve) => (open = resolve));
      return { wait: () => opened, set: () => open() };
    },
  },
];

// ---- conditions (scenario F) ----

export const conditions: Array<Subject<ConditionLike>> = [
  { name: 'port Condition', kind: 'port', make: async () => new (portClass('Condition'))() as ConditionLike },
  {
    name: '@esfx AsyncConditionVariable',
    kind: 'peer',
    make: async () => {
      // The only published @esfx condition variable (1.0.0-pre.8) calls Cancelable.isCancelable and
      // AsyncLockable.isAsyncLockable, which the installed 1.0.0 packages renamed hasInstance: alias
      // them in this process, or every wait() throws TypeError before it waits.
      // require, not import: the condition variable require()s the CommonJS builds, which are the ones to patch.
      const { Cancelable } = require('@esfx/cancelable') as { Cancelable: Record<string, unknown> };
      const { AsyncLockable } = require('@esfx/async-lockable') as { AsyncLockable: Record<string, unknown> };
      Cancelable.isCancelable ??= Cancelable.hasInstance;
      AsyncLockable.isAsyncLockable ??= AsyncLockable.hasInstance;
      const mutex = new (await import('@esfx/async-mutex')).AsyncMutex();
      const cv = new (await import('@esfx/async-conditionvariable')).AsyncConditionVariable();
      return {
        acquire: () => mutex.lock(),
        release: () => void mutex.unlock(),
        wait: () => cv.wait(mutex),
        // No notify(n) in @esfx: n calls of notifyOne() is what a user would write.
        notify: (n) => {
          for (let i = 0; i < n; i++) cv.notifyOne();
        },
      };
    },
  },
];

// ---- tasks (scenario G) ----

export interface Spawner {
  /** Starts one task that stays pending until `gate` resolves. */
  spawn(gate: Promise<void>): unknown;
}

/** The port's createTask, or SubjectUnavailable when src/index.ts lacks it. */
function portCreateTask(): (coro: (signal: AbortSignal) => Promise<void>) => unknown {
  const createTask = port.createTask as (coro: (signal: AbortSignal) => Promise<void>) => unknown;
  if (typeof createTask !== 'function') throw new SubjectUnavailable('src/index.ts does not export createTask');
  return createTask;
}

export const spawners: Array<Subject<Spawner>> = [
  {
    name: 'port createTask',
    kind: 'port',
    make: async () => {
      const createTask = portCreateTask();
      return {
        spawn: (gate) =>
          createTask(async () => {
            await gate;
          }),
      };
    },
  },
  {
    // A coroutine with a parameter gets its AbortSignal at its start (the row above makes none).
    name: 'port createTask, takes signal',
    kind: 'port',
    make: async () => {
      const createTask = portCreateTask();
      return {
        spawn: (gate) =>
          createTask(async (_signal) => {
            await gate;
          }),
      };
    },
  },
  {
    name: 'async function (limit)',
    kind: 'limit',
    make: async () => ({
      spawn: async (gate) => {
        await gate;
      },
    }),
  },
];

export function find<T>(list: Array<Subject<T>>, name: string): Subject<T> {
  const subject = list.find((s) => s.name === name);
  if (!subject) throw new Error(`no subject named ${JSON.stringify(name)}; known: ${list.map((s) => s.name).join(', ')}`);
  return subject;
}
