/**
 * Tool check: the normalisations are named in one place (fixtures/scenarios/normalisations.ts),
 * and so are the differences random scenarios leave out (fixtures/scenarios/exclusions.json);
 * docs/contract.md repeats exactly those lists, so a reader sees every tolerated difference.
 */
import fs from 'node:fs';
import path from 'node:path';
import { NORMALISATIONS, normalise } from '../../fixtures/scenarios/normalisations';
import { contractLine, readExclusions } from '../../fixtures/scenarios/exclusions';

const NOTES = fs.readFileSync(path.resolve(__dirname, '../../docs/contract.md'), 'utf8');
const GENERATOR = fs.readFileSync(path.resolve(__dirname, '../../fixtures/scenarios/generate.ts'), 'utf8');
const NAMED = readExclusions().named;

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

  test('N11: a cancel message read from another task (await, waitFor, gather) reads as none; in the task\'s own steps it still counts', () => {
    const cancelled = (message: string | null) => ({ error: 'CancelledError', message });
    const reading = (message: string | null) => ({
      trace: [
        [0, 'a', 'sleep', cancelled(message)],
        [0, 'b', 'await a', cancelled(message)],
        [0, 'c', 'waitFor a', cancelled(message)],
        [0, 'd', 'gather', [cancelled(message), 1]],
      ] as [number, string, string, unknown][],
      tasks: [],
    });
    const readersOnly = (message: string | null) => ({ ...reading(message), trace: reading(message).trace.slice(1) });
    expect(normalise(readersOnly('m1'))).toEqual(normalise(readersOnly(null)));
    expect(normalise(reading('m1'))).not.toEqual(normalise(reading(null)));
    // Only CancelledError: the program's own error still compares its message when read.
    const boom = (message: string) => ({ trace: [[0, 'b', 'await a', { error: 'Boom', message }]] as [number, string, string, unknown][], tasks: [] });
    expect(normalise(boom('x'))).not.toEqual(normalise(boom('y')));
  });
});

describe('[extra] the differences random scenarios leave out (tool check)', () => {
  test.each(NAMED.map((d) => [d.id, d.name, d]))('%s %s is listed, word for word, in docs/contract.md', (_id, _name, d) => {
    expect(NOTES).toContain(contractLine(d));
  });

  test('the contract lists no such difference that exclusions.json does not name', () => {
    const listed = [...NOTES.matchAll(/^- \*\*(D\d+) /gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(NAMED.map((d) => d.id).sort());
  });

  test.each(NAMED.map((d) => [d.id, d.exclude]))('%s: the generator rule that keeps %s out cites it', (id, exclude) => {
    expect(GENERATOR).toContain(`exclude.has('${exclude}')`);
    expect(GENERATOR).toContain(`${id} (docs/contract.md`);
  });
});

