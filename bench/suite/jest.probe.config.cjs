/**
 * The project's jest config plus ../suite/vt-probe.cjs, for scenario H's virtual-time figure.
 * Loads jest.config.ts the way jest does (esbuild-register) so it follows whatever the config says.
 */
const path = require('node:path');
require('esbuild-register/dist/node').register({ target: 'node20' });

const root = path.resolve(__dirname, '..', '..');
// The figure is the article specs' own speed: [C02]'s probe, which `npm test` starts as the run
// begins (specs/support/run-order.cjs), would run beside them on the other core and slow them
// (64.6 virtual s per wall s against 128.9, 3 December). Here it runs in its own test, as before.
process.env.ASYNCIO_SPEC_EARLY_START = '0';
const loaded = require(path.join(root, 'jest.config.ts'));
const base = loaded.default ?? loaded;

module.exports = {
  ...base,
  rootDir: root,
  setupFilesAfterEnv: [...(base.setupFilesAfterEnv ?? []), path.join(__dirname, 'vt-probe.cjs')],
};
