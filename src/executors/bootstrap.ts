/**
 * The program every worker runs, thread or child process. It is plain JavaScript in a string,
 * not a TypeScript function turned into source, so that transpiling, coverage or mutation
 * instrumentation of src/ can never change what a worker runs.
 *
 * Protocol: the pool sends `{ id, source, args }`; the worker answers `{ id, ok: true, value }`
 * or `{ id, ok: false, failure }` (see RemoteFailure). One call at a time per worker.
 */
export type WorkerKind = 'thread' | 'process';

export interface CallMessage {
  id: number;
  source: string;
  args: readonly unknown[];
}

export type ReplyMessage =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; failure: import('./shippable').RemoteFailure };

// The worker's own code runs inside a function (see bootstrapSource), and shipped functions
// are compiled by an indirect eval, in the global scope: so a shipped function sees its
// arguments and the globals, never a name the worker defines for itself (post, compile...).
const COMMON = String.raw`
'use strict';
// Shipped functions may require() Node's modules, as a pickled Python function may import.
globalThis.require = require;
// A child process runs this with node -e, which makes every built-in module a global (fs,
// path...), as its REPL does, and module, exports, __filename and __dirname are this worker's
// own. In the pool's process none of them is a global, so a function using one is not
// self-contained, and is told so like for any other free name. Node marks the built-in
// globals by their setter, setReal; they can come back after start-up (seen for module), so
// every call scrubs again, which costs a few microseconds next to the message itself.
const builtins = require('node:module').builtinModules;
function scrub() {
  for (const name of builtins) {
    const setter = Object.getOwnPropertyDescriptor(globalThis, name)?.set;
    if (setter !== undefined && setter.name === 'setReal') delete globalThis[name];
  }
  for (const name of ['module', 'exports', '__filename', '__dirname']) delete globalThis[name];
}
scrub();
// esbuild (tsx) names inner functions through a helper it defines once per module; shipped
// source can contain calls to it, so the worker defines it too.
if (typeof globalThis.__name !== 'function') {
  globalThis.__name = (fn, name) => {
    try { Object.defineProperty(fn, 'name', { value: name, configurable: true }); } catch {}
    return fn;
  };
}
const compiled = new Map();
function compile(source) {
  let fn = compiled.get(source);
  if (fn === undefined) {
    fn = (0, eval)('(' + source + '\n)');
    if (compiled.size >= 64) compiled.delete(compiled.keys().next().value);
    compiled.set(source, fn);
  }
  return fn;
}
function describe(thrown) {
  if (thrown instanceof Error) {
    return { kind: 'error', name: String(thrown.name), message: String(thrown.message), stack: thrown.stack, code: thrown.code };
  }
  return { kind: 'value', value: thrown };
}
async function call({ id, source, args }) {
  let reply;
  scrub();
  try {
    reply = { id, ok: true, value: await compile(source)(...args) };
  } catch (thrown) {
    reply = { id, ok: false, failure: describe(thrown) };
  }
  try {
    post(reply);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    post(reply.ok
      ? { id, ok: false, failure: { kind: 'uncloneable-result', message } }
      : { id, ok: false, failure: { kind: 'error', name: 'Error', message: 'the worker threw a value that cannot be cloned: ' + message } });
  }
}
`;

const THREAD = String.raw`
const { parentPort } = require('node:worker_threads');
const post = (message) => parentPort.postMessage(message);
parentPort.on('message', call);
`;

const PROCESS = String.raw`
const post = (message) => process.send(message);
process.on('message', call);
// Orphaned (the pool's process is gone): leave at once.
process.on('disconnect', () => process.exit(0));
`;

export function bootstrapSource(kind: WorkerKind): string {
  return `(function worker(require) {${COMMON}${kind === 'thread' ? THREAD : PROCESS}})(require);\n`;
}
