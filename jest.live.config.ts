/** @jest-config-loader esbuild-register */
import type { Config } from 'jest';
import base from './jest.config';

// `npm run test:live`: the timing claims against the real server, on the real clock. One
// example at a time (maxWorkers 1), so the examples do not slow each other down.
const config: Config = {
  ...base,
  roots: ['<rootDir>/specs/live'],
  testMatch: ['**/*.live.ts'],
  maxWorkers: 1,
  // Five times the longest live test measured: 10.8 s (test9 as ported, booting its threads and
  // processes, six CPU hogs at load 17-20; 6.6 s with two hogs). docs/stability.md, "The live run".
  testTimeout: 60_000,
  reporters: [['<rootDir>/fixtures/claims/jest-reporter.cjs', { mode: 'live' }]],
};

export default config;
