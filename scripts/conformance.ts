/**
 * `npm run conformance -- <module> [--json <file>] [--quiet] [jest args...]`
 *
 * Runs the whole suite against <module> (a path, relative to where npm was run, or absolute)
 * and prints the conformance report: every rule, grouped by primitive, as pass, FAIL (with a
 * one-line reason) or "not provided" (the port lacks an export the test needs). Exit code 0
 * only when everything the module provides passes; 1 when something differs; 2 when the run
 * itself could not happen. Extra arguments go to jest (e.g. a path pattern: `specs/semantics`).
 *
 * jest's own exit code is not used: a port that lacks exports always has failing tests.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ConformanceReport } from '../specs/support/conformance-reporter';

const ROOT = path.resolve(__dirname, '..');
const REPORTER = path.join(ROOT, 'specs', 'support', 'conformance-reporter.cjs');
const USAGE = path.join(ROOT, 'specs', 'support', 'conformance-usage.ts');

export interface ConformanceOptions {
  /** The module under test, absolute. */
  port: string;
  /** Where to write the JSON report (kept); otherwise a temporary file (removed). */
  json?: string;
  /** Only jest's summary, not its per-failure details, before the report. */
  quiet?: boolean;
  /** More arguments for jest. */
  jestArgs?: string[];
  /** Print the report (default) or stay silent (for the table generator). */
  stdio?: 'inherit' | 'ignore';
}

/** Runs the suite against one port and returns its report, or throws if jest produced none. */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  if (!fs.existsSync(options.port)) throw new Error(`conformance: no such module: ${options.port}`);
  const jsonFile = options.json ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'conformance-')), 'report.json');
  fs.rmSync(jsonFile, { force: true });
  // Keep the project's own setup files: a CLI --setupFilesAfterEnv replaces the config's.
  const config = ((await import('../jest.config')) as { default: { setupFilesAfterEnv?: string[] } }).default;
  const setupFiles = [...(config.setupFilesAfterEnv ?? []).map((file) => file.replace('<rootDir>', ROOT)), USAGE];
  const args = [
    require.resolve('jest/bin/jest'),
    // First: jest's array options below would swallow a path pattern that follows them.
    ...(options.jestArgs ?? []),
    `--reporters=${options.quiet ? 'summary' : 'default'}`,
    `--reporters=${REPORTER}`,
    // A port that leaves a handle open must still get its report, not hang the run.
    '--forceExit',
    ...setupFiles.map((file) => `--setupFilesAfterEnv=${file}`),
  ];
  const run = spawnSync(process.execPath, args, {
    cwd: ROOT,
    stdio: options.stdio ?? 'inherit',
    env: { ...process.env, PORT_MODULE: options.port, CONFORMANCE_JSON: jsonFile },
  });
  if (run.error) throw run.error;
  if (!fs.existsSync(jsonFile)) throw new Error(`conformance: jest ended (exit ${run.status ?? run.signal}) without a report`);
  const report = JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as ConformanceReport;
  if (options.json === undefined) fs.rmSync(path.dirname(jsonFile), { recursive: true, force: true });
  return report;
}

function parseArgs(argv: string[]): ConformanceOptions {
  const base = process.env.INIT_CWD ?? process.cwd();
  let port: string | undefined;
  let json: string | undefined;
  let quiet = false;
  const jestArgs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') {
      const file = argv[++i];
      if (file === undefined) throw new Error('conformance: --json needs a file name');
      json = path.resolve(base, file);
    } else if (arg.startsWith('--json=')) json = path.resolve(base, arg.slice('--json='.length));
    else if (arg === '--quiet') quiet = true;
    else if (port === undefined && !arg.startsWith('-')) port = path.resolve(base, arg);
    else jestArgs.push(arg);
  }
  if (port === undefined) throw new Error('usage: npm run conformance -- <module> [--json <file>] [--quiet] [jest args...]');
  return { port, json, quiet, jestArgs };
}

if (require.main === module) {
  (async () => {
    const report = await runConformance(parseArgs(process.argv.slice(2)));
    process.exitCode = report.ok ? 0 : 1;
  })().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  });
}
