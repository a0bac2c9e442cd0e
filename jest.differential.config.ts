/** @jest-config-loader esbuild-register */
import type { Config } from 'jest';
import base from './jest.config';

// `npm run test:differential`: the differential tool's own spec (specs/differential/*.tool.ts).
// It checks the tool, not a port: each planted defect must be found against CPython, so it
// needs Python and runs thousands of scenarios (about 9 s), and stays out of `npm test`. CI runs
// it where CPython 3.12+ is found.
const config: Config = {
  ...base,
  testMatch: ['<rootDir>/specs/differential/**/*.tool.ts'],
  reporters: ['default'],
};

export default config;
