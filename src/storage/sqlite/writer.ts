import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WriterRequest } from './writer-ops';
import type { WriterCommand, WriterItem, WriterReply } from './writer-protocol';
import { fromWireError } from './writer-protocol';

export interface SqliteWriter {
  /**
   * Runs one write op on the writer thread; resolves with its result once the transaction that
   * holds it has committed (and, with synchronous=FULL, been fsynced).
   * @example const result = await writer.run({ op: 'commitTurn', args: [toTurnWrite(turn)] }, Date.now()) as CommitResult;
   */
  run(req: WriterRequest, at: number): Promise<unknown>;
  /** Waits for the writes already handed over, then stops the thread (closing its connection). */
  close(): Promise<void>;
}

/**
 * The worker runs the compiled writer-worker.js next to this file; from TypeScript sources (tests,
 * `tsx`) it loads writer-worker.ts through tsx's CommonJS hook, as the main thread does.
 */
function spawnWorker(file: string): Worker {
  const ext = path.extname(__filename);
  const entry = path.join(__dirname, `writer-worker${ext}`);
  if (ext === '.js') return new Worker(entry, { workerData: { file } });
  const tsx = require.resolve('tsx/cjs/api', { paths: [__dirname] });
  return new Worker(`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(entry)});`, { eval: true, workerData: { file } });
}

type Waiter = { resolve: (v: unknown) => void; reject: (e: unknown) => void };

/**
 * Starts the writer thread for the SQLite file (whose schema the caller has already migrated).
 * Writes handed over in one event-loop turn travel as one message; the thread commits whatever
 * has reached it in one transaction. The thread keeps the process alive only while writes are
 * in flight.
 */
export function startSqliteWriter(file: string): SqliteWriter {
  const worker = spawnWorker(file);
  worker.unref();
  let nextId = 1;
  let queued: Array<{ item: WriterItem; waiter: Waiter }> = [];
  const inFlight = new Map<number, Waiter[]>();
  let failure: Error | undefined;
  let closed: Promise<void> | undefined;
  let onIdle: (() => void) | undefined;

  const post = (cmd: WriterCommand) => worker.postMessage(cmd);

  function send(): void {
    const batch = queued;
    queued = [];
    if (batch.length === 0) return;
    if (failure) {
      for (const q of batch) q.waiter.reject(failure);
      return;
    }
    const id = nextId++;
    inFlight.set(id, batch.map((q) => q.waiter));
    if (inFlight.size === 1) worker.ref();
    post({ type: 'batch', id, items: batch.map((q) => q.item) });
  }

  function settled(id: number): Waiter[] {
    const waiters = inFlight.get(id) ?? [];
    inFlight.delete(id);
    if (inFlight.size === 0 && queued.length === 0) {
      worker.unref();
      onIdle?.();
    }
    return waiters;
  }

  function failAll(err: Error): void {
    failure ??= err;
    for (const id of [...inFlight.keys()]) for (const w of settled(id)) w.reject(failure);
  }

  worker.on('message', (r: WriterReply) => {
    if (r.type !== 'batch') return;
    const waiters = settled(r.id);
    if (r.error) {
      const err = fromWireError(r.error);
      for (const w of waiters) w.reject(err);
      return;
    }
    r.outcomes?.forEach((o, i) => (o.ok ? waiters[i]?.resolve(o.result) : waiters[i]?.reject(fromWireError(o.error))));
  });
  worker.on('error', (err) => failAll(err));
  worker.on('exit', (code) => failAll(new Error(`sqlite writer thread exited (${code})`)));

  return {
    run(req, at) {
      if (closed || failure) return Promise.reject(failure ?? new Error('storage is closed'));
      return new Promise((resolve, reject) => {
        queued.push({ item: { req, at }, waiter: { resolve, reject } });
        if (queued.length === 1) setImmediate(send);
      });
    },
    close() {
      closed ??= (async () => {
        send();
        if (inFlight.size > 0) await new Promise<void>((r) => (onIdle = r));
        if (failure) return;
        worker.ref();
        const exited = new Promise<void>((r) => worker.once('exit', () => r()));
        post({ type: 'close' });
        await exited;
      })();
      return closed;
    },
  };
}
