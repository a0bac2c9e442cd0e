/**
 * The programmatic API: `run(port, options)` runs the contract's specs against a port and
 * resolves to the report (the JSON `--json` writes), and `contractProject(port)` is the same
 * run as a jest project, for a port author's own jest configuration.
 *
 * Runs from the published package (compiled specs in dist/, no transform) or from a clone of
 * the repository (TypeScript specs through ts-jest), whichever this file is part of.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readExpectations, writeExpectations, type Expectations } from './expectations';
import { buildReport, type ConformanceReport, type FileResultLike } from './report';
import { checkLoads, KitError, resolvePort, type ResolvedPort } from './resolve';
import { contractRuleIds } from './rules';

const COMPILED = !__filename.endsWith('.ts');
const EXT = COMPILED ? 'js' : 'ts';
/** Where kit/, specs/ and fixtures/ are: dist/ in the package, the repository root in a clone. */
const SUITE_ROOT = path.resolve(__dirname, '..');
/** The package (or repository) root: package.json, docs/contract.md. */
const PACKAGE_ROOT = COMPILED ? path.resolve(SUITE_ROOT, '..') : SUITE_ROOT;

export { KitError } from './resolve';
export type { ConformanceReport } from './report';

export interface RunOptions {
  /** Where a relative port path or a package name is resolved from (default: process.cwd()). */
  cwd?: string;
  /** Only these rules (`lock.fifo`, `R12`) or primitives (`lock`). */
  only?: string[];
  /** Per-test timeout in ms (default 10 000). */
  timeout?: number;
  /** The expectations file (default: beside the port, see defaultExpectationsFile). `false`: none. */
  expectations?: string | false;
  /** Write the expectations file from this run's failing contract rules. */
  updateExpectations?: boolean;
  /** jest workers (default 2). */
  maxWorkers?: number;
}

export function kitInfo(): { name: string; version: string } {
  const manifest = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  return { name: manifest.name, version: manifest.version };
}

/** Rule id -> number (R12), from the contract shipped with the kit. */
export function contractNumbers(): Map<string, string> {
  return contractRuleIds(fs.readFileSync(path.join(PACKAGE_ROOT, 'docs', 'contract.md'), 'utf8'));
}

/** `my-port.mjs` -> `my-port.expectations.json` beside it; a folder or package: inside it. */
export function defaultExpectationsFile(port: ResolvedPort): string {
  if (fs.existsSync(port.path) && fs.statSync(port.path).isDirectory()) return path.join(port.path, 'conformance.expectations.json');
  return port.path.replace(/(\.(m|c)?[jt]s)?$/, '.expectations.json');
}

/** The jest project that runs the contract's specs against an already bundled port. */
export function projectFor(port: ResolvedPort): Record<string, unknown> {
  return {
    displayName: 'asyncio contract',
    rootDir: SUITE_ROOT,
    roots: [path.join(SUITE_ROOT, 'specs', 'semantics')],
    testMatch: [`**/*.spec.${EXT}`],
    // The package's specs live under node_modules once it is installed.
    testPathIgnorePatterns: [],
    haste: { retainAllFiles: true },
    testEnvironment: 'node',
    transform: COMPILED ? {} : { '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(SUITE_ROOT, 'tsconfig.json') }] },
    moduleNameMapper: {
      '^@port$': path.join(SUITE_ROOT, 'kit', `port.${EXT}`),
      '^@port-under-test$': port.bundle,
    },
    setupFilesAfterEnv: [path.join(SUITE_ROOT, 'kit', `usage.${EXT}`)],
    ...(port.modulePaths.length > 0 ? { modulePaths: port.modulePaths } : {}),
  };
}

/**
 * For a port author's jest.config.js: `projects: [contractProject('./my-port.mjs'), ...]`.
 * The contract's specs then run with the author's own; a failing contract rule fails jest.
 */
export function contractProject(port: string, options: { cwd?: string } = {}): Record<string, unknown> {
  const cwd = options.cwd ?? process.cwd();
  const key = crypto.createHash('sha1').update(path.resolve(cwd, port)).digest('hex').slice(0, 12);
  return projectFor(resolvePort(port, cwd, path.join(os.tmpdir(), `asyncio-kit-${key}`)));
}

/** The spec files the contract lists for the selected rules ("Checked by:" lines). */
export function filesFor(only: readonly string[], numbers: ReadonlyMap<string, string>): string[] {
  const text = fs.readFileSync(path.join(PACKAGE_ROOT, 'docs', 'contract.md'), 'utf8');
  const byNumber = new Map([...numbers].map(([id, n]) => [n.toUpperCase(), id]));
  const ids = only.map((what) => byNumber.get(what.toUpperCase()) ?? what);
  const files = new Set<string>();
  for (const section of text.split(/^(?=#{2,4} R\d+ )/m)) {
    const id = /^#{2,4} R\d+\s+`([\w.-]+)`/.exec(section)?.[1];
    if (id === undefined || !ids.some((what) => id === what || id.startsWith(`${what}.`))) continue;
    const line = /^Checked by: (.*)$/m.exec(section)?.[1] ?? '';
    for (const match of line.matchAll(/`([^`]+)`/g)) files.add(match[1]!.replace(/\.ts$/, `.${EXT}`));
  }
  return [...files];
}

/** `--only` values as a jest test-name pattern over the rule tags in the titles. */
export function onlyPattern(only: readonly string[], numbers: ReadonlyMap<string, string>): string {
  const byNumber = new Map([...numbers].map(([id, n]) => [n.toUpperCase(), id]));
  const ids = only.map((what) => byNumber.get(what.toUpperCase()) ?? what);
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return `\\[(${ids.map(escape).join('|')})(\\.[\\w.-]*)?\\]`;
}

function readNotes(file: string): Map<string, string[]> {
  const notes = new Map<string, string[]>();
  if (!fs.existsSync(file)) return notes;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line === '') continue;
    const { file: spec, name } = JSON.parse(line) as { file: string; name: string };
    notes.set(spec, [...new Set([...(notes.get(spec) ?? []), name])].sort());
  }
  return notes;
}

/** Runs the contract against `port` and resolves to the report. Throws KitError when it cannot run. */
export async function run(port: string, options: RunOptions = {}): Promise<ConformanceReport> {
  const cwd = options.cwd ?? process.cwd();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'asyncio-kit-'));
  try {
    const resolved = resolvePort(port, cwd, work);
    checkLoads(resolved);
    const numbers = contractNumbers();
    const expectationsFile = options.expectations === false ? undefined : path.resolve(cwd, options.expectations ?? defaultExpectationsFile(resolved));
    const expectations: Expectations | undefined = expectationsFile && !options.updateExpectations ? readExpectations(expectationsFile) : undefined;
    const notes = path.join(work, 'file-notes.jsonl');
    process.env.ASYNCIO_KIT_FILE_NOTES = notes;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { runCLI } = require('jest') as typeof import('jest');
    const only = options.only && options.only.length > 0 ? options.only : undefined;
    const files = only ? filesFor(only, numbers) : [];
    if (only && files.length === 0) throw new KitError(`--only ${only.join(',')}: no rule of the contract has that id, number or primitive`);
    const { results } = await runCLI(
      {
        _: [],
        $0: 'asyncio-conformance',
        config: JSON.stringify({ ...projectFor(resolved), reporters: [], testTimeout: options.timeout ?? 10_000, maxWorkers: options.maxWorkers ?? 2 }),
        silent: true,
        watchman: false,
        cache: false,
        ...(only ? { testNamePattern: onlyPattern(only, numbers), testPathPatterns: files.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) } : {}),
      },
      [SUITE_ROOT],
    );
    const report = buildReport(results.testResults as unknown as FileResultLike[], {
      kit: kitInfo(),
      port: { name: resolved.name, path: resolved.path },
      rootDir: SUITE_ROOT,
      numbers,
      fileNotes: readNotes(notes),
      expected: expectations?.knownFailures,
      expectationsFile: expectations ? expectationsFile : undefined,
    });
    if (options.updateExpectations && expectationsFile) {
      const previous = fs.existsSync(expectationsFile) ? readExpectations(expectationsFile) : undefined;
      writeExpectations(expectationsFile, report, previous);
      report.expectations = { file: expectationsFile, unexpectedPasses: [], notRun: [] };
    }
    return report;
  } finally {
    delete process.env.ASYNCIO_KIT_FILE_NOTES;
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export function isKitError(error: unknown): error is KitError {
  return error instanceof KitError;
}
