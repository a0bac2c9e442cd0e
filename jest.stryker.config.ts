/** @jest-config-loader esbuild-register */
// The suite as `npm run mutate` runs it: jest.config.ts, minus the specs that never load the
// port (specs/meta checks the ledger and the docs, specs/harness the virtual clock), which can
// neither kill a mutant nor should be able to block the mutation run, and minus the specs that
// run real worker threads and processes (src/executors is not mutated): they took 10 of the 24 s
// of a whole run here, and jest's sequencer puts slow files first, so every mutant they cover
// waited for them. Leaving specs out can only lower the score: it stays a lower bound.
import path from 'node:path';
import type { Config } from 'jest';
import base from './jest.config';

// Where the test environment records which file holds which test (the dry run records them all):
// the sequencer then loads only the files that hold a mutant's covering tests.
process.env.ASYNCIO_TEST_TIMES ??= path.join(__dirname, '.stryker-tests.jsonl');

const config: Config = {
  ...base,
  testMatch: ['<rootDir>/specs/article/**/*.spec.ts', '<rootDir>/specs/semantics/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/specs/semantics/executors/', '<rootDir>/specs/article/threads-and-processes\\.spec\\.ts$'],
  // Every spec runs in virtual time, in a few ms of wall time: a mutant that makes one hang
  // (a waiter never woken) should fail it in 3 s, not in the suite's generous 10.
  testTimeout: 3_000,
  testSequencer: path.join(__dirname, 'scripts', 'mutation', 'sequencer.cjs'),
};

export default config;
