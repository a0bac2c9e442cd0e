/**
 * What the suite's jest support (specs/support/) changes in how jest runs a spec file, checked
 * from inside one. This file declares no concurrent test.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

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
