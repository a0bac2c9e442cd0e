/** @jest-config-loader esbuild-register */
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { Config } from 'jest';
import { resolvePort } from './kit/resolve';

// The specs import the port under test through this one specifier; PORT_MODULE swaps it
// (absolute, or relative to the repository root), as docs/contract.md requires.
// `@port` is kit/port.ts, which loads `@port-under-test` and stands in for what the port
// lacks, so a missing export fails only the specs that use it. Another port goes through the
// kit's resolver (an ES module, a folder, a package name... bundled to CommonJS); the
// reference port is used as it is, so coverage and mutation testing see src/.
const PORT_SPECIFIER = '@port';
const REFERENCE = path.join(__dirname, 'src', 'index.ts');
const port = process.env.PORT_MODULE
  ? resolvePort(
      process.env.PORT_MODULE,
      __dirname,
      path.join(os.tmpdir(), `asyncio-kit-${crypto.createHash('sha1').update(path.resolve(__dirname, process.env.PORT_MODULE)).digest('hex').slice(0, 12)}`),
    )
  : { name: 'the reference port', path: REFERENCE, bundle: REFERENCE, modulePaths: [] };
const portLine = (at: 'start' | 'end') => ['<rootDir>/kit/port-line-reporter.cjs', { at, name: port.name, path: port.path }] as [string, Record<string, unknown>];

const config: Config = {
  // jest's node environment, which can also log each test's duration against its timeout (stress).
  testEnvironment: path.join(__dirname, 'specs', 'support', 'environment.cjs'),
  roots: ['<rootDir>/specs'],
  testMatch: ['**/*.spec.ts'],
  transform: {
    // ts-jest, transpile only (isolatedModules in tsconfig.json): `npm run typecheck` checks
    // types once, so the suite starts fast. transform.cjs loads ts-jest only on a cache miss.
    '^.+\\.ts$': [path.join(__dirname, 'specs', 'support', 'transform.cjs'), { tsconfig: '<rootDir>/tsconfig.json' }],
  },
  moduleNameMapper: {
    [`^${PORT_SPECIFIER}$`]: '<rootDir>/kit/port.ts',
    [`^${PORT_SPECIFIER}-under-test$`]: port.bundle,
  },
  // A test that used a part the port lacks is failed with the kit's "not provided" marker.
  setupFilesAfterEnv: ['<rootDir>/kit/usage.ts'],
  ...(port.modulePaths.length > 0 ? { modulePaths: port.modulePaths } : {}),
  // Sized from a loaded run (load 16 on 2 cores, 05:24 UTC): the slowest virtual-time spec
  // (apart from [C16], which sets its own) took 4.5 s; a timeout five times that. A hang in
  // virtual time never waits for it: the harness reports a deadlock at once.
  testTimeout: 30_000,
  // In band by default. jest-worker force-kills a worker still alive 500 ms after the run and
  // prints "A worker process has failed to exit gracefully"; a loaded machine makes clean workers
  // that slow to exit (docs/stability.md), so specs/support/runner.cjs (jest's runner otherwise)
  // gives them WORKER_EXIT_GRACE_MS instead, and `npx jest -w 2` runs clean under load. Not the
  // default: at load 15-20 on the 2 cores two workers took 23 % more CPU and no less wall time
  // (README, "Speed"); on a quiet machine they should shorten the wall time.
  maxWorkers: 1,
  runner: path.join(__dirname, 'specs', 'support', 'runner.cjs'),
  // jest's runtime, but a file read in one spec file is not read again in the next (runtime.cjs).
  runtime: path.join(__dirname, 'specs', 'support', 'runtime.cjs'),
  // The claims reporter hosts jest's default reporters (per-test lines with --verbose,
  // failures, summary) and ends the run with the claim ledger as a table.
  // First and last, a line that names the port under test.
  reporters: [portLine('start'), ['<rootDir>/fixtures/claims/jest-reporter.cjs', { mode: 'virtual' }], portLine('end')],
};

export default config;
