/** One line of a trace: [virtual ms since the example started, what happened]. */
export type TraceEntry = readonly [ms: number, label: string];

/**
 * The trace recorder: what the article's scripts print, with the (virtual) time it was
 * printed, so a spec asserts the exact ordered lines and their instants.
 */
export class Trace {
  readonly entries: TraceEntry[] = [];

  constructor(private readonly now: () => number) {}

  /** Records a line; bound, so it can be handed to an example as its printer. */
  readonly log = (label: string): void => {
    this.entries.push([this.now(), label]);
  };

  /** The labels alone, in order. */
  labels(): string[] {
    return this.entries.map(([, label]) => label);
  }

  /** When the first line matching `pattern` was logged; throws if none was. */
  at(pattern: string | RegExp): number {
    const entry = this.entries.find(([, label]) => (typeof pattern === 'string' ? label === pattern : pattern.test(label)));
    if (!entry) throw new Error(`trace has no line matching ${String(pattern)}:\n${this.toString()}`);
    return entry[0];
  }

  toString(): string {
    return this.entries.map(([ms, label]) => `${String(ms).padStart(6)} ms  ${label}`).join('\n');
  }
}
