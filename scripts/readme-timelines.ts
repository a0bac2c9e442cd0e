/**
 * `npm run timelines`: writes the README's timelines section (between its markers), from the
 * virtual runs of the examples. The drawing happens in specs/meta/timelines.spec.ts (under the
 * virtual-time harness, which lives in jest); this runs that spec in its writing mode.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { TIMELINES_FILE } from '../fixtures/timeline/readme';

const root = path.join(__dirname, '..');
const jest = require.resolve('jest/bin/jest', { paths: [root] });
const { status } = spawnSync(process.execPath, [jest, 'specs/meta/timelines.spec.ts', '--reporters=default'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TIMELINES_UPDATE: '1' },
});
if (status === 0) console.log(`wrote the timelines section of ${TIMELINES_FILE}`);
process.exitCode = status ?? 1;
