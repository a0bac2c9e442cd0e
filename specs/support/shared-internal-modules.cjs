/**
 * The modules of jest's own (its "internal" modules: jest-circus, expect, jest-snapshot and what
 * they load) that a spec file shares with the rest of the run, for runtime.cjs. jest loads its
 * internal modules again in each spec file's context, so that nothing of one file's expect or
 * test state reaches the next; but some of what they load holds no state and makes nothing a
 * test could tell apart by its realm, and loading it again cost every file its time.
 *
 * - OUTSIDE: packages loaded once, by Node's own require, outside the files' contexts, as jest
 *   already does for chalk (INTERNAL_MODULE_REQUIRE_OUTSIDE_OPTIMIZED_MODULES in jest-runtime).
 *   Each takes and returns strings, numbers or functions of its own (semver, the seeded random
 *   numbers of jest-circus, globs, colours, code frames, stack lines); none is given a test's
 *   value to inspect. Left inside: whatever looks at a test's values (expect, pretty-format,
 *   @jest/get-type, which compares constructors with the context's own). 40 one-line spec
 *   files, 3 December: 2.4 to 2.6 s wall and 2.9 to 3.1 s CPU, 2.15 s and 2.6 s with these
 *   outside (semver alone was 2.8 ms of each file, pure-rand 1.6 ms).
 * - source-map, for the copy of source-map-support that jest installs in each file: its
 *   SourceMapConsumer here parses each distinct map once per run. Every `toThrow` formats its
 *   error's stack (expect checks that `stack` is a string), and each spec file parsed the maps
 *   of the port's modules again (a V8 profile of the whole suite, 3 December: 0.39 s of jest's
 *   thread formatting stacks, 0.2 s of it parsing maps; 0.21 s and 0.07 s with this). A consumer
 *   is only read once parsed, and the same map gives the same positions, so one is handed to
 *   every file that asks for the same map (its JSON, and the URL it was read from).
 *
 * CommonJS, like runtime.cjs.
 */
const { createRequire } = require('node:module');
const path = require('node:path');

const OUTSIDE = new Set([
  '@babel/code-frame',
  '@jest/diff-sequences',
  'ansi-styles',
  'ci-info',
  'escape-string-regexp',
  'graceful-fs',
  'jest-regex-util',
  'micromatch',
  'natural-compare',
  'picocolors',
  'picomatch',
  'pure-rand',
  'react-is',
  'semver',
  'slash',
  'stack-utils',
  'synckit',
]);

/** The source-map-support that jest-runner installs in each spec file's context. */
const SOURCE_MAP_SUPPORT = require.resolve('source-map-support', { paths: [path.dirname(require.resolve('jest-runner'))] });
const sourceMapPackage = require(require.resolve('source-map', { paths: [path.dirname(SOURCE_MAP_SUPPORT)] }));

/** The URL and the map's JSON → its consumer. */
const consumers = new Map();

/** Called with `new` (a constructor that returns its object), as source-map's own. */
function SourceMapConsumer(map, url) {
  const key = `${url ?? ''}\0${typeof map === 'string' ? map : JSON.stringify(map)}`;
  let consumer = consumers.get(key);
  if (consumer === undefined) consumers.set(key, (consumer = new sourceMapPackage.SourceMapConsumer(map, url)));
  return consumer;
}
const sourceMap = { ...sourceMapPackage, SourceMapConsumer };

/**
 * What an internal module at `from` gets for `require(to)` when it is shared, else undefined
 * (jest loads it in the file's context as usual).
 */
function sharedInternalModule(from, to) {
  if (OUTSIDE.has(to)) return createRequire(from)(to);
  if (to === 'source-map' && from === SOURCE_MAP_SUPPORT) return sourceMap;
  return undefined;
}

module.exports = {
  OUTSIDE,
  SOURCE_MAP_SUPPORT,
  sharedInternalModule,
  /** Called as a run starts (runtime.cjs): a watch run's maps are parsed anew. */
  forget: () => consumers.clear(),
};
