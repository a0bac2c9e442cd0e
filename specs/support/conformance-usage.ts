/**
 * Conformance runs only (scripts/conformance.ts passes it as a setupFilesAfterEnv): a test that
 * touched an export the port lacks must not count as a pass, even when its assertions let the
 * stand-in's NotProvidedError through (`toThrow()` with no class, a rejection it expected...).
 *
 * `@port` here is the same module object the spec file gets (one module registry per spec
 * file), so each stand-in is swapped, in place, for a proxy that notes the use and then
 * behaves exactly like the stand-in. After a test that used one, the test fails with a
 * NotProvidedError, which the conformance reporter reads as "not provided".
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const port = require('@port') as Record<string, unknown> & {
  NOT_PROVIDED: readonly string[];
  NotProvidedError: new (exportName: string) => Error;
};

const usedInThisTest = new Set<string>();

function noted<T extends object>(name: string, target: T): T {
  return new Proxy(target, {
    apply(fn, thisArg, args) {
      usedInThisTest.add(name);
      return Reflect.apply(fn as (...a: unknown[]) => unknown, thisArg, args);
    },
    construct(cls, args) {
      usedInThisTest.add(name);
      // The stand-in's instance throws on any use; the note is already taken.
      return Reflect.construct(cls as new (...a: unknown[]) => object, args);
    },
    get(obj, key, receiver) {
      if (typeof key === 'string') usedInThisTest.add(name);
      return Reflect.get(obj, key, receiver);
    },
  });
}

for (const name of port.NOT_PROVIDED) {
  const standIn = port[name];
  if (typeof standIn === 'function') port[name] = noted(name, standIn);
}

// An adapter in fixtures/ports/ reports here what its library lacks (e.g. cancelling one
// waiter), since a task may swallow the error it throws.
(globalThis as Record<symbol, unknown>)[Symbol.for('asyncio-spec.conformance.notProvided')] = (name: string) => usedInThisTest.add(name);

beforeEach(() => usedInThisTest.clear());

afterEach(() => {
  if (usedInThisTest.size === 0) return;
  const names = [...usedInThisTest].sort();
  usedInThisTest.clear();
  // One error per missing export, so the reporter lists each by name.
  const error = new port.NotProvidedError(names.join(', '));
  error.message = `${names.map((n) => `${n} is not provided by the port under test`).join('; ')} (the test used it)`;
  throw error;
});

export {};
