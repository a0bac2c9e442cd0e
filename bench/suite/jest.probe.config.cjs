/**
 * The project's jest config plus ../suite/vt-probe.cjs, for scenario H's virtual-time figure.
 * Loads jest.config.ts the way jest does (esbuild-register) so it follows whatever the config says.
 */
const path = require('node:path');
require('esbuild-register/dist/node').register({ target: 'node20' });

const root = path.resolve(__dirname, '..', '..');
const loaded = require(path.join(root, 'jest.config.ts'));
const base = loaded.default ?? loaded;

module.exports = {
  ...base,
  rootDir: root,
  setupFilesAfterEnv: [...(base.setupFilesAfterEnv ?? []), path.join(__dirname, 'vt-probe.cjs')],
};
