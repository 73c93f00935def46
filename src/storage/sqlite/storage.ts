import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ConversationState, Sender } from '../../protocol/customer';
import { DuplicateMessageError, NotFoundError, VersionConflictError } from '../errors';
import type {
  CommitResult,
  ConversationRecord,
  EscalationRecord,
  EscalationStatus,
  MessageRecord,
  NewConversation,
  Storage,
  TurnCommit,
} from '../types';
import { openSqliteDatabase } from './database';
import { createSqliteCaseWriter, createSqliteCasesStore } from './cases';
import { createSqliteHandoffStore } from './handoff';
import { createSqliteTrainingStore } from './training';
import { createSqliteWebhookStore } from './webhooks';
import { createSqliteConversationList } from './conversation-list';
import { createSqliteWeeklyStats } from './insights';

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

interface ConversationRow {
  id: string;
  state: string;
  snapshot: string;
  context: string;
  last_seq: number;
  version: number;
  created_at: number;
  updated_at: number;
}

interface MessageRow {
  conversation_id: string;
  seq: number;
  id: string;
  sender: string;
  text: string;
  quick_replies: string | null;
  article: string | null;
  reply_to: string | null;
  meta: string | null;
  created_at: number;
}

interface EscalationRow {
  id: string;
  conversation_id: string;
  reason: string;
  priority: string;
  status: string;
  summary: string;
  created_at: number;
}

function toConversation(r: ConversationRow): ConversationRecord {
  return {
    id: r.id,
    state: r.state as ConversationState,
    snapshot: JSON.parse(r.snapshot),
    context: JSON.parse(r.context),
    lastSeq: r.last_seq,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toMessage(r: MessageRow): MessageRecord {
  const m: MessageRecord = {
    conversationId: r.conversation_id,
    seq: r.seq,
    id: r.id,
    from: r.sender as Sender,
    text: r.text,
    createdAt: r.created_at,
  };
  if (r.quick_replies !== null) m.quickReplies = JSON.parse(r.quick_replies);
  if (r.article !== null) m.article = JSON.parse(r.article);
  if (r.reply_to !== null) m.replyTo = r.reply_to;
  if (r.meta !== null) m.meta = JSON.parse(r.meta);
  return m;
}

function toEscalation(r: EscalationRow): EscalationRecord {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    reason: r.reason as EscalationRecord['reason'],
    priority: r.priority as EscalationRecord['priority'],
    status: r.status as EscalationStatus,
    summary: JSON.parse(r.summary),
    createdAt: r.created_at,
  };
}

/** undefined stays NULL so optional fields come back omitted, not as `null`. */
function jsonOrNull(v: unknown): string | null {
  return v === undefined ? null : JSON.stringify(v);
}

/**
 * Storage on one SQLite file (better-sqlite3). The embedded default: one process, no server.
 * Calls are synchronous underneath and return settled promises, so the async `Storage` interface
 * holds; a commit is durable (fsynced) before its promise resolves.
 * @example const storage = createSqliteStorage({ file: path.join(dataDir, 'chat.db'), logger });
 */
export function createSqliteStorage(options: SqliteStorageOptions): Storage {
  const db = openSqliteDatabase(options.file, options.logger);
  const now = options.now ?? Date.now;

  // Prepared once; better-sqlite3 caches the compiled statements for the connection's lifetime.
  const stmt = {
    insertConversation: db.prepare(
      `INSERT INTO conversations (id, token_hash, state, snapshot, context, last_seq, version, created_at, updated_at)
       VALUES (@id, @tokenHash, @state, @snapshot, @context, 0, 0, @now, @now)`,
    ),
    conversationById: db.prepare(
      `SELECT id, state, snapshot, context, last_seq, version, created_at, updated_at FROM conversations WHERE id = ?`,
    ),
    conversationByToken: db.prepare(
      `SELECT id, state, snapshot, context, last_seq, version, created_at, updated_at FROM conversations WHERE token_hash = ?`,
    ),
    versionOf: db.prepare(`SELECT version, last_seq FROM conversations WHERE id = ?`),
    messageExists: db.prepare(`SELECT 1 FROM messages WHERE conversation_id = ? AND id = ?`),
    insertMessage: db.prepare(
      `INSERT INTO messages (conversation_id, seq, id, sender, text, quick_replies, article, reply_to, meta, created_at)
       VALUES (@conversation_id, @seq, @id, @sender, @text, @quick_replies, @article, @reply_to, @meta, @created_at)`,
    ),
    updateConversation: db.prepare(
      `UPDATE conversations
          SET last_seq = @lastSeq, version = @version, updated_at = @now,
              snapshot = COALESCE(@snapshot, snapshot), state = COALESCE(@state, state)
        WHERE id = @id AND version = @expectedVersion`,
    ),
    openEscalation: db.prepare(
      `SELECT * FROM escalations WHERE conversation_id = ? AND status IN ('queued', 'assigned')`,
    ),
    insertEscalation: db.prepare(
      `INSERT INTO escalations (id, conversation_id, reason, priority, status, summary, created_at)
       VALUES (@id, @conversationId, @reason, @priority, 'queued', @summary, @createdAt)`,
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
    escalationById: db.prepare(`SELECT * FROM escalations WHERE id = ?`),
    setEscalationStatus: db.prepare(`UPDATE escalations SET status = ? WHERE id = ?`),
    // Messages and escalations go with it (ON DELETE CASCADE).
    eraseConversation: db.prepare(`DELETE FROM conversations WHERE id = ?`),
    idleSince: db.prepare(`SELECT id FROM conversations WHERE updated_at < ? ORDER BY updated_at, id LIMIT ?`).pluck(),
  };

  const writeCase = createSqliteCaseWriter(db, now);
  const commit = db.transaction((turn: TurnCommit): CommitResult => {
    const current = stmt.versionOf.get(turn.conversationId) as { version: number; last_seq: number } | undefined;
    if (!current) throw new NotFoundError(`conversation ${turn.conversationId} does not exist`);
    if (current.version !== turn.expectedVersion) {
      throw new VersionConflictError(turn.conversationId, turn.expectedVersion);
    }
    // Checked up front (also within the turn) so the error names the id; the UNIQUE constraint
    // stays as the backstop. Throwing rolls back everything this transaction wrote.
    const seen = new Set<string>();
    for (const m of turn.messages) {
      if (seen.has(m.id) || stmt.messageExists.get(turn.conversationId, m.id)) {
        throw new DuplicateMessageError(turn.conversationId, m.id);
      }
      seen.add(m.id);
    }
    const t = now();
    const messages: MessageRecord[] = [];
    let seq = current.last_seq;
    for (const m of turn.messages) {
      seq += 1;
      const row: MessageRow = {
        conversation_id: turn.conversationId,
        seq,
        id: m.id,
        sender: m.from,
        text: m.text,
        quick_replies: jsonOrNull(m.quickReplies),
        article: jsonOrNull(m.article),
        reply_to: m.replyTo ?? null,
        meta: jsonOrNull(m.meta),
        created_at: t,
      };
      stmt.insertMessage.run(row);
      // Built from the stored row, so the caller sees exactly what a later read returns.
      messages.push(toMessage(row));
    }
    const version = current.version + 1;
    stmt.updateConversation.run({
      id: turn.conversationId,
      expectedVersion: turn.expectedVersion,
      lastSeq: seq,
      version,
      now: t,
      // JSON 'null' is a real value (an explicitly null snapshot); SQL NULL means "unchanged".
      snapshot: turn.snapshot === undefined ? null : JSON.stringify(turn.snapshot ?? null),
      state: turn.state ?? null,
    });
    const result: CommitResult = { messages, version };
    if (turn.escalation) {
      const open = stmt.openEscalation.get(turn.conversationId) as EscalationRow | undefined;
      if (open) {
        result.escalation = toEscalation(open);
      } else {
        const row: EscalationRow = {
          id: randomUUID(),
          conversation_id: turn.conversationId,
          reason: turn.escalation.reason,
          priority: turn.escalation.priority,
          status: 'queued',
          summary: JSON.stringify(turn.escalation.summary ?? {}),
          created_at: t,
        };
        stmt.insertEscalation.run({
          id: row.id,
          conversationId: row.conversation_id,
          reason: row.reason,
          priority: row.priority,
          summary: row.summary,
          createdAt: row.created_at,
        });
        result.escalation = toEscalation(row);
      }
    }
    if (turn.case) result.case = writeCase({ ...turn.case, conversationId: turn.conversationId });
    return result;
  });

  /**
   * Group commit: turns that arrive in the same event-loop turn (many conversations at once) are
   * written in one transaction, so they share one fsync instead of paying one each. Each turn
   * runs in its own savepoint (a nested better-sqlite3 transaction): one that fails (version
   * conflict, duplicate id) rolls back alone and rejects alone. Promises resolve only after the
   * whole transaction, and so its fsync, completed.
   */
  const commitBatch = db.transaction((turns: TurnCommit[]) =>
    turns.map((turn) => {
      try {
        return { ok: true as const, result: commit(turn) };
      } catch (error) {
        return { ok: false as const, error };
      }
    }),
  );
  let pending: Array<{ turn: TurnCommit; resolve: (r: CommitResult) => void; reject: (e: unknown) => void }> = [];
  function flush(): void {
    const batch = pending;
    pending = [];
    if (closed) {
      for (const p of batch) p.reject(new Error('storage is closed'));
      return;
    }
    let outcomes: ReturnType<typeof commitBatch>;
    try {
      // IMMEDIATE: take the write lock before reading versions, so another process cannot
      // commit between our checks and our writes.
      outcomes = commitBatch.immediate(batch.map((p) => p.turn));
    } catch (err) {
      for (const p of batch) p.reject(err);
      return;
    }
    outcomes.forEach((o, i) => (o.ok ? batch[i]!.resolve(o.result) : batch[i]!.reject(o.error)));
  }

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
    async createConversation(input: NewConversation): Promise<ConversationRecord> {
      const t = now();
      stmt.insertConversation.run({
        id: input.id,
        tokenHash: input.tokenHash,
        state: input.state,
        snapshot: JSON.stringify(input.snapshot ?? null),
        context: JSON.stringify(input.context ?? {}),
        now: t,
      });
      return toConversation(stmt.conversationById.get(input.id) as ConversationRow);
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
      return new Promise<CommitResult>((resolve, reject) => {
        pending.push({ turn, resolve, reject });
        if (pending.length === 1) setImmediate(flush);
      });
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
      db.close();
      options.logger?.debug({ file: options.file }, 'sqlite storage closed');
    },
  };
}
