/**
 * What the suite's jest support (specs/support/) changes in how jest runs a spec file, checked
 * from inside one. This file declares no concurrent test.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

interface SourceMapConsumer {
  originalPositionFor(position: { line: number; column: number }): { source: string | null; line: number | null; column: number | null };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sharedSourceMaps = require('../support/shared-source-maps.cjs') as {
  sourceMap: { SourceMapConsumer: new (map: object | string, url?: string) => SourceMapConsumer };
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

describe('source maps (shared-source-maps.cjs, given by runtime.cjs to each file\'s source-map-support)', () => {
  const { SourceMapConsumer } = sharedSourceMaps.sourceMap;
  // Line 1 of the output maps to line 1 of a.ts, line 2 to line 3.
  const map = { version: 3, file: 'a.js', sources: ['a.ts'], names: [], mappings: 'AAAA;AAEA' };
  afterAll(() => sharedSourceMaps.forget());

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
    sharedSourceMaps.forget();
    expect(new SourceMapConsumer(map)).not.toBe(first);
  });
});
