/**
 * source-map, as the copy of source-map-support that jest gives each spec file sees it
 * (runtime.cjs), but with a SourceMapConsumer that parses each distinct map once per run.
 *
 * jest maps every stack trace a spec formats, and every `toThrow` formats its error's stack
 * (expect checks that `stack` is a string); each spec file's source-map-support parsed the maps
 * of the port's modules again (a V8 profile of the whole suite, 3 December: 0.39 s of jest's
 * thread formatting stacks, 0.2 s of it parsing maps; 0.21 s and 0.07 s with this). A consumer is
 * only read once parsed, and the same map gives the same positions, so one is handed to every
 * file that asks for the same map (its JSON, and the URL it was read from).
 *
 * CommonJS, like runtime.cjs.
 */
const path = require('node:path');

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

module.exports = {
  SOURCE_MAP_SUPPORT,
  sourceMap: { ...sourceMapPackage, SourceMapConsumer },
  /** Called as a run starts (runtime.cjs): a watch run's maps are parsed anew. */
  forget: () => consumers.clear(),
};
