/**
 * Usage tracking (a setupFilesAfterEnv of every run, the repository's and the kit's): a test
 * that touched a part the port lacks must not count as a pass, even when its assertions let the
 * stand-in's error through (`toThrow()` with no class, a task that swallowed it...). The note
 * comes through kit/not-provided.ts's global hook; after such a test, this file fails it with a
 * NotProvidedError carrying the marker the reporter reads.
 *
 * A use outside any test (a spec file's top level) is written to $ASYNCIO_KIT_FILE_NOTES, one
 * JSON line per use, since jest keeps only the text of an error that stops a whole file.
 */
import fs from 'node:fs';
import { NOT_PROVIDED, NotProvidedError } from './not-provided';

const usedInThisTest = new Set<string>();
let inTest = false;

(globalThis as Record<symbol, unknown>)[NOT_PROVIDED] = (name: string) => {
  if (inTest) {
    usedInThisTest.add(name);
    return;
  }
  const notes = process.env.ASYNCIO_KIT_FILE_NOTES;
  if (notes) fs.appendFileSync(notes, `${JSON.stringify({ file: expect.getState().testPath, name })}\n`);
};

beforeEach(() => {
  usedInThisTest.clear();
  inTest = true;
});

afterEach(() => {
  inTest = false;
  if (usedInThisTest.size === 0) return;
  const names = [...usedInThisTest].sort();
  usedInThisTest.clear();
  throw new NotProvidedError(names, 'the test used it');
});

export {};
