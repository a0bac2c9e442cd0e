/**
 * jest's Node environment, plus a record of how long each test took against its timeout: with
 * ASYNCIO_TEST_TIMES naming a file, each finished test appends one JSON line
 * `{ file, test, duration, timeout }` (ms). scripts/slow-tests.ts reads it: under load no test
 * may take more than a fifth of its timeout (issue 15), and only the environment knows the
 * timeout a test really had (the config's, a file's jest.setTimeout, or the test's own).
 */
import fs from 'node:fs';
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import type { Circus } from '@jest/types';
import NodeEnvironment from 'jest-environment-node';

export default class TimedEnvironment extends NodeEnvironment {
  readonly #file: string;

  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    this.#file = context.testPath;
  }

  handleTestEvent(event: Circus.Event, state: Circus.State): void {
    const out = process.env.ASYNCIO_TEST_TIMES;
    if (!out || event.name !== 'test_done') return;
    const titles: string[] = [];
    for (let block: Circus.DescribeBlock | undefined = event.test.parent; block && block.parent; block = block.parent) titles.unshift(block.name);
    const line = { file: this.#file, test: [...titles, event.test.name].join(' › '), duration: event.test.duration ?? 0, timeout: event.test.timeout || state.testTimeout };
    fs.appendFileSync(out, `${JSON.stringify(line)}\n`);
  }
}
