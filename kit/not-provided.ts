/**
 * The kit's one "not provided" mechanism. A part of the contract the port lacks is never
 * recognised by its error's text: whatever stands in for it (kit/port.ts for a missing export,
 * an adapter for a library that has no counterpart) calls `noteNotProvided(name)`, which tells
 * the usage tracker (kit/usage.ts) of the test that is running. That tracker ends such a test
 * with a NotProvidedError whose `notProvided` field (an own property, so it survives jest's
 * workers) the reporter reads. A task may swallow the error a stand-in throws; the note stays.
 */

/** The global hook the usage tracker installs; ports and adapters reach it through noteNotProvided. */
export const NOT_PROVIDED = Symbol.for('asyncio-spec-kit.notProvided');

export class NotProvidedError extends Error {
  override name = 'NotProvidedError';
  /** The marker the reporter reads: the parts of the contract the test needed and the port lacks. */
  readonly notProvided: string[];

  constructor(names: string | readonly string[], why?: string) {
    const list = typeof names === 'string' ? [names] : [...names];
    super(`not provided by the port under test: ${list.join(', ')}${why ? ` (${why})` : ''}`);
    this.notProvided = list;
  }
}

/** Records that the running test used `name`, which the port lacks (no-op outside a kit run). */
export function noteNotProvided(name: string): void {
  const hook = (globalThis as Record<symbol, unknown>)[NOT_PROVIDED];
  if (typeof hook === 'function') (hook as (name: string) => void)(name);
}

/** Notes the use and returns the error to throw. */
export function notProvided(name: string, why?: string): NotProvidedError {
  noteNotProvided(name);
  return new NotProvidedError(name, why);
}

/** The parts a failed test lacked, read from jest's failureDetails (the marker field). */
export function notProvidedIn(details: readonly unknown[] | undefined): string[] {
  const names = new Set<string>();
  for (const detail of details ?? []) {
    const list = (detail as { notProvided?: unknown } | null)?.notProvided;
    if (Array.isArray(list)) for (const name of list) names.add(String(name));
  }
  return [...names].sort();
}
