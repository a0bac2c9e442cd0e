/**
 * The project's jest config, pointed at bench/suite/stub-rate.bench.ts (scenario H's stubbed
 * request figure). Loaded the way jest loads jest.config.ts, so it follows whatever that says.
 */
const path = require('node:path');
require('esbuild-register/dist/node').register({ target: 'node20' });

const root = path.resolve(__dirname, '..', '..');
const loaded = require(path.join(root, 'jest.config.ts'));
const base = loaded.default ?? loaded;

module.exports = {
  ...base,
  rootDir: root,
  roots: ['<rootDir>/bench/suite'],
  testMatch: ['**/stub-rate.bench.ts'],
  reporters: ['default'],
};
