/** @jest-config-loader esbuild-register */
import path from 'node:path';
import type { Config } from 'jest';

// The specs import the port under test through this one specifier; PORT_MODULE swaps it
// (absolute, or relative to the repository root), as docs/contract.md requires.
// `@port` is specs/support/port.ts, which loads `@port-under-test` and stands in for what
// the port lacks, so a missing export fails only the specs that use it.
const PORT_SPECIFIER = '@port';
const portModule = process.env.PORT_MODULE
  ? path.resolve(__dirname, process.env.PORT_MODULE)
  : path.join(__dirname, 'src', 'index.ts');

const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/specs'],
  testMatch: ['**/*.spec.ts'],
  transform: {
    // Transpile only: `npm run typecheck` checks types once, so the suite starts fast.
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
  moduleNameMapper: {
    [`^${PORT_SPECIFIER}$`]: '<rootDir>/specs/support/port.ts',
    [`^${PORT_SPECIFIER}-under-test$`]: portModule,
  },
  // Sized from a loaded run (load 16 on 2 cores, 05:24 UTC): the slowest virtual-time spec
  // (apart from [C16], which sets its own) took 4.5 s; a timeout five times that. A hang in
  // virtual time never waits for it: the harness reports a deadlock at once.
  testTimeout: 30_000,
  // Both cores: several files wait on real workers and the one real-server spec, so two
  // workers halve the wall time (jest's default on 2 cores is one).
  maxWorkers: 2,
  // The claims reporter hosts jest's default reporters (per-test lines with --verbose,
  // failures, summary) and ends the run with the claim ledger as a table.
  reporters: [['<rootDir>/fixtures/claims/jest-reporter.cjs', { mode: 'virtual' }]],
};

export default config;
