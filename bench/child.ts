/**
 * Runs one cell (a Node cell or a CPython script) as a child process under a hard time budget,
 * reading the JSON lines it prints. A cell that overruns is killed (by its own pid) and keeps the
 * repetitions it finished; with none it is reported as "> budget".
 */
import { spawn } from 'node:child_process';
import readline from 'node:readline';

export type Status = 'ok' | 'budget' | 'unavailable' | 'error';

export interface ChildResult {
  status: Status;
  reps: number[];
  warmups: number[];
  message?: string;
  wallMs: number;
}

export function runChild(command: string, args: string[], hardBudgetMs: number, cwd: string): Promise<ChildResult> {
  return new Promise((resolve) => {
    const started = performance.now();
    const result: ChildResult = { status: 'error', reps: [], warmups: [], wallMs: 0 };
    let ended = false;
    let killed = false;
    let stderr = '';
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, hardBudgetMs);
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      let event: Record<string, unknown>;
      try {
        event = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return; // a stray print from a library; not ours
      }
      if (typeof event.rep === 'number') result.reps.push(event.rep);
      else if (typeof event.warmup === 'number') result.warmups.push(event.warmup);
      else if (event.end === true) ended = true;
      else if (typeof event.unavailable === 'string') {
        result.status = 'unavailable';
        result.message = event.unavailable;
      } else if (typeof event.error === 'string') result.message = event.error;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4000) stderr += chunk.toString();
    });
    child.on('error', (error) => {
      result.message = error.message;
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      result.wallMs = performance.now() - started;
      if (result.status === 'unavailable') {
        // keep it
      } else if (ended && code === 0) result.status = 'ok';
      else if (killed) {
        result.status = 'budget';
        result.message = `> ${(hardBudgetMs / 1000).toFixed(0)} s budget` + (result.reps.length ? ` (kept ${result.reps.length} reps)` : '');
      } else {
        result.status = 'error';
        result.message ??= stderr.trim().split('\n').slice(-3).join(' | ') || `exit code ${code}`;
      }
      resolve(result);
    });
  });
}
