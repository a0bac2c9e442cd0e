/**
 * `npm start`'s command line and its exploration: parameters are checked before anything runs
 * (one line, exit 2, said by live.ts), and the figure follows them. Reference-port extra: the
 * project's own tool, no contract rule.
 */
import { EXAMPLES, exampleNamed } from '../../fixtures/article/examples';
import { parseCommand } from '../../fixtures/article/live';
import { scenarioFor } from '../../fixtures/article/scenario';
import { ARTICLE_RANDOM } from '../../fixtures/claims/ledger';
import { runVirtual } from '../../fixtures/timeline/run-virtual';

describe('npm start: the command line', () => {
  test('runs every example by default, or those named, with their parameters', () => {
    expect(parseCommand([]).examples).toEqual(EXAMPLES);
    const command = parseCommand(['test8', '--limit', '3', '--requests=12', '--delay', '500', '--virtual']);
    expect(command.examples.map((e) => e.name)).toEqual(['test8']);
    expect(command.params).toEqual({ limit: 3, requests: 12, delay: 500 });
    expect(command.virtual).toBe(true);
    expect(parseCommand(['--list']).list).toBe(true);
    expect(parseCommand(['--help']).help).toBe(true);
  });

  test.each([
    [['test8', '--limit', '0'], '--limit must be a whole number from 1 to 1000, got "0"'],
    [['test8', '--limit', '2.5'], '--limit must be a whole number from 1 to 1000, got "2.5"'],
    [['test8', '--requests', 'many'], '--requests must be a whole number from 1 to 1000, got "many"'],
    [['test8', '--limit'], '--limit needs a value'],
    [['test8', '--bogus', '1'], 'unknown flag --bogus'],
    [['test10'], 'no example "test10"'],
    [['test9', '--limit', '2'], '--limit applies to test8 only, not to test9'],
    [['test9', '--virtual'], 'test9 runs real threads and processes: it has no --virtual run'],
  ])('refuses %j in one line: %s', (argv, message) => {
    let error: unknown;
    try {
      parseCommand(argv);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toContain('\n');
  });
});

describe('npm start: the scenario follows the parameters', () => {
  test("keeps the article's replayed answers for its own run, drops what no longer fits", () => {
    expect(scenarioFor('test6')).toEqual({ delay: [1000, 1001, 1002], random: ARTICLE_RANDOM.test6 });
    expect(scenarioFor('test6', { requests: 5 })).toEqual({});
    expect(scenarioFor('test6', { delay: 300 })).toEqual({ delay: 300, random: ARTICLE_RANDOM.test6 });
    expect(scenarioFor('test1')).toBeUndefined();
    expect(scenarioFor('test1', { delay: 10 })).toEqual({ delay: 10 });
  });

  test.each([
    [1, 9, 9000],
    [3, 9, 3000],
    [4, 9, 3000],
    [9, 9, 1000],
  ])('test8 with Semaphore(%i) over %i requests takes ceil(n/k) delays in virtual time: %i ms', async (limit, requests, ms) => {
    const example = exampleNamed('test8')!;
    const params = { limit, requests };
    const run = await runVirtual(example, { service: scenarioFor('test8', params), params });
    expect(run.elapsedMs).toBe(ms);
    expect(example.predict!({ limit, requests, delay: 1000, workers: 3, calls: 3 }).ms).toBe(ms);
    expect(run.spans.filter((s) => s.kind === 'request')).toHaveLength(requests);
  });
});
