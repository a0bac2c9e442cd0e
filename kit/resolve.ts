/**
 * Port resolution: whatever a port author points the kit at (an ES module, `.mjs` or under
 * `"type": "module"`, CommonJS, TypeScript `.ts`/`.mts`/`.cts`, a folder with a package.json,
 * or an installed package's name) becomes one CommonJS file jest can require. esbuild bundles
 * the port with its own dependencies (so an ESM-only dependency works under jest too) and
 * leaves Node's built-ins out; when a dependency cannot be bundled (a native addon), the
 * port's packages are left to Node's require instead. The port's worker code must not depend on its file name.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The kit could not run (exit 2): the message is one line. */
export class KitError extends Error {
  override name = 'KitError';
}

export interface ResolvedPort {
  /** The package's name, or the file's. */
  name: string;
  /** The module the specifier resolved to, absolute. */
  path: string;
  /** The CommonJS bundle the specs load. */
  bundle: string;
  /** Where the bundle's packages are found when they were left out of it (jest's modulePaths). */
  modulePaths: string[];
}

/** The node_modules folders a module at `from` sees, nearest first. */
function nodeModulesOf(from: string): string[] {
  const dirs: string[] = [];
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules');
    if (fs.existsSync(candidate)) dirs.push(candidate);
    if (path.dirname(dir) === dir) return dirs;
  }
}

function looksLikePath(specifier: string): boolean {
  return specifier.startsWith('.') || path.isAbsolute(specifier) || /\.(m|c)?[jt]s$/.test(specifier);
}

/** The file a specifier names, as Node (or, for TypeScript, esbuild) would find it. */
function entryOf(specifier: string, cwd: string): { name: string; file: string } {
  if (looksLikePath(specifier)) {
    const target = path.resolve(cwd, specifier);
    if (!fs.existsSync(target)) throw new KitError(`port not found: ${target}`);
    if (fs.statSync(target).isDirectory()) {
      const manifest = path.join(target, 'package.json');
      const name = fs.existsSync(manifest) ? (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name : undefined;
      return { name: name ?? path.basename(target), file: target };
    }
    const base = path.basename(target);
    return { name: base.startsWith('index.') ? `${path.basename(path.dirname(target))}/${base}` : base, file: target };
  }
  // A package name: resolved from where the kit was run, as `import` there would.
  try {
    const require = createRequire(path.join(cwd, 'noop.js'));
    const manifest = require.resolve(`${specifier}/package.json`);
    return { name: specifier, file: path.dirname(manifest) };
  } catch {
    try {
      return { name: specifier, file: createRequire(path.join(cwd, 'noop.js')).resolve(specifier) };
    } catch {
      throw new KitError(`port not found: no file and no installed package named "${specifier}" (from ${cwd})`);
    }
  }
}

type Esbuild = typeof import('esbuild');

/** Bundles the port into `outDir/port.cjs`. Throws KitError with one line on any problem. */
export function resolvePort(specifier: string, cwd: string, outDir: string): ResolvedPort {
  const { name, file } = entryOf(specifier, cwd);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as Esbuild;
  fs.mkdirSync(outDir, { recursive: true });
  const bundle = path.join(outDir, 'port.cjs');
  const build = (packages: 'bundle' | 'external') => esbuild.buildSync({
    stdin: { contents: `export * from ${JSON.stringify(file)};`, resolveDir: cwd, sourcefile: 'asyncio-kit-entry.js', loader: 'js' },
    bundle: true,
    packages,
    platform: 'node',
    format: 'cjs',
    target: `node${process.versions.node.split('.')[0]}`,
    outfile: bundle,
    logLevel: 'silent',
    sourcemap: 'inline',
    loader: { '.mts': 'ts', '.cts': 'ts' },
  });
  let modulePaths: string[] = [];
  try {
    try {
      build('bundle');
    } catch (error) {
      // A dependency that cannot be bundled (a native addon's loader...): leave the port's
      // packages to Node's require instead. The first error is the one to report.
      try {
        build('external');
        modulePaths = nodeModulesOf(fs.statSync(file).isDirectory() ? file : path.dirname(file));
      } catch {
        throw error;
      }
    }
  } catch (error) {
    const first = (error as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] }).errors?.[0];
    if (first === undefined) throw new KitError(`could not load the port ${file}: ${(error as Error).message.split('\n')[0]}`);
    const where = first.location ? `${path.resolve(cwd, first.location.file)}:${first.location.line}:${first.location.column + 1}: ` : '';
    throw new KitError(`could not load the port ${file}: ${where}${first.text}`);
  }
  return { name, path: file, bundle, modulePaths };
}

/** Loads the bundle once, so a port that throws at load is one clear line, not one per spec file. */
export function checkLoads(port: ResolvedPort): Record<string, unknown> {
  if (port.modulePaths.length > 0) return {}; // its packages resolve from the port's folders: jest's modulePaths
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(port.bundle) as Record<string, unknown>;
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error);
    throw new KitError(`the port ${port.path} throws when loaded: ${message}`);
  }
}
