/**
 * Bad input to the synchronization primitives, table-driven: every wrong type, null,
 * undefined, NaN, Infinity, negative or huge number and non-signal ends in a typed error or in
 * asyncio's behaviour, thrown at once or as the rejection, and never in an uncaught exception
 * or a hang; nothing is left behind (virtual time checks timers and unhandled rejections after
 * each test).
 *
 * Contract rules: a `signal` option that is not an AbortSignal is a TypeError naming it;
 * `null` or `undefined` options are no options (asyncio's None). Where asyncio accepts a value
 * without checking it (Semaphore(1.5), notify(-1) or notify('1') with nobody waiting), the port
 * refuses it with a TypeError or RangeError instead (checked on CPython 3.13.0: asyncio takes
 * them silently and fails, if ever, later and elsewhere).
 */
import { BoundedSemaphore, Condition, Event, Lock, Semaphore } from '@port';
import { useVirtualTime } from '../../support/virtual-time';
import { endingOf, expectEnding, type Expected } from './settle-call';

type Options = unknown;
type Call = (options: Options) => unknown;

/** Each call that takes `{ signal }`, set up so that with valid options it returns at once (or nearly). */
const WAITS: Array<[string, () => Call]> = [
  ['Lock.acquire', () => (o) => new Lock().acquire(o as never)],
  ['Lock.hold', () => (o) => new Lock().hold(o as never)],
  ['Semaphore.acquire', () => (o) => new Semaphore(1).acquire(o as never)],
  ['Semaphore.hold', () => (o) => new Semaphore(1).hold(o as never)],
  ['BoundedSemaphore.acquire', () => (o) => new BoundedSemaphore(1).acquire(o as never)],
  ['Event.wait', () => (o) => {
    const event = new Event();
    event.set();
    return event.wait(o as never);
  }],
  ['Condition.acquire', () => (o) => new Condition().acquire(o as never)],
  ['Condition.hold', () => (o) => new Condition().hold(o as never)],
  ['Condition.wait', () => async (o) => {
    const cond = new Condition();
    await cond.acquire();
    const waiting = cond.wait(o as never);
    await cond.acquire();
    cond.notify();
    cond.release();
    await waiting;
    cond.release();
  }],
  ['Condition.waitFor', () => (o) => {
    const cond = new Condition();
    return cond.acquire().then(() => cond.waitFor(() => 'ready', o as never));
  }],
];

const NOT_SIGNALS: Array<[string, unknown]> = [
  ['a plain object', {}],
  ['a look-alike with aborted and addEventListener', { aborted: false, addEventListener() {}, removeEventListener() {} }],
  ['a string', 'stop'],
  ['a number', 42],
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['a negative number', -1],
  ['a huge number', 2 ** 53],
  ['null', null],
  ['a function', () => {}],
  ['an AbortController (not its signal)', new AbortController()],
];

const NOT_OPTIONS: Array<[string, unknown]> = [
  ['a string', 'x'],
  ['a number', 42],
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['a negative number', -1],
  ['true', true],
];

describe('bad input to the locks', () => {
  const vt = useVirtualTime();

  describe.each(WAITS)('%s', (_, make) => {
    test.each(NOT_SIGNALS)('[extra] { signal: %s } is a TypeError naming the signal option', async (__, signal) => {
      expectEnding(await endingOf(vt, () => make()({ signal })), { error: TypeError, message: /signal must be an AbortSignal/ });
    });

    test.each(NOT_OPTIONS)('[extra] options that are %s are a TypeError naming the options', async (__, options) => {
      expectEnding(await endingOf(vt, () => make()(options)), { error: TypeError, message: /options must be an object/ });
    });

    test.each([['null', null], ['undefined', undefined], ['{}', {}], ['{ signal: undefined }', { signal: undefined }]])(
      '[options.absent] options %s are no options, as asyncio\'s None: the call goes through',
      async (__, options) => {
        expectEnding(await endingOf(vt, () => make()(options)), 'returns');
      },
    );
  });

  describe.each([
    ['Semaphore', (v: unknown) => new Semaphore(v as number)],
    ['BoundedSemaphore', (v: unknown) => new BoundedSemaphore(v as number)],
  ])('[extra] new %s(value)', (_, make) => {
    test.each<[string, unknown, Expected]>([
      ['undefined (the default, 1)', undefined, 'returns'],
      ['0', 0, 'returns'],
      ['a huge integer, 2 ** 53', 2 ** 53, 'returns'],
      ['a negative number: RangeError, as asyncio\'s ValueError', -1, { error: RangeError, message: />= 0/ }],
      ['NaN', NaN, { error: TypeError, message: /integer/ }],
      ['Infinity', Infinity, { error: TypeError, message: /integer/ }],
      ['-Infinity', -Infinity, { error: TypeError, message: /integer/ }],
      ['a fraction', 1.5, { error: TypeError, message: /integer/ }],
      ['a numeric string', '2', { error: TypeError, message: /integer/ }],
      ['null: TypeError, as asyncio\'s', null, { error: TypeError, message: /integer/ }],
      ['an object', {}, { error: TypeError, message: /integer/ }],
    ])('%s', async (__, value, expected) => {
      expectEnding(await endingOf(vt, () => make(value)), expected);
    });
  });

  describe('[extra] new Condition(lock)', () => {
    test.each<[string, unknown, Expected]>([
      ['null is asyncio\'s Condition(None): a lock of its own', null, 'returns'],
      ['undefined: a lock of its own', undefined, 'returns'],
      ['a Semaphore', new Semaphore(1), { error: TypeError, message: /must be a Lock/ }],
      ['a plain object', {}, { error: TypeError, message: /must be a Lock/ }],
      ['a string', 'lock', { error: TypeError, message: /must be a Lock/ }],
    ])('%s', async (_, lock, expected) => {
      expectEnding(await endingOf(vt, () => new Condition(lock as Lock)), expected);
    });
  });

  describe('[extra] Condition.notify(n), the lock held and nobody waiting', () => {
    test.each<[string, unknown, Expected]>([
      ['undefined (the default, 1)', undefined, 'returns'],
      ['Infinity: everyone', Infinity, 'returns'],
      ['a huge integer', 2 ** 53, 'returns'],
      ['NaN', NaN, { error: RangeError, message: /integer >= 0/ }],
      ['a negative number', -1, { error: RangeError, message: /integer >= 0/ }],
      ['a fraction', 1.5, { error: RangeError, message: /integer >= 0/ }],
      ['a numeric string', '1', { error: TypeError, message: /must be a number/ }],
      ['null', null, { error: TypeError, message: /must be a number/ }],
    ])('%s', async (_, n, expected) => {
      const cond = new Condition();
      await cond.acquire();
      expectEnding(await endingOf(vt, () => cond.notify(n as number)), expected);
      cond.release();
    });
  });

  describe('[extra] Condition.waitFor(predicate)', () => {
    test.each([['null', null], ['a string', 'ready'], ['a number', 1], ['an object', {}]])(
      'a predicate that is %s is a TypeError',
      async (_, predicate) => {
        const cond = new Condition();
        await cond.acquire();
        expectEnding(await endingOf(vt, () => cond.waitFor(predicate as () => boolean)), { error: TypeError, message: /predicate must be a function/ });
        cond.release();
      },
    );
  });
});
