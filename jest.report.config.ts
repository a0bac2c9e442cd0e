/** @jest-config-loader esbuild-register */
import type { Config } from 'jest';
import base from './jest.config';

// `npm run test:report`: the HTML report (reports/report.html, written just before by
// `npm run report`) checked in headless Chromium. Not part of `npm test`: it needs a browser.
const config: Config = {
  ...base,
  roots: ['<rootDir>/specs/report'],
  testMatch: ['**/*.browser.ts'],
  globalSetup: '<rootDir>/specs/report/browser-setup.ts',
  maxWorkers: 1,
  testTimeout: 120_000,
  reporters: ['default'],
};

export default config;
