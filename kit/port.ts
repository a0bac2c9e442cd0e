/**
 * What the specs see as `@port`: the port under test (`@port-under-test`, which the kit maps to
 * the resolved port), with every export of the contract it lacks replaced by a stand-in. Using a
 * stand-in notes the use (kit/not-provided.ts) and throws NotProvidedError, so a port without
 * `Condition` loses only the tests that use a Condition, and the module still loads.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import { notProvided, NotProvidedError } from './not-provided';

const actual = require('@port-under-test') as Record<string, unknown>;

/** The exports docs/contract.md requires. */
export const CONTRACT_EXPORTS = [
  'CancelledError', 'InvalidStateError', 'TimeoutError', 'SessionClosedError', 'ServerDisconnectedError',
  'sleep', 'Future', 'Task', 'createTask', 'ensureFuture', 'wait', 'gather', 'waitFor',
  'Lock', 'Event', 'Condition', 'Semaphore', 'BoundedSemaphore',
  'ThreadPoolExecutor', 'ProcessPoolExecutor', 'runInExecutor', 'ClientSession',
  'setExceptionHandler', 'defaultExceptionHandler',
] as const;

function standIn(name: string): unknown {
  const fail = (): never => {
    throw notProvided(name);
  };
  // An instance of a missing class: any use of it throws.
  const instance = new Proxy({}, { get: (_, key) => (typeof key === 'symbol' ? undefined : fail()) });
  return new Proxy(function notProvidedStandIn() {}, {
    apply: fail,
    construct: () => {
      notProvided(name);
      return instance;
    },
    get: (_, key) => {
      if (key === Symbol.hasInstance) return () => false;
      return typeof key === 'symbol' ? undefined : fail();
    },
  });
}

const missing = CONTRACT_EXPORTS.filter((name) => actual[name] === undefined);
export const NOT_PROVIDED_EXPORTS: readonly string[] = missing;

module.exports = {
  ...actual,
  ...Object.fromEntries(missing.map((name) => [name, standIn(name)])),
  NotProvidedError,
  NOT_PROVIDED_EXPORTS,
  CONTRACT_EXPORTS,
};
