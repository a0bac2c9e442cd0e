/**
 * Rule tags. Every test of the suite is a contract rule or a reference-port extra, and its title
 * (or the title of a describe around it) starts with the tag:
 *
 * - `[lock.fifo]`: a contract rule, numbered and described in docs/contract.md;
 * - `[C05]`: one of the article's claims (docs of the article; `npm test` only);
 * - `[extra]`: something the reference port does that the contract does not promise
 *   (exact message wording, a TypeError where a RangeError would do, `pool.workerCount`...).
 *
 * The nearest tag wins: a test's own, else its innermost describe's.
 */
export const EXTRA = 'extra';

export type Tag = { kind: 'rule'; id: string } | { kind: 'claim'; id: string } | { kind: 'extra' };

const TAG = /^\[([A-Za-z0-9][\w.-]*)\]/;
const CLAIM = /^C\d+$/;

/** The tag at the start of one title, if any. */
export function tagOf(title: string): Tag | undefined {
  const match = TAG.exec(title.trim());
  if (!match) return undefined;
  const id = match[1]!;
  if (id === EXTRA) return { kind: 'extra' };
  if (CLAIM.test(id)) return { kind: 'claim', id };
  return { kind: 'rule', id };
}

/** The tag that governs a test: its own title's, else the innermost describe's. */
export function tagOfTest(ancestors: readonly string[], title: string): Tag | undefined {
  for (const name of [title, ...[...ancestors].reverse()]) {
    const tag = tagOf(name);
    if (tag) return tag;
  }
  return undefined;
}

/** A title without its tag, for reports (the rule heading shows the id once). */
export function untagged(title: string): string {
  return title.trim().replace(TAG, '').trim();
}

/** The primitive a rule id belongs to: its first segment (`lock.fifo` -> `lock`). */
export function primitiveOf(id: string): string {
  return id.split('.')[0]!;
}

/** Does `--only <what>` select this rule? A whole id, or a prefix ending at a dot (a primitive). */
export function selects(what: string, id: string): boolean {
  return id === what || id.startsWith(`${what}.`);
}

/** The rule ids docs/contract.md defines: headings `### R12 \`lock.fifo\` ...`. */
export function contractRuleIds(contractText: string): Map<string, string> {
  const rules = new Map<string, string>();
  for (const match of contractText.matchAll(/^#{2,4} (R\d+)\s+`([\w.-]+)`/gm)) rules.set(match[2]!, match[1]!);
  return rules;
}
