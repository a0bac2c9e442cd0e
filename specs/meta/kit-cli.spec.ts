/**
 * The kit's command line (kit/cli.ts) and rule selection: a bad flag is one KitError line (exit
 * 2), and `--only` takes a rule id, a number or a primitive, matched on the tags of the titles.
 */
import { parseArgs } from '../../kit/cli';
import { KitError } from '../../kit/resolve';
import { onlyPattern } from '../../kit/run';
import { selects } from '../../kit/rules';

describe('the kit command line', () => {
  test('reads the port and every option, paths relative to where it runs', () => {
    expect(parseArgs(['./p.mjs', '--only', 'lock,R43', '--only=event', '--timeout', '500', '--json', 'r.json', '--junit=j.xml', '--update-expectations'], '/w')).toEqual({
      cwd: '/w', port: './p.mjs', only: ['lock', 'R43', 'event'], timeout: 500, json: '/w/r.json', junit: '/w/j.xml', updateExpectations: true,
    });
    expect(parseArgs(['p', '--help'], '/w')).toBe('help');
  });

  test.each([
    [['p.mjs', '--frobnicate'], /unknown option --frobnicate/],
    [['p.mjs', '--timeout', 'soon'], /--timeout needs a positive whole number/],
    [['p.mjs', '--json'], /--json needs a value/],
    [[], /which port\?/],
    [['a.mjs', 'b.mjs'], /one port at a time/],
  ])('%p is a KitError on one line', (argv, message) => {
    expect(() => parseArgs(argv, '/w')).toThrow(KitError);
    expect(() => parseArgs(argv, '/w')).toThrow(message);
  });

  test('--only selects a rule by id or number, or every rule of a primitive, and nothing else', () => {
    const pattern = new RegExp(onlyPattern(['lock', 'R43'], new Map([['event.set-wait', 'R43']])));
    expect(['Lock [lock.fifo] hand-off x', 'Event [event.set-wait] y'].every((name) => pattern.test(name))).toBe(true);
    expect(['Lock [extra] x', 'Event [event.cancel] y', 'x [locks.other] y'].some((name) => pattern.test(name))).toBe(false);
    expect([selects('lock', 'lock.fifo'), selects('lock', 'locked.x'), selects('lock.fifo', 'lock.fifo')]).toEqual([true, false, true]);
  });
});
