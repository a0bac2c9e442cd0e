/**
 * Before the browser spec: the browser and the page must be there. When one is missing the
 * run stops with one line that says what to do (jest would otherwise fail every test with it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { CHROMIUM, REPORT, ROOT } from './paths';

export default function checkBrowser(): void {
  const problem = !fs.existsSync(CHROMIUM)
    ? `no browser at ${CHROMIUM}: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH)`
    : !fs.existsSync(REPORT)
      ? `no report at ${path.relative(ROOT, REPORT)}: run npm run report first`
      : undefined;
  if (problem) {
    process.stderr.write(`test:report: ${problem}\n`);
    process.exit(1);
  }
}
