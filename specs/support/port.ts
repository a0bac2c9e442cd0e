/**
 * What the specs see as `@port`: the port under test (`src/index.ts`, or $PORT_MODULE), with
 * every export of the contract it lacks replaced by a stand-in that throws NotProvidedError
 * when used. So a port without `Condition` fails only the specs that use a Condition, each
 * with an error the conformance report reads as "not provided", and the module still loads
 * (an example that builds a Condition at its top level loads too; using it throws).
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const actual = require('@port-under-test') as Record<string, unknown>;

/** The exports docs/contract.md requires. */
export const CONTRACT_EXPORTS = [
  'CancelledError', 'InvalidStateError', 'TimeoutError', 'SessionClosedError', 'ServerDisconnectedError',
  'sleep', 'Future', 'Task', 'createTask', 'ensureFuture', 'wait', 'gather', 'waitFor',
  'Lock', 'Event', 'Condition', 'Semaphore', 'BoundedSemaphore',
  'ThreadPoolExecutor', 'ProcessPoolExecutor', 'runInExecutor', 'ClientSession',
] as const;

export class NotProvidedError extends Error {
  override name = 'NotProvidedError';
  constructor(readonly exportName: string) {
    super(`${exportName} is not provided by the port under test`);
  }
}

function standIn(name: string): unknown {
  const fail = (): never => {
    throw new NotProvidedError(name);
  };
  // An instance of a missing class: any use of it throws.
  const instance = new Proxy({}, { get: (_, key) => (typeof key === 'symbol' ? undefined : fail()) });
  return new Proxy(function notProvided() {}, {
    apply: fail,
    construct: () => instance,
    get: (_, key) => {
      if (key === Symbol.hasInstance) return () => false;
      return typeof key === 'symbol' ? undefined : fail();
    },
  });
}

const missing = CONTRACT_EXPORTS.filter((name) => actual[name] === undefined);
export const NOT_PROVIDED: readonly string[] = missing;

module.exports = {
  ...actual,
  ...Object.fromEntries(missing.map((name) => [name, standIn(name)])),
  NotProvidedError,
  NOT_PROVIDED,
  CONTRACT_EXPORTS,
};
