// jest requires reporters with Node's own require, which cannot load TypeScript: register the
// esbuild loader jest already uses for jest.config.ts, just long enough to load the reporter.
const { register } = require('esbuild-register/dist/node');

const { unregister } = register({ target: `node${process.version.slice(1)}` });
try {
  module.exports = require('./conformance-reporter.ts').default;
} finally {
  unregister();
}
