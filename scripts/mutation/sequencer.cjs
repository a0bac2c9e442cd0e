/**
 * The test sequencer of `npm run mutate` (jest.stryker.config.ts). Stryker runs each mutant with
 * a testNamePattern naming the tests that cover it, but jest still loads every spec file to find
 * them, a quarter of a second each: most of a mutant's time. With the test names the dry run
 * recorded (specs/support/environment.ts writes each finished test to ASYNCIO_TEST_TIMES), this
 * keeps only the files that hold a test the pattern names. Without a pattern (the dry run), or
 * before anything was recorded, it keeps every file.
 */
const fs = require('node:fs');
const Sequencer = require('@jest/test-sequencer').default;

let filesByName;

/** Test name (jest's full name: describe titles and title, space-joined) to its file, read once. */
function recorded() {
  if (filesByName) return filesByName;
  const file = process.env.ASYNCIO_TEST_TIMES;
  if (!file || !fs.existsSync(file)) return undefined;
  filesByName = new Map();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    const { file: testFile, titles } = JSON.parse(line);
    filesByName.set(titles.join(' '), testFile);
  }
  return filesByName;
}

class CoveringFilesSequencer extends Sequencer {
  #pattern;

  constructor(options) {
    super(options);
    this.#pattern = options.globalConfig.testNamePattern;
  }

  sort(tests) {
    const sorted = super.sort(tests);
    const names = this.#pattern ? recorded() : undefined;
    if (!names) return sorted;
    const pattern = new RegExp(this.#pattern, 'i');
    const wanted = new Set();
    for (const [name, file] of names) if (pattern.test(name)) wanted.add(file);
    return Promise.resolve(sorted).then((list) => list.filter((test) => wanted.has(test.path)));
  }
}

module.exports = CoveringFilesSequencer;
