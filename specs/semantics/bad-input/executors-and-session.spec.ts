/**
 * Bad input to the executors, runInExecutor and ClientSession, table-driven: each ends in a
 * typed error or in asyncio's behaviour (thrown at once or as the rejection), never in an
 * uncaught exception, a hang or a request sent. Contract rules: `null` options are no options
 * (Python's None: `max_workers=None` is the default size); an options argument that is not an
 * object, and a `signal` option that is not an AbortSignal, are TypeErrors naming them.
 */
import { ClientSession, ProcessPoolExecutor, runInExecutor, ThreadPoolExecutor, UncloneableValueError } from '@port';
import { useVirtualTime } from '../../support/virtual-time';
import { endingOf, expectEnding, type Expected } from './settle-call';

describe('[extra] bad input to the executors', () => {
  const vt = useVirtualTime();

  describe.each([
    ['ThreadPoolExecutor', (o: unknown) => new ThreadPoolExecutor(o as never)],
    ['ProcessPoolExecutor', (o: unknown) => new ProcessPoolExecutor(o as never)],
  ])('new %s(options)', (_, make) => {
    test.each<[string, unknown, Expected]>([
      ['null: the default size, as max_workers=None', null, 'returns'],
      ['undefined: the default size', undefined, 'returns'],
      ['{ maxWorkers: null }: the default size', { maxWorkers: null }, 'returns'],
      ['{ maxWorkers: 2 ** 31 }: a huge size is allowed (workers start on demand)', { maxWorkers: 2 ** 31 }, 'returns'],
      ['{ maxWorkers: 0 }', { maxWorkers: 0 }, { error: RangeError, message: /positive integer/ }],
      ['{ maxWorkers: -1 }', { maxWorkers: -1 }, { error: RangeError, message: /positive integer/ }],
      ['{ maxWorkers: NaN }', { maxWorkers: NaN }, { error: RangeError, message: /positive integer/ }],
      ['{ maxWorkers: Infinity }', { maxWorkers: Infinity }, { error: RangeError, message: /positive integer/ }],
      ['{ maxWorkers: 1.5 }', { maxWorkers: 1.5 }, { error: RangeError, message: /positive integer/ }],
      ['{ maxWorkers: "2" }', { maxWorkers: '2' }, { error: TypeError, message: /maxWorkers must be a number/ }],
      ['a number instead of options', 4, { error: TypeError, message: /options must be an object/ }],
      ['a string instead of options', 'x', { error: TypeError, message: /options must be an object/ }],
    ])('%s', async (__, options, expected) => {
      const ending = await endingOf(vt, () => make(options));
      expectEnding(ending, expected);
      // A pool that was made starts no worker until a call comes; shut it anyway.
      if (ending.ok) await (ending.value as ThreadPoolExecutor).shutdown();
    });
  });

  describe('submit(), runInExecutor() and shutdown()', () => {
    const pools: ThreadPoolExecutor[] = [];
    const pool = (): ThreadPoolExecutor => {
      const made = new ThreadPoolExecutor({ maxWorkers: 1 });
      pools.push(made);
      return made;
    };
    afterEach(async () => {
      await Promise.all(pools.splice(0).map((made) => made.shutdown({ wait: false })));
    });

    test.each([['null', null], ['undefined', undefined], ['a number', 42], ['source text', 'x => x'], ['an object', {}]])(
      'submit(fn) with fn %s is a TypeError, and starts no worker',
      async (_, fn) => {
        const executor = pool();
        expectEnding(await endingOf(vt, () => executor.submit(fn as never)), { error: TypeError, message: /fn must be a function/ });
        expect(executor.workerCount).toBe(0);
      },
    );

    test.each([['a symbol', Symbol('s')], ['a function', () => 1], ['a WeakMap', new WeakMap()]])(
      'an argument that is %s is an UncloneableValueError',
      async (_, arg) => {
        const executor = pool();
        expectEnding(await endingOf(vt, () => executor.submit((x: unknown) => x, arg)), { error: UncloneableValueError });
      },
    );

    test.each([['null', null], ['undefined', undefined], ['an object without submit()', {}], ['a string', 'pool']])(
      'runInExecutor(executor, fn) with executor %s is a TypeError',
      async (_, executor) => {
        expectEnding(await endingOf(vt, () => runInExecutor(executor as never, () => 1)), { error: TypeError, message: /executor must have a submit\(\) method/ });
      },
    );

    test('runInExecutor(executor, fn) with fn not a function is a TypeError', async () => {
      const executor = pool();
      expectEnding(await endingOf(vt, () => runInExecutor(executor, 'x => x' as never)), { error: TypeError, message: /fn must be a function/ });
    });

    test.each<[string, unknown, Expected]>([
      ['null: the defaults, as no options', null, 'returns'],
      ['undefined', undefined, 'returns'],
      ['a string', 'now', { error: TypeError, message: /options must be an object/ }],
    ])('shutdown(options) with options %s', async (_, options, expected) => {
      const executor = pool();
      expectEnding(await endingOf(vt, () => executor.shutdown(options as never)), expected);
    });
  });
});

describe('[extra] bad input to ClientSession.get', () => {
  const vt = useVirtualTime();

  // A refusal's message names the call, as every misuse message of the port does (tasks/misuse-messages.spec.ts).
  test.each<[string, unknown, Expected]>([
    ['null: no options, the request goes through', null, 'returns'],
    ['undefined', undefined, 'returns'],
    ['{ signal: undefined }', { signal: undefined }, 'returns'],
    ['{ signal: {} }', { signal: {} }, { error: TypeError, message: /^ClientSession\.get\(\): signal must be an AbortSignal/ }],
    ['{ signal: "stop" }', { signal: 'stop' }, { error: TypeError, message: /^ClientSession\.get\(\): signal must be an AbortSignal/ }],
    ['{ signal: null }', { signal: null }, { error: TypeError, message: /^ClientSession\.get\(\): signal must be an AbortSignal/ }],
    ['{ signal: NaN }', { signal: NaN }, { error: TypeError, message: /^ClientSession\.get\(\): signal must be an AbortSignal/ }],
    ['a number instead of options', 42, { error: TypeError, message: /^ClientSession\.get\(\): options must be an object/ }],
    ['a string instead of options', 'x', { error: TypeError, message: /^ClientSession\.get\(\): options must be an object/ }],
  ])('options %s', async (_, options, expected) => {
    const { url, service } = vt.service();
    await using session = new ClientSession();
    expectEnding(await endingOf(vt, () => session.get(url, options as never)), expected);
    // A refused call sends nothing.
    expect(service.requests).toHaveLength(expected === 'returns' ? 1 : 0);
  });

  test.each([
    ['null', null, /^ClientSession\.get\(url\): url must be a string or a URL, got null$/],
    ['a number', 42, /^ClientSession\.get\(url\): url must be a string or a URL, got number$/],
    ['an empty string', '', /^ClientSession\.get\(url\): not an absolute URL: ""$/],
    ['a relative path', '/random', /^ClientSession\.get\(url\): not an absolute URL: "\/random"$/],
  ])('a url that is %s is a TypeError that names the call and what it got, and sends nothing', async (_, url, message) => {
    const { service } = vt.service();
    await using session = new ClientSession();
    expectEnding(await endingOf(vt, () => session.get(url as never)), { error: TypeError, message });
    expect(service.requests).toEqual([]);
  });

  test('a URL object is a url too, as a string is (aiohttp takes a str or a yarl.URL)', async () => {
    const { url, service } = vt.service();
    await using session = new ClientSession();
    const response = await vt.run(() => session.get(new URL(url)));
    expect([response.status, response.url, service.requests.length]).toEqual([200, new URL(url).href, 1]);
  });
});
