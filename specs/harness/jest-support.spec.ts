/**
 * What the suite's jest support (specs/support/) changes in how jest runs a spec file, checked
 * from inside one. This file declares no concurrent test.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';

interface SourceMapConsumer {
  originalPositionFor(position: { line: number; column: number }): { source: string | null; line: number | null; column: number | null };
}
interface SourceMapPackage {
  SourceMapConsumer: new (map: object | string, url?: string) => SourceMapConsumer;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const shared = require('../support/shared-internal-modules.cjs') as {
  OUTSIDE: Set<string>;
  SOURCE_MAP_SUPPORT: string;
  sharedInternalModule(from: string, to: string): unknown;
  forget(): void;
};

describe("jest-circus's test-name storage (async-local-storage.cjs)", () => {
  test('is not entered in a file without a concurrent test, and expect still names the test', () => {
    const state = expect.getState() as { currentConcurrentTestName?: () => string | undefined; currentTestName?: string };
    expect(state.currentConcurrentTestName?.()).toBeUndefined();
    expect(state.currentTestName).toBe(
      "jest-circus's test-name storage (async-local-storage.cjs) is not entered in a file without a concurrent test, and expect still names the test",
    );
  });

  test('any other AsyncLocalStorage works as Node made it, across awaits', async () => {
    const storage = new AsyncLocalStorage<string>();
    const seen = await storage.run('mine', async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return storage.getStore();
    });
    expect(seen).toBe('mine');
    expect(storage.getStore()).toBeUndefined();
    storage.disable();
  });
});

describe("jest's own modules that a spec file shares with the run (shared-internal-modules.cjs, for runtime.cjs)", () => {
  const jestSnapshot = require.resolve('jest-snapshot');
  const nodeRequire = createRequire(jestSnapshot);

  test('a stateless package an internal module asks for is the one Node loaded, outside the file\'s context', () => {
    expect(shared.OUTSIDE.has('semver')).toBe(true);
    expect(shared.sharedInternalModule(jestSnapshot, 'semver')).toBe(nodeRequire('semver'));
  });

  test('what looks at a test\'s values is not shared, nor is any module outside the list: jest loads it in the file\'s context', () => {
    for (const name of ['expect', 'pretty-format', '@jest/get-type', 'jest-matcher-utils', 'source-map']) {
      expect(shared.sharedInternalModule(jestSnapshot, name)).toBeUndefined();
    }
  });
});

describe("source maps (shared-internal-modules.cjs, given to each file's source-map-support)", () => {
  const { SourceMapConsumer } = shared.sharedInternalModule(shared.SOURCE_MAP_SUPPORT, 'source-map') as SourceMapPackage;
  // Line 1 of the output maps to line 1 of a.ts, line 2 to line 3.
  const map = { version: 3, file: 'a.js', sources: ['a.ts'], names: [], mappings: 'AAAA;AAEA' };
  afterAll(() => shared.forget());

  // source-map-support passes the map alone, as the object jest's handler parsed from its file.
  test('the same map, as another object or as its JSON text, is parsed once: one consumer, which maps as source-map does', () => {
    const first = new SourceMapConsumer(map);
    expect(new SourceMapConsumer(JSON.parse(JSON.stringify(map)))).toBe(first);
    expect(new SourceMapConsumer(JSON.stringify(map))).toBe(first);
    expect(first.originalPositionFor({ line: 2, column: 0 })).toEqual({ source: 'a.ts', line: 3, column: 0, name: null });
  });

  test('another map, or the same map from another URL, gets its own consumer', () => {
    const first = new SourceMapConsumer(map);
    const other = new SourceMapConsumer({ ...map, mappings: 'AAAA;AACA' });
    expect(other).not.toBe(first);
    expect(other.originalPositionFor({ line: 2, column: 0 }).line).toBe(2);
    const fromUrl = new SourceMapConsumer(map, 'file:///y/a.js');
    expect(fromUrl).not.toBe(first);
    expect(fromUrl.originalPositionFor({ line: 2, column: 0 }).source).toBe('file:///y/a.ts');
  });

  test('a run forgets them all', () => {
    const first = new SourceMapConsumer(map);
    shared.forget();
    expect(new SourceMapConsumer(map)).not.toBe(first);
  });
});
