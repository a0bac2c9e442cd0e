/**
 * Every test of the suite says what it checks: a contract rule (`[lock.fifo]`, defined in
 * docs/contract.md), one of the article's claims (`[C05]`), or a reference-port extra
 * (`[extra]`), in its own title or a describe around it (kit/rules.ts). A conformance verdict
 * counts contract rules only, so an untagged test, or a tag the contract does not define, would
 * be judged on nothing: this spec lists them. The suite's own specs (meta/, harness/) are exempt.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as TS from 'typescript';
import { contractRuleIds, tagOf, tagOfTest } from '../../kit/rules';

const ROOT = path.resolve(__dirname, '..', '..');
const EXEMPT = /^specs\/(meta|harness)\//;

interface FoundTest {
  file: string;
  line: number;
  ancestors: string[];
  title: string;
}

function specFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return specFiles(full);
    return entry.name.endsWith('.spec.ts') ? [full] : [];
  });
}

/**
 * What a file's scan found, kept between runs in the system's temporary folder: loading and
 * running TypeScript's parser was most of this spec's half second of a run. One entry per spec
 * file (so the folder never holds more than the suite has files), valid only for the file's exact
 * text, this spec's own text (the scan's code) and TypeScript's version: an edit to any of them
 * scans again. A missing, unreadable or outdated entry is just scanned and written again.
 */
const SCAN_CACHE = path.join(os.tmpdir(), 'asyncio-spec-rule-tags');
let loadedTypescript: typeof TS | undefined;

function sha1(...parts: string[]): string {
  const hash = crypto.createHash('sha1');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

const scanVersion = sha1(fs.readFileSync(__filename, 'utf8'), JSON.parse(fs.readFileSync(require.resolve('typescript/package.json'), 'utf8')).version);

/** The tests of one spec file, from the cache or from a scan (which is then kept). */
function testsIn(file: string): FoundTest[] {
  const text = fs.readFileSync(file, 'utf8');
  const relative = path.relative(ROOT, file).split(path.sep).join('/');
  const entry = path.join(SCAN_CACHE, `${sha1(ROOT, relative)}.json`);
  const key = sha1(scanVersion, text);
  try {
    const kept = JSON.parse(fs.readFileSync(entry, 'utf8')) as { key: string; tests: FoundTest[] };
    if (kept.key === key) return kept.tests;
  } catch {
    // No entry yet, or one cut short: scanned below.
  }
  const tests = scan(relative, file, text);
  try {
    fs.mkdirSync(SCAN_CACHE, { recursive: true });
    // Written whole, then renamed: a run beside this one never reads half an entry.
    const partial = `${entry}.${process.pid}`;
    fs.writeFileSync(partial, JSON.stringify({ key, tests }));
    fs.renameSync(partial, entry);
  } catch {
    // A cache that cannot be written costs the next run a scan, nothing more.
  }
  return tests;
}

/** `describe`, `test`, `it`, their `.each(...)`, `.skip`, `.only`: the kind, or undefined. */
function kindOf(callee: TS.Expression): 'describe' | 'test' | undefined {
  const ts = typescript();
  let base = callee;
  if (ts.isCallExpression(base)) base = base.expression; // describe.each(table)(title, fn)
  while (ts.isPropertyAccessExpression(base)) base = base.expression;
  if (!ts.isIdentifier(base)) return undefined;
  if (base.text === 'describe') return 'describe';
  if (base.text === 'test' || base.text === 'it') return 'test';
  return undefined;
}

function titleOf(node: TS.Expression | undefined): string | undefined {
  if (node === undefined) return undefined;
  const ts = typescript();
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text;
  return undefined;
}

/** TypeScript, loaded on the first scan only. */
function typescript(): typeof TS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loadedTypescript ??= require('typescript') as typeof TS);
}

/** The tests of one spec file with their describe titles, read from its syntax tree. */
function scan(relative: string, file: string, text: string): FoundTest[] {
  const ts = typescript();
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found: FoundTest[] = [];
  const visit = (node: TS.Node, ancestors: string[]): void => {
    if (ts.isCallExpression(node)) {
      const kind = kindOf(node.expression);
      const title = titleOf(node.arguments[0]);
      if (kind !== undefined && title !== undefined) {
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        if (kind === 'test') found.push({ file: relative, line, ancestors, title });
        else for (const arg of node.arguments.slice(1)) visit(arg, [...ancestors, title]);
        return;
      }
    }
    ts.forEachChild(node, (child) => visit(child, ancestors));
  };
  visit(source, []);
  return found;
}

/** Rule id -> the spec files its "Checked by:" line lists (relative to specs/semantics/). */
function checkedBy(text: string): Map<string, string[]> {
  const listed = new Map<string, string[]>();
  for (const section of text.split(/^(?=#{2,4} R\d+ )/m)) {
    const id = /^#{2,4} R\d+\s+`([\w.-]+)`/.exec(section)?.[1];
    const line = /^Checked by: (.*)$/m.exec(section)?.[1];
    if (id !== undefined) listed.set(id, [...(line ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]!));
  }
  return listed;
}

const contract = contractRuleIds(fs.readFileSync(path.join(ROOT, 'docs', 'contract.md'), 'utf8'));
const tests = specFiles(path.join(ROOT, 'specs'))
  .filter((file) => !EXEMPT.test(path.relative(ROOT, file).split(path.sep).join('/')))
  .flatMap(testsIn);

describe('rule tags', () => {
  test('the scan finds the tests of the contract specs', () => {
    expect(tests.length).toBeGreaterThan(100);
  });

  test('every test is a contract rule, an article claim or a reference-port extra', () => {
    const untagged = tests.filter((t) => tagOfTest(t.ancestors, t.title) === undefined).map((t) => `${t.file}:${t.line} ${t.title}`);
    expect(untagged).toEqual([]);
  });

  test('every rule a test names is defined in docs/contract.md', () => {
    const unknown = tests.flatMap((t) => {
      const tag = tagOfTest(t.ancestors, t.title);
      return tag?.kind === 'rule' && !contract.has(tag.id) ? [`${t.file}:${t.line} [${tag.id}]`] : [];
    });
    expect(unknown).toEqual([]);
  });

  test('each rule\'s "Checked by" line in docs/contract.md names exactly the spec files that carry its id', () => {
    const listed = checkedBy(fs.readFileSync(path.join(ROOT, 'docs', 'contract.md'), 'utf8'));
    const found = new Map<string, Set<string>>();
    for (const t of tests) {
      const tag = tagOfTest(t.ancestors, t.title);
      if (tag?.kind !== 'rule') continue;
      if (!found.has(tag.id)) found.set(tag.id, new Set());
      found.get(tag.id)!.add(t.file.replace(/^specs\/semantics\//, ''));
    }
    const differ = [...contract.keys()].flatMap((id) => {
      const want = [...(found.get(id) ?? [])].sort().join(', ');
      const have = [...(listed.get(id) ?? [])].sort().join(', ');
      return want === have ? [] : [`${id}: contract lists [${have}], specs tagged [${want}]`];
    });
    expect(differ).toEqual([]);
  });

  test('a tag opens its title: "[lock.fifo] ...", never later in it', () => {
    const late = tests.flatMap((t) => [...t.ancestors, t.title])
      .filter((title) => tagOf(title) === undefined && /\[[a-z][\w-]*(\.[\w-]+)+\]|\[extra\]/.test(title));
    expect(late).toEqual([]);
  });
});
