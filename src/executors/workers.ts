/**
 * One worker, thread or child process, behind the same small face: post a call, hear its
 * replies and its death, terminate it. The pool (pool.ts) never knows which kind it drives.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { bootstrapSource, type CallMessage, type ReplyMessage } from './bootstrap';

export interface WorkerEvents {
  reply(message: ReplyMessage): void;
  /** The worker is gone; `reason` says how, `cause` is the error that killed it, if any. */
  exit(reason: { exitCode: number | null; signal: NodeJS.Signals | null; cause?: unknown }): void;
}

export interface WorkerHandle {
  /** threadId or pid. */
  readonly id: number;
  /** Throws when the message cannot be sent (the caller checked the arguments, so rarely). */
  post(message: CallMessage): void;
  /** Ends the worker, even in the middle of a call; resolves once it has exited. */
  terminate(): Promise<void>;
}

export type SpawnWorker = (events: WorkerEvents) => WorkerHandle;

export const spawnThread: SpawnWorker = (events) => {
  // No execArgv of ours (a loader, --expose-gc...): a worker runs plain shipped JavaScript.
  const worker = new Worker(bootstrapSource('thread'), { eval: true, execArgv: [] });
  let cause: unknown;
  let exited = false;
  const gone = new Promise<void>((resolve) => {
    worker.on('exit', (exitCode) => {
      exited = true;
      resolve();
      events.exit({ exitCode, signal: null, cause });
    });
  });
  worker.on('message', (message: ReplyMessage) => events.reply(message));
  worker.on('error', (error) => (cause = error));
  return {
    id: worker.threadId,
    post: (message) => worker.postMessage(message),
    terminate: async () => {
      if (!exited) await worker.terminate();
      await gone;
    },
  };
};

export const spawnProcess: SpawnWorker = (events) => {
  const child: ChildProcess = spawn(process.execPath, ['-e', bootstrapSource('process')], {
    // The child prints where this process prints; the fourth descriptor is the call channel.
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // Structured clone, as for threads, instead of JSON.
    serialization: 'advanced',
  });
  let cause: unknown;
  const gone = new Promise<void>((resolve) => {
    child.on('exit', (exitCode, signal) => {
      resolve();
      events.exit({ exitCode, signal, cause });
    });
  });
  // A failed spawn emits 'error' and no 'exit'.
  child.on('error', (error) => {
    cause = error;
    if (child.pid === undefined) child.emit('exit', null, null);
  });
  child.on('message', (message: ReplyMessage) => events.reply(message));
  return {
    id: child.pid ?? -1,
    post: (message) => {
      // A child that died between calls: its 'exit' reports it; the callback keeps EPIPE from being thrown.
      child.send(message, (error) => {
        if (error && child.exitCode === null && child.signalCode === null) child.kill();
      });
    },
    terminate: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await gone;
    },
  };
};
