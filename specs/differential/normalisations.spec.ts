/**
 * Tool check: the normalisations are named in one place (fixtures/scenarios/normalisations.ts),
 * and docs/contract.md repeats exactly that list, so a reader sees every tolerated difference.
 */
import fs from 'node:fs';
import path from 'node:path';
import { NORMALISATIONS, normalise } from '../../fixtures/scenarios/normalisations';

const NOTES = fs.readFileSync(path.resolve(__dirname, '../../docs/contract.md'), 'utf8');

describe('[extra] the normalisations of the differential comparison (tool check)', () => {
  test.each(NORMALISATIONS.map((n) => [n.id, n.name, n]))('%s %s is listed, word for word, in docs/contract.md', (_id, _name, n) => {
    expect(NOTES).toContain(`- **${n.id} ${n.name}**: ${n.reason}`);
  });

  test('the contract lists no normalisation the code does not apply', () => {
    const listed = [...NOTES.matchAll(/^- \*\*(N\d+) /gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(NORMALISATIONS.map((n) => n.id).sort());
  });

  test('only the named differences are absorbed: a different value, instant or final state still differs', () => {
    const base = { trace: [[10, 'a', 'acquire L', true]] as [number, string, string, unknown][], tasks: [{ task: 'a', state: 'finished' as const, value: 'a' }] };
    expect(normalise(base)).toEqual(normalise({ ...base }));
    expect(normalise(base)).not.toEqual(normalise({ ...base, trace: [[11, 'a', 'acquire L', true]] }));
    expect(normalise(base)).not.toEqual(normalise({ ...base, trace: [[10, 'a', 'acquire L', false]] }));
    expect(normalise(base)).not.toEqual(normalise({ ...base, tasks: [{ task: 'a', state: 'cancelled' }] }));
    // N4, N5, N6: class names map, library wording and the default cancel message do not count.
    const py = { trace: [[0, 'a', 'release L', { error: 'RuntimeError', message: 'Lock is not acquired.' }], [0, 'b', 'sleep', { error: 'CancelledError', message: null }]] as [number, string, string, unknown][], tasks: [] };
    const js = { trace: [[0, 'a', 'release L', { error: 'LockNotAcquiredError', message: 'Lock.release(): the lock is not acquired' }], [0, 'b', 'sleep', { error: 'CancelledError', message: 'cancelled' }]] as [number, string, string, unknown][], tasks: [] };
    expect(normalise(js)).toEqual(normalise(py));
    const boom = (message: string) => ({ trace: [[0, 'a', 'throw', { error: 'Boom', message }]] as [number, string, string, unknown][], tasks: [] });
    expect(normalise(boom('x'))).not.toEqual(normalise(boom('y')));
  });

  test('N10: cancel() of a task that finished with its value reads false; of a task it cancelled, true still differs from false', () => {
    const cancelling = (said: boolean, ended: 'finished' | 'cancelled') => ({
      trace: [[0, 'b', 'cancel a', said]] as [number, string, string, unknown][],
      tasks: [ended === 'finished' ? { task: 'a', state: 'finished' as const, value: 'a' } : { task: 'a', state: 'cancelled' as const }],
    });
    expect(normalise(cancelling(true, 'finished'))).toEqual(normalise(cancelling(false, 'finished')));
    expect(normalise(cancelling(true, 'cancelled'))).not.toEqual(normalise(cancelling(false, 'cancelled')));
  });
});
