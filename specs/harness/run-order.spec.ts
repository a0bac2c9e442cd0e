/**
 * The runner's plan for a run (specs/support/run-order.cjs): the order of the spec files, by the
 * pragmas of their docblocks, and the `@early-start` modules started before them and stopped
 * after; and [C02]'s probe as it reads an early start's outcome (specs/article/memory-probe-run.cjs).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface FakeTest {
  path: string;
  context: { resolver: { resolveStubModuleName(from: string, name: string): string | null; resolveModule(from: string, name: string): string } };
}
interface Plan {
  ordered: FakeTest[];
  stop(): Promise<void>;
}
interface ProbeSamples {
  perTask: number[];
  perThread: number[];
}
interface MemoryProbe {
  SAMPLES: number;
  measure(port: string): Promise<ProbeSamples>;
  start(options: { resolve(name: string): string; globalConfig: object }): { env: Record<string, string>; stop(): Promise<void> };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { planRun } = require('../support/run-order.cjs') as { planRun(tests: FakeTest[], globalConfig: object): Plan };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const memoryProbe = require('../article/memory-probe-run.cjs') as MemoryProbe;

const ENV = 'RUN_ORDER_SPEC_EARLY';
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'run-order-spec-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  delete process.env[ENV];
});

/** A spec file with this docblock, as jest would hand it to the runner. */
function specFile(name: string, docblock: string): FakeTest {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `/**\n * ${name}\n${docblock ? ` * ${docblock}\n` : ''} */\ntest('x', () => {});\n`);
  return {
    path: file,
    context: {
      resolver: {
        resolveStubModuleName: (_from, name) => (name === '@mapped' ? '/mapped/by/the/config.js' : null),
        resolveModule: (_from, name) => `/resolved/${name}`,
      },
    },
  };
}

/** An early-start module that records its calls in `log` and sets ENV; `throws` makes start() throw. */
function earlyModule(name: string, log: string, options: { throws?: boolean; skip?: boolean } = {}): void {
  fs.writeFileSync(
    path.join(dir, name),
    `const fs = require('node:fs');
exports.start = ({ testPath, globalConfig, resolve }) => {
  ${options.throws ? "throw new Error('cannot start');" : ''}
  fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ at: 'start', testPath, pattern: globalConfig.testNamePattern ?? null, mapped: resolve('@mapped'), plain: resolve('plain') }) + '\\n');
  ${options.skip ? 'return undefined;' : ''}
  return { env: { ${ENV}: 'set' }, stop: async () => { fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ at: 'stop', env: process.env.${ENV} ?? null }) + '\\n'); } };
};
`,
  );
}

const linesOf = (file: string): unknown[] => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as unknown) : []);
const names = (tests: FakeTest[]): string[] => tests.map((test) => path.basename(test.path));

describe('the order of the spec files', () => {
  test('files that need only jest\'s thread first, then @real-workers files, then @early-start files, each group in jest\'s order', async () => {
    earlyModule('early.cjs', path.join(dir, 'log'));
    const tests = [
      specFile('pool.spec.ts', '@real-workers (pools)'),
      specFile('probe.spec.ts', '@early-start ./early.cjs (a probe)'),
      specFile('a.spec.ts', ''),
      specFile('threads.spec.ts', '@real-workers'),
      specFile('b.spec.ts', '@other pragma'),
    ];
    const plan = planRun(tests, {});
    expect(names(plan.ordered)).toEqual(['a.spec.ts', 'b.spec.ts', 'pool.spec.ts', 'threads.spec.ts', 'probe.spec.ts']);
    await plan.stop();
  });
});

describe('@early-start', () => {
  test('start() runs as the run is planned, with the run\'s config and the file\'s resolution; its env is set until stop(), which the plan\'s stop() awaits', async () => {
    const log = path.join(dir, 'log');
    earlyModule('early.cjs', log);
    const probe = specFile('probe.spec.ts', '@early-start ./early.cjs');
    const plan = planRun([probe], { testNamePattern: 'C02' });
    expect(linesOf(log)).toEqual([{ at: 'start', testPath: probe.path, pattern: 'C02', mapped: '/mapped/by/the/config.js', plain: '/resolved/plain' }]);
    expect(process.env[ENV]).toBe('set');
    await plan.stop();
    expect(linesOf(log)).toEqual([expect.objectContaining({ at: 'start' }), { at: 'stop', env: 'set' }]);
    expect(process.env[ENV]).toBeUndefined();
  });

  test('ASYNCIO_SPEC_EARLY_START=0 starts nothing; the file still runs last', async () => {
    const log = path.join(dir, 'log');
    earlyModule('early.cjs', log);
    process.env['ASYNCIO_SPEC_EARLY_START'] = '0';
    try {
      const plan = planRun([specFile('probe.spec.ts', '@early-start ./early.cjs'), specFile('a.spec.ts', '')], {});
      expect(names(plan.ordered)).toEqual(['a.spec.ts', 'probe.spec.ts']);
      expect(linesOf(log)).toEqual([]);
      expect(process.env[ENV]).toBeUndefined();
      await plan.stop();
    } finally {
      delete process.env['ASYNCIO_SPEC_EARLY_START'];
    }
  });

  test('a start() that returns nothing sets nothing; its file still runs last', async () => {
    earlyModule('early.cjs', path.join(dir, 'log'), { skip: true });
    const plan = planRun([specFile('probe.spec.ts', '@early-start ./early.cjs'), specFile('a.spec.ts', '')], {});
    expect(names(plan.ordered)).toEqual(['a.spec.ts', 'probe.spec.ts']);
    expect(process.env[ENV]).toBeUndefined();
    await plan.stop();
  });

  test('a start() that throws, or a module that does not exist, is as if the pragma were not there', async () => {
    earlyModule('early.cjs', path.join(dir, 'log'), { throws: true });
    const plan = planRun([specFile('probe.spec.ts', '@early-start ./early.cjs'), specFile('gone.spec.ts', '@early-start ./missing.cjs'), specFile('a.spec.ts', '')], {});
    expect(names(plan.ordered)).toEqual(['probe.spec.ts', 'gone.spec.ts', 'a.spec.ts']);
    expect(process.env[ENV]).toBeUndefined();
    await plan.stop();
  });
});

describe("[C02]'s probe, started early", () => {
  const withOutcome = (outcome: object): void => {
    const file = path.join(dir, 'outcome.json');
    fs.writeFileSync(file, JSON.stringify({ port: '/the/port.js', samples: memoryProbe.SAMPLES, signal: null, stderr: '', ...outcome }));
    process.env['ASYNCIO_SPEC_MEMORY_PROBE'] = file;
  };
  afterEach(() => {
    delete process.env['ASYNCIO_SPEC_MEMORY_PROBE'];
  });

  test('its samples are what the early run printed, for the same port', async () => {
    withOutcome({ code: 0, stdout: '{"perTask":[700,710,720],"perThread":[8000000,8100000,8200000]}\n' });
    await expect(memoryProbe.measure('/the/port.js')).resolves.toEqual({ perTask: [700, 710, 720], perThread: [8000000, 8100000, 8200000] });
  });

  test("an early run that failed fails the measure with the probe's own words", async () => {
    withOutcome({ code: 1, stdout: '', stderr: 'Error: memory-probe needs node --expose-gc\n' });
    await expect(memoryProbe.measure('/the/port.js')).rejects.toThrow(
      'the memory probe (specs/article/memory-probe.ts) exited with code 1: Error: memory-probe needs node --expose-gc',
    );
  });

  test('stopped while it is bundled, it never starts, and leaves no file or folder behind', async () => {
    // The folders the probe bundles into (the run's own early probe, if any, made its folder as
    // the run began; the outcome file it writes when it ends is a file).
    const probeDirs = () =>
      fs
        .readdirSync(os.tmpdir(), { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && entry.name.startsWith('asyncio-spec-memory-probe-'))
        .map((entry) => entry.name);
    const before = new Set(probeDirs());
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const childProcess = require('node:child_process') as typeof import('node:child_process');
    const execFile = jest.spyOn(childProcess, 'execFile');
    try {
      let probe!: MemoryProbe;
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        probe = require('../article/memory-probe-run.cjs') as MemoryProbe;
      });
      const run = probe.start({ resolve: (name) => require.resolve(name), globalConfig: {} });
      await run.stop();
      expect(execFile).not.toHaveBeenCalled();
      expect(fs.existsSync(run.env['ASYNCIO_SPEC_MEMORY_PROBE']!)).toBe(false);
      expect(probeDirs().filter((name) => !before.has(name))).toEqual([]);
    } finally {
      execFile.mockRestore();
    }
  });

  test('a port that cannot be bundled fails the measure with what esbuild could not do, before any child starts', async () => {
    const port = path.join(dir, 'no-such-port.ts');
    await expect(memoryProbe.measure(port)).rejects.toThrow(
      `the memory probe (specs/article/memory-probe.ts) could not be bundled: Could not resolve "${port}"`,
    );
  });
});
