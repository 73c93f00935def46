/**
 * The SQLite writer thread: owns the connection that commits turns, so the commit's fsync and the
 * WAL checkpoints never block the main thread's event loop. Everything that reaches it before it
 * is free again is written in one IMMEDIATE transaction (group commit: one fsync for many turns),
 * each write in its own savepoint, so one that fails rolls back and is reported alone. The reply
 * is posted only after COMMIT returned, and with synchronous=FULL that is after the fsync.
 */
import { setImmediate, setInterval } from 'node:timers';
import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteDatabase } from './database';
import { createWriterOps } from './writer-ops';
import type { WriterCommand, WriterItem, WriterOutcome, WriterReply } from './writer-protocol';
import { toWireError } from './writer-protocol';

/** How often an idle writer folds the WAL back into the database file (PASSIVE: never waits on readers). */
const CHECKPOINT_INTERVAL_MS = 5000;

const port = parentPort;
if (!port) throw new Error('writer-worker.ts runs as a worker thread');
const { file } = workerData as { file: string };
const db = openSqliteDatabase(file);
const ops = createWriterOps(db);

const runOne = db.transaction((item: WriterItem): unknown => {
  const { req, at } = item;
  switch (req.op) {
    case 'commitTurn':
      return ops.commitTurn(req.args[0], at);
    case 'createConversation':
      return ops.createConversation(req.args[0], at);
  }
});
const runAll = db.transaction((items: WriterItem[]): WriterOutcome[] =>
  items.map((item) => {
    try {
      return { ok: true, result: runOne(item) };
    } catch (err) {
      return { ok: false, error: toWireError(err) };
    }
  }),
);

function runAloneOutcome(item: WriterItem): WriterOutcome {
  try {
    return { ok: true, result: runOne.immediate(item) };
  } catch (err) {
    return { ok: false, error: toWireError(err) };
  }
}

let queue: Array<{ id: number; items: WriterItem[] }> = [];
let scheduled = false;
let closing = false;
let dirty = false;

function reply(r: WriterReply): void {
  port!.postMessage(r);
}

function flush(): void {
  scheduled = false;
  const batches = queue;
  queue = [];
  if (batches.length === 0) return;
  let outcomes: WriterOutcome[];
  const items = batches.flatMap((b) => b.items);
  try {
    // A write alone runs as the transaction itself (no savepoint): if it fails, rolling the
    // transaction back undoes just it.
    outcomes = items.length === 1 ? [runAloneOutcome(items[0]!)] : runAll.immediate(items);
  } catch (err) {
    for (const b of batches) reply({ type: 'batch', id: b.id, error: toWireError(err) });
    return;
  }
  dirty = true;
  let i = 0;
  for (const b of batches) {
    reply({ type: 'batch', id: b.id, outcomes: outcomes.slice(i, i + b.items.length) });
    i += b.items.length;
  }
}

const checkpoints = setInterval(() => {
  if (!dirty || scheduled) return;
  dirty = false;
  db.pragma('wal_checkpoint(PASSIVE)');
}, CHECKPOINT_INTERVAL_MS);
checkpoints.unref();

port.on('message', (cmd: WriterCommand) => {
  if (cmd.type === 'close') {
    closing = true;
    flush();
    clearInterval(checkpoints);
    db.close();
    reply({ type: 'closed' });
    port.close();
    return;
  }
  if (closing) return;
  queue.push({ id: cmd.id, items: cmd.items });
  if (!scheduled) {
    scheduled = true;
    setImmediate(flush);
  }
});
