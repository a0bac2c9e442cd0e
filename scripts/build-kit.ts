/**
 * `npm run build:kit` (and `prepack`): the conformance kit as the package ships it, in dist/.
 * Each file the kit needs is compiled on its own from TypeScript to CommonJS (same folders,
 * so relative imports hold), so an installed kit runs the contract's specs with jest alone, no
 * TypeScript compiler; then tsc writes the API's type declarations. What ships: the kit, the
 * contract's specs (specs/semantics/) and what they import; never the suite's own specs
 * (meta/, harness/), the article, the adapters, the benches or mutation files.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

async function main(): Promise<void> {
  fs.rmSync(DIST, { recursive: true, force: true });
  const entries = [
    ...['index.ts', 'cli.ts', 'port.ts', 'usage.ts'].map((f) => path.join(ROOT, 'kit', f)),
    ...walk(path.join(ROOT, 'specs', 'semantics')).filter((f) => f.endsWith('.spec.ts')),
  ];
  // Every local file those import, found by a bundle that is never written.
  const probe = await esbuild.build({
    entryPoints: entries,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    packages: 'external',
    external: ['@port', '@port-under-test'],
    outdir: DIST,
    logLevel: 'silent',
  });
  const sources = Object.keys(probe.metafile.inputs).map((f) => path.resolve(ROOT, f)).filter((f) => f.endsWith('.ts'));
  for (const source of sources) {
    const rel = path.relative(ROOT, source);
    if (rel.startsWith('..') || rel.startsWith('src') || rel.startsWith(`kit${path.sep}adapters`)) throw new Error(`the kit must not ship ${rel}`);
    const out = path.join(DIST, rel.replace(/\.ts$/, '.js'));
    const { code } = await esbuild.transform(fs.readFileSync(source, 'utf8'), {
      loader: 'ts',
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      sourcefile: rel,
      banner: rel === path.join('kit', 'cli.ts') ? '#!/usr/bin/env node' : undefined,
    });
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, code, { mode: rel === path.join('kit', 'cli.ts') ? 0o755 : 0o644 });
  }
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(ROOT, 'kit', 'tsconfig.build.json')], { stdio: 'inherit' });
  console.log(`build:kit: ${sources.length} files compiled into dist/, types in dist/kit/`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
