/**
 * `asyncio-conformance <port> [options]`: the contract against a port, from any directory.
 * Exit 0: every contract rule the port provides passes; 1: one fails (or a known failure now
 * passes); 2: the kit could not run (port not found, syntax error, bad flag), with one line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { formatReport, junitReport } from './report';
import { KitError } from './resolve';
import { kitInfo, run, type RunOptions } from './run';

const HELP = `usage: asyncio-conformance <port> [options]

Runs the asyncio port contract (docs/contract.md in this package) against <port>: a file
(.mjs, .js, .cjs, .ts, .mts), a folder with a package.json, or an installed package's name.

options
  --only <rule|primitive>   only these rules: lock.fifo, R12, or a primitive (lock); repeat or comma-separate
  --timeout <ms>            per-test timeout (default 10000)
  --json <file>             write the report as JSON
  --junit <file>            write JUnit XML (for CI systems)
  --expectations <file>     known failures (default: <port>.expectations.json beside the port)
  --no-expectations         ignore any expectations file
  --update-expectations     write the expectations file from this run's failing rules
  --verbose                 list every test, not only the failing ones
  --help                    this text

exit code: 0 every contract rule the port provides passes, 1 a rule fails (or a listed known
failure passes), 2 the kit could not run.`;

interface CliOptions extends RunOptions {
  port: string;
  json?: string;
  junit?: string;
  verbose?: boolean;
}

export function parseArgs(argv: readonly string[], cwd: string): CliOptions | 'help' {
  let port: string | undefined;
  const options: Omit<CliOptions, 'port'> = { cwd };
  const only: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    const [flag, inline] = raw.startsWith('--') && raw.includes('=') ? [raw.slice(0, raw.indexOf('=')), raw.slice(raw.indexOf('=') + 1)] : [raw, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new KitError(`${flag} needs a value (see --help)`);
      return v;
    };
    switch (flag) {
      case '--help': case '-h': return 'help';
      case '--json': options.json = path.resolve(cwd, value()); break;
      case '--junit': options.junit = path.resolve(cwd, value()); break;
      case '--only': only.push(...value().split(',').filter(Boolean)); break;
      case '--timeout': {
        const v = value();
        const ms = Number(v);
        if (!Number.isInteger(ms) || ms <= 0) throw new KitError(`--timeout needs a positive whole number of ms, not "${v}"`);
        options.timeout = ms;
        break;
      }
      case '--expectations': options.expectations = path.resolve(cwd, value()); break;
      case '--no-expectations': options.expectations = false; break;
      case '--update-expectations': options.updateExpectations = true; break;
      case '--verbose': options.verbose = true; break;
      default:
        if (flag.startsWith('-')) throw new KitError(`unknown option ${flag} (see --help)`);
        if (port !== undefined) throw new KitError(`one port at a time: "${port}" and "${flag}"`);
        port = flag;
    }
  }
  if (port === undefined) throw new KitError('which port? usage: asyncio-conformance <port> [options] (see --help)');
  return { ...options, port, ...(only.length > 0 ? { only } : {}) };
}

export async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseArgs(argv, process.cwd());
  if (parsed === 'help') {
    process.stdout.write(`${kitInfo().name} ${kitInfo().version}\n${HELP}\n`);
    return 0;
  }
  const report = await run(parsed.port, parsed);
  process.stdout.write(`${formatReport(report, { verbose: parsed.verbose })}\n`);
  if (parsed.json) fs.writeFileSync(parsed.json, `${JSON.stringify(report, null, 2)}\n`);
  if (parsed.junit) fs.writeFileSync(parsed.junit, junitReport(report));
  if (parsed.updateExpectations) {
    process.stdout.write(`expectations written: ${report.expectations?.file ?? '(none: --no-expectations)'}\n`);
    return 0;
  }
  return report.ok ? 0 : 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      const line = error instanceof KitError ? error.message : `the kit failed: ${error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error)}`;
      process.stderr.write(`asyncio-conformance: ${line}\n`);
      process.exit(2);
    },
  );
}
