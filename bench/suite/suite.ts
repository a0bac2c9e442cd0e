/**
 * H. The suite itself: the wall time of `npm test` (whatever the suite holds today), and, from a
 * second run of the article specs with vt-probe.cjs, how much virtual time they simulate per
 * second of real time.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface SuiteFigures {
  npmTest?: {
    wallMs: number;
    /** User + system CPU seconds of npm test and every process it waited for (bash's `times`). */
    cpuSeconds?: number;
    /** When jest printed its summary; a run that then does not exit is killed EXIT_GRACE_MS later. */
    summaryMs?: number;
    exitCode: number | null;
    tests?: string;
    suites?: string;
    timedOut: boolean;
    didNotExit: boolean;
  };
  article?: {
    pattern: string;
    tests: number;
    virtualMs: number;
    wallMs: number;
    virtualSecondsPerWallSecond: number;
    /** User + system CPU of the jest process over the same spans (older results lack it). */
    cpuMs?: number;
    virtualSecondsPerCpuSecond?: number;
    byFile: Array<{ file: string; tests: number; virtualMs: number; wallMs: number; cpuMs?: number }>;
    /** How many probe runs there were (older results: one); the figures are the median run's. */
    runs?: number;
    /** The lowest and highest virtual seconds per wall second over the runs. */
    perWallSecondRange?: [number, number];
  };
  /** [C16]'s 1000 stubbed requests on the spec harness (stub-rate.bench.ts), timed runs after a warm-up. */
  stub?: {
    requests: number;
    runs: number;
    /** Medians over the runs. */
    msPerRequest: number;
    cpuMsPerRequest: number;
    requestsPerWallSecond: number;
  };
  error?: string;
}

/** Issue 15's goals for the suite itself; the report judges the figures against these. */
export const SUITE_GOALS = {
  /** `npm test` on a quiet 2-core machine. */
  npmTestWallSeconds: 6,
  npmTestCpuSeconds: 12,
  /** Wall time per stubbed request, [C16]'s shape. */
  stubMsPerRequest: 0.2,
  /** The article specs' virtual seconds per wall second. */
  articleVirtualPerWallSecond: 100,
} as const;

const ARTICLE_SPECS = 'specs/article';
/**
 * Probe runs of the article specs: one run's figure strayed by a quarter either way on a quiet
 * machine (82 to 121 virtual s per wall s in three runs, 3 December), so the median run is reported.
 */
const PROBE_RUNS = 3;
/** How long jest may take to exit after printing its summary before the bench stops waiting. */
const EXIT_GRACE_MS = 5_000;

interface RunResult {
  code: number | null;
  output: string;
  wallMs: number;
  summaryMs?: number;
  timedOut: boolean;
  didNotExit: boolean;
}

function run(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  budgetMs: number,
): Promise<RunResult> {
  return new Promise((resolve) => {
    const started = performance.now();
    let output = '';
    let timedOut = false;
    let didNotExit = false;
    let summaryMs: number | undefined;
    let grace: NodeJS.Timeout | undefined;
    // detached: the budget kill reaches jest's workers too (they share our child's process group).
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const kill = (): void => {
      if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    };
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-20_000);
      if (summaryMs === undefined && /^Ran all test suites/m.test(output)) {
        summaryMs = performance.now() - started;
        // A suite that leaves a handle open never exits; its time is the time to its summary.
        grace = setTimeout(() => {
          didNotExit = true;
          kill();
        }, EXIT_GRACE_MS);
      }
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, budgetMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      clearTimeout(grace);
      resolve({ code, output, wallMs: performance.now() - started, summaryMs, timedOut, didNotExit });
    });
  });
}

/** bash's `times`: a line for the shell, then one for its children, e.g. `0m12.345s 0m3.210s`. */
function cpuOf(output: string): { cpuSeconds?: number } {
  const lines = [...output.matchAll(/^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$/gm)];
  const children = lines.at(-1);
  if (!children) return {};
  const [, um, us, sm, ss] = children.map(Number) as number[];
  return { cpuSeconds: um! * 60 + us! + sm! * 60 + ss! };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function summaryLine(output: string, label: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
  return new RegExp(`^${label}:\\s+(.*)$`, 'm').exec(plain)?.[1]?.trim();
}

export async function measureSuite(root: string, budgetMs: number): Promise<SuiteFigures> {
  const figures: SuiteFigures = {};
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const env = { ...process.env, CI: '1', FORCE_COLOR: '0' };

  // bash's `times` prints, last, the CPU its children used: npm, jest, jest's workers, the pools.
  const full = await run('bash', ['-c', `${npm} test; code=$?; times; exit $code`], root, env, budgetMs);
  figures.npmTest = {
    wallMs: full.didNotExit && full.summaryMs !== undefined ? full.summaryMs : full.wallMs,
    ...cpuOf(full.output),
    ...(full.summaryMs !== undefined ? { summaryMs: full.summaryMs } : {}),
    exitCode: full.code,
    tests: summaryLine(full.output, 'Tests'),
    suites: summaryLine(full.output, 'Test Suites'),
    timedOut: full.timedOut,
    didNotExit: full.didNotExit,
  };

  const stubFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-stub-')), 'runs.jsonl');
  try {
    const stub = await run(
      process.execPath,
      [require.resolve('jest/bin/jest'), '-c', path.join(__dirname, 'jest.stub.config.cjs')],
      root,
      { ...env, BENCH_STUB_FILE: stubFile },
      budgetMs,
    );
    const runs = fs.existsSync(stubFile)
      ? fs.readFileSync(stubFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { requests: number; wallMs: number; cpuMs: number })
      : [];
    if (runs.length === 0) figures.error = `the stubbed-request run recorded nothing (exit ${stub.code}): ${stub.output.slice(-400)}`;
    else {
      const requests = runs[0]!.requests;
      const wallMs = median(runs.map((r) => r.wallMs));
      figures.stub = {
        requests,
        runs: runs.length,
        msPerRequest: wallMs / requests,
        cpuMsPerRequest: median(runs.map((r) => r.cpuMs)) / requests,
        requestsPerWallSecond: (requests * 1000) / wallMs,
      };
    }
  } finally {
    fs.rmSync(path.dirname(stubFile), { recursive: true, force: true });
  }

  // A failed probe run ends the probing; the runs before it still give the figure.
  const probes: NonNullable<SuiteFigures['article']>[] = [];
  for (let i = 0; i < PROBE_RUNS; i++) {
    const probe = await probeArticleSpecs(root, env, budgetMs);
    if (typeof probe === 'string') {
      figures.error = probe;
      break;
    }
    probes.push(probe);
  }
  if (probes.length === 0) return figures;
  const rates = probes.map((p) => p.virtualSecondsPerWallSecond);
  // The median run itself (the lower of the middle two when a failure left an even count).
  const middle = [...probes].sort((a, b) => a.virtualSecondsPerWallSecond - b.virtualSecondsPerWallSecond)[(probes.length - 1) >> 1]!;
  figures.article = { ...middle, runs: probes.length, perWallSecondRange: [Math.min(...rates), Math.max(...rates)] };
  return figures;
}

/** One run of the article specs under vt-probe.cjs: its figures, or what went wrong. */
async function probeArticleSpecs(root: string, env: NodeJS.ProcessEnv, budgetMs: number): Promise<NonNullable<SuiteFigures['article']> | string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-vt-'));
  try {
    const probe = await run(
      process.execPath,
      [require.resolve('jest/bin/jest'), '-c', path.join(__dirname, 'jest.probe.config.cjs'), ARTICLE_SPECS],
      root,
      { ...env, BENCH_VT_DIR: dir },
      budgetMs,
    );
    const lines = fs
      .readdirSync(dir)
      .flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').split('\n'))
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { file: string; virtualMs: number; wallMs: number; cpuMs: number });
    if (lines.length === 0) return `the probe run recorded no virtual-clock test (exit ${probe.code}): ${probe.output.slice(-400)}`;
    const byFile = new Map<string, { file: string; tests: number; virtualMs: number; wallMs: number; cpuMs: number }>();
    for (const l of lines) {
      const entry = byFile.get(l.file) ?? { file: l.file, tests: 0, virtualMs: 0, wallMs: 0, cpuMs: 0 };
      entry.tests++;
      entry.virtualMs += l.virtualMs;
      entry.wallMs += l.wallMs;
      entry.cpuMs += l.cpuMs;
      byFile.set(l.file, entry);
    }
    const virtualMs = lines.reduce((s, l) => s + l.virtualMs, 0);
    const wallMs = lines.reduce((s, l) => s + l.wallMs, 0);
    const cpuMs = lines.reduce((s, l) => s + l.cpuMs, 0);
    return {
      pattern: ARTICLE_SPECS,
      tests: lines.length,
      virtualMs,
      wallMs,
      virtualSecondsPerWallSecond: virtualMs / wallMs,
      cpuMs,
      virtualSecondsPerCpuSecond: virtualMs / cpuMs,
      byFile: [...byFile.values()].sort((a, b) => a.file.localeCompare(b.file)),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
