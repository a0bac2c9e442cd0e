/** Every scenario the bench runs, in report order (H, the suite itself, lives in ../suite.ts). */
import { awaitLimit } from './a-await';
import { uncontended } from './b-uncontended';
import { handoff } from './c-handoff';
import { gating } from './d-gating';
import { broadcast } from './e-broadcast';
import { notify } from './f-notify';
import { memory } from './g-memory';
import type { Scenario } from './scenario';

export const scenarios: Scenario[] = [awaitLimit, uncontended, handoff, gating, broadcast, notify, memory];

export function scenario(id: string): Scenario {
  const found = scenarios.find((s) => s.id === id);
  if (!found) throw new Error(`no scenario ${id}; known: ${scenarios.map((s) => s.id).join(', ')}`);
  return found;
}
