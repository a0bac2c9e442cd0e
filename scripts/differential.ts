/**
 * `npm run differential -- --runs N --seed S [--port M] [--exclude-known] [--exclude F,G]`: N random scenarios
 * on CPython asyncio and on the port (M, else $PORT_MODULE, else src/index.ts). Prints scenarios
 * per second; on a divergence prints the shrunk scenario and both traces side by side, writes the
 * scenario to fixtures/scenarios/found/ (ready for the golden set) and exits 1.
 * --exclude-known leaves out the features fixtures/scenarios/exclusions.json lists (the
 * differences docs/contract.md names D1-D4 and keeps out of random scenarios; CI uses it;
 * --exclude-pending is its former name); --exclude
 * names more features. A port other than the
 * reference is also run against the reference: a divergence the reference port shares is not
 * counted (--no-baseline counts it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { sideBySide } from '../fixtures/scenarios/compare';
import { differential } from '../fixtures/scenarios/differential';
import { findPython, NoPythonError } from '../fixtures/scenarios/python';
import { runScenario, type ScenarioPort } from '../fixtures/scenarios/run-port';
import { standaloneTime } from '../fixtures/scenarios/standalone-time';
import { knownExclusions } from '../fixtures/scenarios/exclusions';

const ROOT = path.resolve(__dirname, '..');

interface Args {
  runs: number;
  seed: number;
  port?: string;
  excludeKnown: boolean;
  /** Features named with --exclude (comma-separated), added to the file's. */
  exclude: string[];
  baseline: boolean;
  out: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { runs: 1000, seed: Date.now() % 2 ** 31, excludeKnown: false, exclude: [], baseline: true, out: path.join(ROOT, 'fixtures/scenarios/found') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--runs') args.runs = Number(value());
    else if (arg === '--seed') args.seed = Number(value());
    else if (arg === '--port') args.port = value();
    else if (arg === '--out') args.out = path.resolve(value());
    else if (arg === '--exclude-known' || arg === '--exclude-pending') args.excludeKnown = true;
    else if (arg === '--exclude') args.exclude.push(...value().split(',').filter(Boolean));
    else if (arg === '--no-baseline') args.baseline = false;
    else throw new Error(`unknown option ${arg} (known: --runs N --seed S --port M --out DIR --exclude-known --exclude F,G --no-baseline)`);
  }
  if (!Number.isInteger(args.runs) || args.runs < 1) throw new Error('--runs must be a positive integer');
  if (!Number.isInteger(args.seed)) throw new Error('--seed must be an integer');
  return args;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  let python;
  try {
    python = findPython();
  } catch (error) {
    if (error instanceof NoPythonError) {
      console.error(`differential: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const portPath = path.resolve(ROOT, args.port ?? process.env.PORT_MODULE ?? 'src/index.ts');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const port = require(portPath) as ScenarioPort;
  const exclude = new Set([...(args.excludeKnown ? knownExclusions() : []), ...args.exclude]);
  const time = await standaloneTime();
  const runPort = async (scenario: Parameters<typeof runScenario>[2]) =>
    (await time.run((vt) => runScenario(port, vt, scenario))).value;

  console.log(
    `differential: ${args.runs} scenarios, seed ${args.seed}, port ${path.relative(ROOT, portPath)}, CPython ${python.version} (${python.command})` +
      (exclude.size ? `, excluding ${[...exclude].join(', ')}` : ''),
  );
  // A port other than the reference is judged against the reference too: only what the
  // reference port gets right counts against it (--no-baseline to count everything).
  const reference = path.join(ROOT, 'src/index.ts');
  let baseline;
  if (args.baseline && portPath !== reference) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const referencePort = require(reference) as ScenarioPort;
    baseline = async (scenario: Parameters<typeof runScenario>[2]) => (await time.run((vt) => runScenario(referencePort, vt, scenario))).value;
  }
  const report = await differential({ runs: args.runs, seed: args.seed, python, runPort, exclude, baseline });
  await time.close();
  console.log(
    `${report.runs} scenarios in ${(report.elapsedMs / 1000).toFixed(2)} s: ${Math.round(report.perSecond)} scenarios/s; ${report.divergences} diverged`,
  );
  if (!report.found) return 0;
  const found = report.found;
  fs.mkdirSync(args.out, { recursive: true });
  const file = path.join(args.out, `${found.shrunk.name}.json`);
  fs.writeFileSync(file, JSON.stringify(found.shrunk, null, 2) + '\n');
  console.log(`\nfirst divergence: scenario ${found.index} of the run, shrunk to ${found.steps} steps (${found.divergence.where})`);
  console.log(JSON.stringify(found.shrunk));
  console.log(`\n${sideBySide(found.divergence)}`);
  console.log(`\nwritten to ${path.relative(process.cwd(), file)}; add it to fixtures/scenarios/golden/ with npm run cpython:record`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
