/** @jest-config-loader esbuild-register */
// The suite as `npm run mutate` runs it: jest.config.ts, minus the specs that never load the
// port (specs/meta checks the ledger and the docs, specs/harness the virtual clock), which can
// neither kill a mutant nor should be able to block the mutation run.
import type { Config } from 'jest';
import base from './jest.config';

const config: Config = {
  ...base,
  testMatch: ['<rootDir>/specs/article/**/*.spec.ts', '<rootDir>/specs/semantics/**/*.spec.ts'],
  // Every spec runs in virtual time, in a few ms of wall time: a mutant that makes one hang
  // (a waiter never woken) should fail it in 3 s, not in the suite's generous 10.
  testTimeout: 3_000,
};

export default config;
