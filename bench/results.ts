/** The shape of bench/results.json, and the figures derived from its rows (ratios, goals). */
import type { Status } from './child';
import { UNCONTENDED_PARAM } from './scenarios/b-uncontended';
import { HANDOFF_PARAM } from './scenarios/c-handoff';
import type { SuiteFigures } from './suite/suite';

export type RowKind = 'port' | 'peer' | 'limit' | 'cpython';

export interface Row {
  scenario: string;
  param: string;
  subject: string;
  kind: RowKind;
  status: Status;
  median?: number;
  min?: number;
  max?: number;
  reps: number;
  message?: string;
  /** For a cell that did not finish: what its figure is at least (same unit), when that is known. */
  lowerBound?: number;
  /** median / the fastest JS peer's median in the same scenario and param. */
  vsFastestPeer?: number;
  /** median / A's median (time scenarios only): how many bare awaits one operation costs. */
  vsA?: number;
}

export interface Goal {
  id: string;
  text: string;
  measured: string;
  status: 'met' | 'missed' | 'not available';
}

export interface Results {
  generatedAt: string;
  complete: boolean;
  machine: { cpu: string; cores: number; memoryGB: number; os: string; node: string; loadAverage: string; python?: string };
  method: string;
  totalWallMs: number;
  scenarios: Array<{ id: string; title: string; unit: string }>;
  rows: Row[];
  derived: Array<{ label: string; value: string }>;
  goals: Goal[];
  suite?: SuiteFigures;
}

const ok = (row: Row | undefined): row is Row & { median: number } => row?.median !== undefined && row.status !== 'error';

export function addRatios(rows: Row[]): void {
  const a = rows.find((r) => r.scenario === 'A' && r.kind === 'limit');
  for (const row of rows) {
    if (!ok(row)) continue;
    const peers = rows.filter((r) => r.scenario === row.scenario && r.param === row.param && r.kind === 'peer' && r.status === 'ok' && ok(r));
    const fastest = Math.min(...peers.map((r) => r.median!));
    if (Number.isFinite(fastest)) row.vsFastestPeer = row.median / fastest;
    if (ok(a) && row.scenario !== 'G') row.vsA = row.median / a.median;
  }
}

function find(rows: Row[], scenario: string, param: string, subject: string | RegExp): Row | undefined {
  return rows.find(
    (r) => r.scenario === scenario && r.param === param && (typeof subject === 'string' ? r.subject === subject : subject.test(r.subject)),
  );
}

const fmt = (x: number, digits = 2): string => x.toFixed(digits);

/** Growth of the per-item figure from a small N to a big one, per subject. */
export function derive(rows: Row[]): Results['derived'] {
  const derived: Results['derived'] = [];
  const growth = (scenario: string, small: string, big: string, label: string): void => {
    const subjects = [...new Set(rows.filter((r) => r.scenario === scenario).map((r) => r.subject))];
    for (const subject of subjects) {
      const s = find(rows, scenario, small, subject);
      const b = find(rows, scenario, big, subject);
      if (ok(s) && ok(b) && b.status === 'ok') derived.push({ label: `${label}, ${subject}`, value: `${fmt(b.median / s.median)}x` });
      else if (ok(s) && b && b.status === 'budget') derived.push({ label: `${label}, ${subject}`, value: `${big} did not finish (${b.message})` });
    }
  };
  growth('D', '10000', '1000000', 'D per-task cost, 1e6 vs 1e4');
  growth('D', '100000', '1000000', 'D per-task cost, 1e6 vs 1e5');
  growth('F', '10000', '100000', 'F per-waiter cost, 1e5 vs 1e4');
  const thread = rows.find((r) => r.scenario === 'G' && r.param === 'thread');
  for (const task of rows.filter((r) => r.scenario === 'G' && r.param === 'task')) {
    if (ok(thread) && ok(task)) derived.push({ label: `G idle thread / pending task (${task.subject})`, value: `${fmt(thread.median / task.median, 0)}x` });
  }
  return derived;
}

const ONE_KB = 1024;

export function evaluateGoals(rows: Row[]): Goal[] {
  const goals: Goal[] = [];
  const missing = (id: string, text: string, why: string): Goal => ({ id, text, measured: why, status: 'not available' });
  const fastestPeer = (scenario: string, param: string): Row | undefined =>
    rows
      .filter((r) => r.scenario === scenario && r.param === param && r.kind === 'peer' && r.status === 'ok' && ok(r))
      .sort((x, y) => x.median! - y.median!)[0];
  const vsPeer = (id: string, text: string, scenario: string, param: string, subject: string, limit: number): void => {
    const mine = find(rows, scenario, param, subject);
    const best = fastestPeer(scenario, param);
    if (!ok(mine) || !best) {
      goals.push(missing(id, text, mine?.message ?? 'no figure'));
      return;
    }
    const ratio = mine.median / best.median!;
    goals.push({ id, text, measured: `${fmt(ratio)}x of ${best.subject}`, status: ratio <= limit ? 'met' : 'missed' });
  };

  vsPeer('B', 'B: uncontended Lock within 1.2x of the fastest peer', 'B', UNCONTENDED_PARAM, 'port Lock', 1.2);
  vsPeer('C', 'C: contended Lock hand-off at or below the fastest peer', 'C', HANDOFF_PARAM, 'port Lock', 1.0);
  for (const n of ['10000', '100000', '1000000']) {
    vsPeer(`D${n}`, `D: Semaphore(2) at N=${n} at or below the fastest peer`, 'D', n, 'port Semaphore(2)', 1.0);
  }
  const d5 = find(rows, 'D', '100000', 'port Semaphore(2)');
  const d6 = find(rows, 'D', '1000000', 'port Semaphore(2)');
  if (ok(d5) && ok(d6) && d6.status === 'ok') {
    const g = d6.median / d5.median;
    goals.push({ id: 'Dflat', text: 'D: port per-task cost flat within 1.3x from 1e5 to 1e6', measured: `${fmt(g)}x`, status: g <= 1.3 ? 'met' : 'missed' });
  } else goals.push(missing('Dflat', 'D: port per-task cost flat within 1.3x from 1e5 to 1e6', d6?.message ?? d5?.message ?? 'no figure'));
  // The issue set E at 100 ns when A measured 29 ns on this machine; scaling by today's A keeps
  // the goal about the primitive, not about how loaded the machine is during this run.
  const e = find(rows, 'E', '1e5', 'port Event');
  const a = rows.find((r) => r.scenario === 'A' && r.kind === 'limit');
  const eText = 'E: Event broadcast within 1.2x of 100 ns per waiter (scaled by A / 29 ns)';
  if (ok(e) && ok(a)) {
    const target = 1.2 * 100 * (a.median / 29);
    goals.push({
      id: 'E',
      text: eText,
      measured: `${fmt(e.median, 0)} ns/waiter, limit ${fmt(target, 0)} ns (A = ${fmt(a.median, 1)} ns)`,
      status: e.median <= target ? 'met' : 'missed',
    });
  } else goals.push(missing('E', eText, e?.message ?? (ok(a) ? 'no figure' : 'A not measured')));
  const f4 = find(rows, 'F', '10000', 'port Condition');
  const f5 = find(rows, 'F', '100000', 'port Condition');
  if (ok(f4) && ok(f5) && f5.status === 'ok') {
    const g = f5.median / f4.median;
    goals.push({
      id: 'F',
      // 10x more waiters: linear keeps the per-waiter cost at 1x, quadratic makes it 10x; the
      // line is drawn halfway between on a log scale, sqrt(10).
      text: 'F: Condition notify(2) linear (per-waiter cost 1e5 vs 1e4 below sqrt(10) = 3.16x; quadratic is 10x)',
      measured: `${fmt(g)}x`,
      status: g < Math.sqrt(10) ? 'met' : 'missed',
    });
  } else goals.push(missing('F', 'F: Condition notify(2) linear', f5?.message ?? f4?.message ?? 'no figure'));
  // G: the heap one pending item costs, against 1 KB. Issue 15 set it for a task too (CPython's
  // Task is about 1 KB; a pending createTask was 1.6 KB while each task made its AbortSignal).
  const atMostOneKB = (id: string, what: string, param: string, subject: string): void => {
    const text = `G: memory per ${what} at most ${ONE_KB} B (1 KB)`;
    const row = find(rows, 'G', param, subject);
    if (ok(row)) goals.push({ id, text, measured: `${fmt(row.median, 0)} B (${subject})`, status: row.median <= ONE_KB ? 'met' : 'missed' });
    else goals.push(missing(id, text, row?.message ?? 'no figure'));
  };
  atMostOneKB('G', 'waiting Lock acquire', 'waiter', 'port Lock');
  atMostOneKB('Gtask', 'pending createTask', 'task', 'port createTask');

  // Same work in CPython's asyncio: at least 10x slower than the port (A: than the bare await).
  const pairs: Array<[string, string, string | RegExp, string]> = [
    ['A', '1e6', 'bare await (limit)', 'sleep0'],
    ['B', UNCONTENDED_PARAM, 'port Lock', UNCONTENDED_PARAM],
    ['C', HANDOFF_PARAM, 'port Lock', HANDOFF_PARAM],
    ['D', '10000', 'port Semaphore(2)', '10000'],
    ['D', '100000', 'port Semaphore(2)', '100000'],
    ['D', '1000000', 'port Semaphore(2)', '1000000'],
    ['E', '1e5', 'port Event', '1e5'],
    ['F', '10000', 'port Condition', '10000'],
    ['F', '100000', 'port Condition', '100000'],
  ];
  for (const [scenario, param, subject, pyParam] of pairs) {
    const id = `py-${scenario}${scenario === 'D' || scenario === 'F' ? `-${param}` : ''}`;
    const text = `${scenario}${scenario === 'D' || scenario === 'F' ? ` N=${param}` : ''}: at least 10x faster than CPython asyncio`;
    const mine = find(rows, scenario, param, subject);
    const py = rows.find((r) => r.kind === 'cpython' && r.scenario === scenario && r.param === pyParam);
    if (!ok(mine) || !py) goals.push(missing(id, text, !py ? 'CPython not run' : (mine?.message ?? 'no figure')));
    else if (py.status === 'budget' && !ok(py) && py.lowerBound !== undefined) {
      const ratio = py.lowerBound / mine.median;
      goals.push({ id, text, measured: `CPython over budget: > ${fmt(ratio, 1)}x slower`, status: ratio >= 10 ? 'met' : 'not available' });
    }
    else if (!ok(py)) goals.push(missing(id, text, `CPython: ${py.message ?? py.status}`));
    else {
      const ratio = py.median / mine.median;
      goals.push({ id, text, measured: `CPython ${fmt(ratio, 1)}x slower`, status: ratio >= 10 ? 'met' : 'missed' });
    }
  }
  return goals;
}
