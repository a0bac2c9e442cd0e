/**
 * ts-jest, loaded only when a file must really be compiled. jest asks a transformer for each
 * file's cache key before it reads its cache, and ts-jest's key needs its whole configuration,
 * which loads the TypeScript compiler (about half a second of CPU in every jest process, every
 * run, although the cache already holds every file). This key is made of what ts-jest's own is
 * made of, without loading TypeScript: the versions of ts-jest and TypeScript, tsconfig.json as
 * written, ts-jest's options, jest's project configuration, the instrument and ESM flags, the
 * file's path and its text. ts-jest keys on the same (plus the parsed tsconfig, which the text
 * of a tsconfig.json without `extends` decides): with `extends`, this falls back to ts-jest's
 * key. ts-jest runs transpile-only (`isolatedModules` in tsconfig.json; `npm run typecheck`
 * checks types), so a file's output depends on nothing else, not on the files it imports.
 * CommonJS, like environment.cjs.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const versionOf = (name) => JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;

class LazyTsJest {
  #options;
  #tsJest;
  #fixed;

  constructor(options = {}) {
    this.#options = options;
  }

  /** ts-jest's transformer, created on first use. */
  #delegate() {
    this.#tsJest ??= require('ts-jest').default.createTransformer(this.#options);
    return this.#tsJest;
  }

  /** The parts of the key that are the same for every file of a run, or undefined to defer to ts-jest. */
  #fixedPart(transformOptions) {
    if (this.#fixed?.configString === transformOptions.configString) return this.#fixed.key;
    const rootDir = transformOptions.config.rootDir;
    const tsconfigPath = path.resolve(rootDir, (this.#options.tsconfig ?? '<rootDir>/tsconfig.json').replace('<rootDir>', rootDir));
    const tsconfig = fs.readFileSync(tsconfigPath, 'utf8');
    const key = /"extends"/.test(tsconfig)
      ? undefined
      : ['lazy-ts-jest 1', versionOf('ts-jest'), versionOf('typescript'), tsconfigPath, tsconfig, JSON.stringify(this.#options), transformOptions.configString].join('\0');
    this.#fixed = { configString: transformOptions.configString, key };
    return key;
  }

  // Arrow functions: jest calls getCacheKey unbound on its asynchronous path.
  getCacheKey = (fileContent, filePath, transformOptions) => {
    const fixed = this.#fixedPart(transformOptions);
    if (fixed === undefined) return this.#delegate().getCacheKey(fileContent, filePath, transformOptions);
    const { instrument = false, supportsStaticESM = false } = transformOptions;
    return crypto.createHash('sha1').update([fixed, `instrument:${instrument}`, `esm:${supportsStaticESM}`, filePath, fileContent].join('\0')).digest('hex');
  };

  process = (fileContent, filePath, transformOptions) => this.#delegate().process(fileContent, filePath, transformOptions);

  processAsync = (fileContent, filePath, transformOptions) => this.#delegate().processAsync(fileContent, filePath, transformOptions);
}

module.exports = { createTransformer: (options) => new LazyTsJest(options) };
