import type { Logger } from 'pino';
import { QUEUE_PREVIEW, type CommitResult, type ConversationRecord, type EscalationRecord, type EscalationStatus, type Storage } from '../types';
import { openSqliteDatabase } from './database';
import { createSqliteCasesStore } from './cases';
import { createSqliteHandoffStore } from './handoff';
import { createSqliteTrainingStore } from './training';
import { createSqliteWebhookStore } from './webhooks';
import { createSqliteConversationList } from './conversation-list';
import { createSqliteWeeklyStats } from './insights';
import { type ConversationRow, type EscalationRow, type MessageRow, type QueueRow, toConversation, toEscalation, toMessage, toQueued } from './rows';
import { startSqliteWriter } from './writer';
import { toTurnWrite } from './writer-ops';

export interface SqliteStorageOptions {
  /**
   * Path of the database file; created with its schema when missing.
   * @example { file: path.join(config.dataDir, 'chat.db') }
   */
  file: string;
  /** Receives migration and close messages. Default: silent. */
  logger?: Logger;
  /** Clock for created/updated times, epoch ms. Default `Date.now`; tests pass a fixed clock. */
  now?: () => number;
}

const DEFAULT_LIMIT = 1000;

/**
 * Storage on one SQLite file (better-sqlite3). The embedded default: one process, no server.
 * Conversations and turns are written by a writer thread (writer-worker.ts) that owns its own
 * connection, batches concurrent turns into one transaction and fsyncs and checkpoints off the
 * main thread; `commitTurn` resolves only after that commit is on disk (synchronous=FULL).
 * Reads, and the rarer writes of the sub-stores (agents, cases, training), run on the main
 * thread's connection, which WAL lets read while the writer writes.
 * @example const storage = createSqliteStorage({ file: path.join(dataDir, 'chat.db'), logger });
 */
export function createSqliteStorage(options: SqliteStorageOptions): Storage {
  const db = openSqliteDatabase(options.file, options.logger);
  // Checkpoints belong to the writer thread: this connection never runs one inside its own commits.
  db.pragma('wal_autocheckpoint = 0');
  const writer = startSqliteWriter(options.file);
  const now = options.now ?? Date.now;

  // Prepared once; better-sqlite3 caches the compiled statements for the connection's lifetime.
  const stmt = {
    conversationById: db.prepare(
      `SELECT id, state, snapshot, context, last_seq, version, created_at, updated_at FROM conversations WHERE id = ?`,
    ),
    conversationByToken: db.prepare(
      `SELECT id, state, snapshot, context, last_seq, version, created_at, updated_at FROM conversations WHERE token_hash = ?`,
    ),
    messagesAfter: db.prepare(
      `SELECT * FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
    ),
    findMessage: db.prepare(`SELECT * FROM messages WHERE conversation_id = ? AND id = ?`),
    escalationsAll: db.prepare(`SELECT * FROM escalations ORDER BY created_at, rowid`),
    escalationsByStatus: db.prepare(`SELECT * FROM escalations WHERE status = ? ORDER BY created_at, rowid`),
    escalationsByConversation: db.prepare(
      `SELECT * FROM escalations WHERE conversation_id = ? ORDER BY created_at, rowid`,
    ),
    escalationsByBoth: db.prepare(
      `SELECT * FROM escalations WHERE status = ? AND conversation_id = ? ORDER BY created_at, rowid`,
    ),
    // The queue and, per entry, its conversation's state and latest customer texts: one statement.
    queue: db.prepare(
      `SELECT e.*, c.state AS conversation_state,
              (SELECT json_group_array(json_array(r.seq, r.text)) FROM (
                 SELECT m.seq, m.text FROM messages m
                  WHERE m.conversation_id = e.conversation_id AND m.sender = 'customer' AND m.seq > c.last_seq - ${QUEUE_PREVIEW.window}
                  ORDER BY m.seq DESC LIMIT ${QUEUE_PREVIEW.texts}) r) AS recent
         FROM escalations e JOIN conversations c ON c.id = e.conversation_id
        WHERE e.status = 'queued'
        ORDER BY e.created_at, e.rowid`,
    ),
    escalationById: db.prepare(`SELECT * FROM escalations WHERE id = ?`),
    setEscalationStatus: db.prepare(`UPDATE escalations SET status = ? WHERE id = ?`),
    // Messages and escalations go with it (ON DELETE CASCADE).
    eraseConversation: db.prepare(`DELETE FROM conversations WHERE id = ?`),
    idleSince: db.prepare(`SELECT id FROM conversations WHERE updated_at < ? ORDER BY updated_at, id LIMIT ?`).pluck(),
  };

  const setStatus = db.transaction(
    (id: string, status: EscalationStatus, from?: EscalationStatus[]): EscalationRecord | undefined => {
      const row = stmt.escalationById.get(id) as EscalationRow | undefined;
      if (!row) return undefined;
      if (from && !from.includes(row.status as EscalationStatus)) return undefined;
      stmt.setEscalationStatus.run(status, id);
      return toEscalation({ ...row, status });
    },
  );

  let closed = false;

  return {
    handoff: createSqliteHandoffStore(db, now),
    cases: createSqliteCasesStore(db, now),
    training: createSqliteTrainingStore(db, now),
    webhooks: createSqliteWebhookStore(db, now),
    async createConversation(input) {
      return (await writer.run({ op: 'createConversation', args: [input] }, now())) as ConversationRecord;
    },

    async getConversation(id) {
      const row = stmt.conversationById.get(id) as ConversationRow | undefined;
      return row && toConversation(row);
    },

    async getConversationByTokenHash(tokenHash) {
      const row = stmt.conversationByToken.get(tokenHash) as ConversationRow | undefined;
      return row && toConversation(row);
    },

    async commitTurn(turn) {
      return (await writer.run({ op: 'commitTurn', args: [toTurnWrite(turn)] }, now())) as CommitResult;
    },

    async messagesAfter(conversationId, afterSeq, limit = DEFAULT_LIMIT) {
      const rows = stmt.messagesAfter.all(conversationId, afterSeq, Math.max(0, Math.floor(limit))) as MessageRow[];
      return rows.map(toMessage);
    },

    async findMessage(conversationId, id) {
      const row = stmt.findMessage.get(conversationId, id) as MessageRow | undefined;
      return row && toMessage(row);
    },

    async listEscalations(filter = {}) {
      const { status, conversationId } = filter;
      let rows: unknown[];
      if (status !== undefined && conversationId !== undefined) rows = stmt.escalationsByBoth.all(status, conversationId);
      else if (status !== undefined) rows = stmt.escalationsByStatus.all(status);
      else if (conversationId !== undefined) rows = stmt.escalationsByConversation.all(conversationId);
      else rows = stmt.escalationsAll.all();
      return (rows as EscalationRow[]).map(toEscalation);
    },

    async listQueue() {
      return (stmt.queue.all() as QueueRow[]).map(toQueued);
    },

    async updateEscalationStatus(id, status, opts = {}) {
      return setStatus.immediate(id, status, opts.from);
    },

    async eraseConversation(id) {
      stmt.eraseConversation.run(id);
    },

    async conversationsIdleSince(before, limit = 100) {
      return stmt.idleSince.all(before, Math.max(0, Math.floor(limit))) as string[];
    },

    listConversations: createSqliteConversationList(db),
    weeklyStats: createSqliteWeeklyStats(db),

    async close() {
      if (closed) return;
      closed = true;
      await writer.close();
      db.close();
      options.logger?.debug({ file: options.file }, 'sqlite storage closed');
    },
  };
}
