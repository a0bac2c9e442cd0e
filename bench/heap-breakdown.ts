/**
 * Where the bytes of one pending task go: `node --expose-gc --import tsx bench/heap-breakdown.ts [subject] [N]`
 * (subject: a G spawner, default 'port createTask'; N default 10000). Takes a V8 heap snapshot
 * before and after starting N tasks parked on one promise (as bench G does), and prints the
 * growth per task grouped by node type and constructor or closure name, largest first. The
 * total is the sum of self sizes, so it is a little under G's heapUsed figure (no page slack).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { find, spawners } from './subjects';
import { gc, settle } from './scenarios/scenario';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** Bytes and node count per "type name" in one snapshot. */
function census(file: string): Map<string, { bytes: number; count: number }> {
  const { snapshot, nodes, strings } = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = snapshot.meta.node_fields;
  const types = snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [number, number, number];
  const groups = new Map<string, { bytes: number; count: number }>();
  for (let i = 0; i < nodes.length; i += fields.length) {
    const type = types[nodes[i + typeAt]!]!;
    // Strings are grouped as one kind: their text (a name, a source) is not a constructor.
    const name = type === 'string' || type === 'concatenated string' || type === 'sliced string' ? '' : strings[nodes[i + nameAt]!]!.slice(0, 60);
    const key = `${type} ${name}`.trim();
    const group = groups.get(key) ?? { bytes: 0, count: 0 };
    group.bytes += nodes[i + sizeAt]!;
    group.count += 1;
    groups.set(key, group);
  }
  return groups;
}

const retained: unknown[] = [];

async function main(): Promise<void> {
  const subject = process.argv[2] ?? 'port createTask';
  const n = Number(process.argv[3] ?? 10_000);
  const spawner = subject === 'nothing' ? { spawn: () => undefined } : await find(spawners, subject).make();
  const never = new Promise<void>(() => {});
  const tasks = new Array<unknown>(n).fill(undefined);
  // Both snapshots are written to files, synchronously, and read only once both exist: a
  // snapshot parsed in this heap would be counted in the next one.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'heap-breakdown-'));
  const snap = (name: string): string => {
    gc();
    gc();
    return v8.writeHeapSnapshot(path.join(dir, name));
  };
  await settle();
  const beforeFile = snap('before.heapsnapshot');
  for (let i = 0; i < n; i++) tasks[i] = spawner.spawn(never);
  await settle();
  retained.push(spawner, never, tasks);
  const afterFile = snap('after.heapsnapshot');
  retained.length = 0;
  const before = census(beforeFile);
  const after = census(afterFile);
  rmSync(dir, { recursive: true });
  const rows = [...after]
    .map(([key, { bytes, count }]) => ({ key, bytes: (bytes - (before.get(key)?.bytes ?? 0)) / n, count: (count - (before.get(key)?.count ?? 0)) / n }))
    .filter((row) => Math.abs(row.bytes) >= 1)
    .sort((a, b) => b.bytes - a.bytes);
  const total = rows.reduce((sum, row) => sum + row.bytes, 0);
  console.log(`${subject}: ${total.toFixed(0)} B of self size per pending task (N = ${n})`);
  for (const row of rows) console.log(`${row.bytes.toFixed(1).padStart(8)} B  ${row.count.toFixed(2).padStart(6)} per task  ${row.key}`);
}

void main();
