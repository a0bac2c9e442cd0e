/**
 * What may travel to a worker. A worker gets a function as its source text and arguments
 * by structured clone, so a function must stand on its own (the JavaScript form of Python's
 * "can't pickle local object") and every argument must be cloneable. What can be told from
 * here is refused at once, with the reason; a free variable can only be seen when the worker
 * runs the function, and comes back as an UnshippableFunctionError naming it.
 */
import { UncloneableValueError, UnshippableFunctionError } from './errors';

/** Functions already checked, with their source: a pool submitting one function 10 000 times checks it once. */
const checked = new WeakMap<Function, string>();

/** Returns the source to ship, or throws UnshippableFunctionError saying why it cannot be shipped. */
export function shippableSource(fn: unknown): string {
  if (typeof fn !== 'function') {
    throw new TypeError(`submit(fn, ...args): fn must be a function, got ${describeValue(fn)}`);
  }
  const known = checked.get(fn);
  if (known !== undefined) return known;
  const source = Function.prototype.toString.call(fn);
  const label = fn.name ? `function "${fn.name}"` : 'the anonymous function';
  if (/\{\s*\[native code\]\s*\}\s*$/.test(source)) {
    const kind = fn.name.startsWith('bound ') ? 'a bound function' : 'a native (built-in) function';
    throw new UnshippableFunctionError(
      `${label} cannot be sent to a worker: it is ${kind}, which has no source; wrap it in a self-contained function`,
    );
  }
  if (/^class\b/.test(source)) {
    throw new UnshippableFunctionError(`${label} cannot be sent to a worker: it is a class, not a function`);
  }
  try {
    // Compiles without running: a method (`name() {}`), an accessor or code using `super` is not a standalone expression.
    new Function(`return (${source}\n);`);
  } catch (error) {
    throw new UnshippableFunctionError(
      `${label} cannot be sent to a worker: its source is not a standalone function (a method, an accessor, or code using super?); use a function declaration or an arrow function`,
      { cause: error },
    );
  }
  // `this` as an expression; a property named this (`o.this`, `o?.this`) or `$this` is not one.
  if (/(?<![$\w.#])(?<!\.\s+)this(?![$\w])/.test(codeOnly(source))) {
    throw new UnshippableFunctionError(
      `${label} cannot be sent to a worker: it uses \`this\`, which does not travel; pass what it needs as arguments`,
    );
  }
  checked.set(fn, source);
  return source;
}

/** Throws UncloneableValueError when an argument cannot be structured-cloned to a worker. */
export function assertCloneable(args: readonly unknown[]): void {
  args.forEach((arg, index) => {
    try {
      structuredClone(arg);
    } catch (error) {
      throw new UncloneableValueError(
        `argument ${index} (${describeValue(arg)}) cannot be sent to a worker: ${errorMessage(error)}`,
        { cause: error },
      );
    }
  });
}

/** How a worker reports a failure (see bootstrap.ts). */
export type RemoteFailure =
  | { kind: 'error'; name: string; message: string; stack?: string; code?: unknown }
  | { kind: 'value'; value: unknown }
  | { kind: 'uncloneable-result'; message: string };

const BUILT_IN_ERRORS: Record<string, ErrorConstructor> = {
  Error,
  TypeError,
  RangeError,
  ReferenceError,
  SyntaxError,
  EvalError,
  URIError,
};

/**
 * The error a Future rejects with for a failure in a worker: the same built-in class (or an
 * Error carrying the original name), the same message, and the worker's stack, as Python
 * re-raises the remote exception with its remote traceback.
 */
export function reviveFailure(failure: RemoteFailure, fnName: string): unknown {
  const label = fnName ? `function "${fnName}"` : 'the anonymous function';
  switch (failure.kind) {
    case 'value':
      return failure.value;
    case 'uncloneable-result':
      return new UncloneableValueError(`the result of ${label} cannot be sent back from the worker: ${failure.message}`);
    case 'error': {
      const Ctor = BUILT_IN_ERRORS[failure.name] ?? Error;
      const error = new Ctor(failure.message);
      if (error.name !== failure.name) error.name = failure.name;
      if (failure.stack !== undefined) error.stack = failure.stack;
      if (failure.code !== undefined) Object.assign(error, { code: failure.code });
      const free = failure.name === 'ReferenceError' && /^(\S+) is not defined$/.exec(failure.message);
      if (free) {
        return new UnshippableFunctionError(
          `${label} is not self-contained: it refers to "${free[1]}", which does not exist in the worker; ` +
            'a function sent to a worker cannot close over outer variables or imports (pass values as arguments, require() modules inside it)',
          { cause: error },
        );
      }
      return error;
    }
  }
}

/** The source with comments and string/template literals blanked, for a rough look at its code. */
function codeOnly(source: string): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end === -1 ? source.length : end + 2;
    } else if (c === '"' || c === "'" || c === '`') {
      i++;
      while (i < source.length && source[i] !== c) i += source[i] === '\\' ? 2 : 1;
      i++;
      out += ' ';
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function describeValue(value: unknown): string {
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  if (typeof value === 'symbol') return value.toString();
  if (value === null || typeof value !== 'object') return typeof value;
  return value.constructor?.name ?? 'object';
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
