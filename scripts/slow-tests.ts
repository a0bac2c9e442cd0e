/**
 * `tsx scripts/slow-tests.ts <file>`: reads the test times specs/support/environment.ts wrote
 * (ASYNCIO_TEST_TIMES) and lists every test that took more than a fifth of its timeout (issue
 * 15: under load, no spec may come near it); exit 1 if there is one, 2 if the file is missing.
 */
import fs from 'node:fs';

const SHARE = 5;

interface TestTime {
  file: string;
  test: string;
  duration: number;
  timeout: number;
}

const file = process.argv[2];
if (!file || !fs.existsSync(file)) {
  console.error(`usage: tsx scripts/slow-tests.ts <test times file> (${file ? `${file} not found` : 'none given'})`);
  process.exit(2);
}
const times = fs
  .readFileSync(file, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as TestTime);
const share = (t: TestTime): number => t.duration / t.timeout;
const slow = times.filter((t) => share(t) > 1 / SHARE);
const closest = times.reduce<TestTime | undefined>((worst, t) => (!worst || share(t) > share(worst) ? t : worst), undefined);
const describe = (t: TestTime): string => `${t.duration} ms of ${t.timeout}: ${t.test} (${t.file.replace(`${process.cwd()}/`, '')})`;
if (slow.length > 0) {
  console.log(`slow tests: ${slow.length} took more than a fifth of their timeout\n  ${slow.map(describe).join('\n  ')}`);
  process.exit(1);
}
console.log(`slow tests: none of ${times.length}; closest to its timeout: ${closest ? describe(closest) : '-'}`);
