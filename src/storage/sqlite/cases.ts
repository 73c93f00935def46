import type { CaseRecord, CaseStatus, CaseStore, FeedbackRecord, NewCase } from '../cases';
import { CaseIdTakenError } from '../cases';
import type { SqliteDatabase } from './database';

/** Migrations of the `cases` schema module (see modules.ts). Append only. */
export const sqliteCasesMigrations: readonly string[] = [
  `
  CREATE TABLE cases (
    id                TEXT PRIMARY KEY,
    conversation_id   TEXT NOT NULL,
    kind              TEXT NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('open', 'waiting_on_customer', 'in_review', 'resolved')),
    priority          TEXT NOT NULL CHECK (priority IN ('normal', 'urgent')),
    details           TEXT NOT NULL,
    email             TEXT,
    follow_up_by      INTEGER NOT NULL,
    source_message_id TEXT NOT NULL,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    UNIQUE (conversation_id, source_message_id)
  ) STRICT;
  CREATE INDEX cases_status ON cases (status, created_at);

  -- Read by the training part's triage inbox (bad ratings): keep the name and columns.
  CREATE TABLE feedback (
    conversation_id TEXT NOT NULL,
    rating          INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment         TEXT,
    created_at      INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX feedback_conversation ON feedback (conversation_id, created_at);
  `,
];

interface CaseRow {
  id: string;
  conversation_id: string;
  kind: string;
  status: string;
  priority: string;
  details: string;
  email: string | null;
  follow_up_by: number;
  source_message_id: string;
  created_at: number;
  updated_at: number;
}

interface FeedbackRow {
  conversation_id: string;
  rating: number;
  comment: string | null;
  created_at: number;
}

function toCase(r: CaseRow): CaseRecord {
  const c: CaseRecord = {
    id: r.id,
    conversationId: r.conversation_id,
    kind: r.kind as CaseRecord['kind'],
    status: r.status as CaseStatus,
    priority: r.priority as CaseRecord['priority'],
    details: JSON.parse(r.details),
    followUpBy: r.follow_up_by,
    sourceMessageId: r.source_message_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
  if (r.email !== null) c.email = r.email;
  return c;
}

function toFeedback(r: FeedbackRow): FeedbackRecord {
  const f: FeedbackRecord = { conversationId: r.conversation_id, rating: r.rating, createdAt: r.created_at };
  if (r.comment !== null) f.comment = r.comment;
  return f;
}

/**
 * Writes one case: idempotent per (conversation, source message), CaseIdTakenError when the id
 * belongs to another case. A better-sqlite3 transaction function, so it nests as a savepoint
 * inside a turn's commit (storage.ts) and stands alone for `createCase`.
 */
export function createSqliteCaseWriter(db: SqliteDatabase, now: () => number) {
  const stmt = {
    byId: db.prepare('SELECT * FROM cases WHERE id = ?'),
    bySource: db.prepare('SELECT * FROM cases WHERE conversation_id = ? AND source_message_id = ?'),
    insert: db.prepare(
      `INSERT INTO cases (id, conversation_id, kind, status, priority, details, email, follow_up_by, source_message_id, created_at, updated_at)
       VALUES (@id, @conversation_id, @kind, @status, @priority, @details, @email, @follow_up_by, @source_message_id, @created_at, @updated_at)`,
    ),
  };
  return db.transaction((input: NewCase): CaseRecord => {
    const existing = stmt.bySource.get(input.conversationId, input.sourceMessageId) as CaseRow | undefined;
    if (existing) return toCase(existing);
    if (stmt.byId.get(input.id)) throw new CaseIdTakenError(input.id);
    const t = now();
    const row: CaseRow = {
      id: input.id,
      conversation_id: input.conversationId,
      kind: input.kind,
      status: input.status ?? 'open',
      priority: input.priority,
      details: JSON.stringify(input.details ?? {}),
      email: input.email ?? null,
      follow_up_by: input.followUpBy,
      source_message_id: input.sourceMessageId,
      created_at: t,
      updated_at: t,
    };
    stmt.insert.run(row);
    return toCase(row);
  });
}

/**
 * Sets the email of case `caseId` when it belongs to `conversationId` (a turn's `caseEmail`);
 * returns the case as stored now, or undefined when there is no such case in that conversation.
 */
export function createSqliteCaseEmailWriter(db: SqliteDatabase, now: () => number) {
  const setEmail = db.prepare(`UPDATE cases SET email = ?, updated_at = ? WHERE id = ? AND conversation_id = ? RETURNING *`);
  return (conversationId: string, caseId: string, email: string): CaseRecord | undefined => {
    const row = setEmail.get(email, now(), caseId, conversationId) as CaseRow | undefined;
    return row && toCase(row);
  };
}

export function createSqliteCasesStore(db: SqliteDatabase, now: () => number): CaseStore {
  const stmt = {
    byId: db.prepare('SELECT * FROM cases WHERE id = ?'),
    // One statement per filter shape: SQLite compiles a prepared statement once, so an
    // `(@x IS NULL OR col = @x)` filter would scan and sort the whole table on every call.
    listAll: db.prepare(`SELECT * FROM cases ORDER BY created_at DESC, rowid DESC LIMIT @limit`),
    listByStatus: db.prepare(`SELECT * FROM cases WHERE status = @status ORDER BY created_at DESC, rowid DESC LIMIT @limit`),
    listByConversation: db.prepare(
      `SELECT * FROM cases WHERE conversation_id = @conversation_id ORDER BY created_at DESC, rowid DESC LIMIT @limit`,
    ),
    listByBoth: db.prepare(
      `SELECT * FROM cases WHERE status = @status AND conversation_id = @conversation_id ORDER BY created_at DESC, rowid DESC LIMIT @limit`,
    ),
    listByCustomer: db.prepare(
      `SELECT * FROM cases WHERE conversation_id IN
         (SELECT id FROM conversations WHERE json_extract(context, '$.customer.id') = ? AND json_extract(context, '$.customer.verified') = 1)
       ORDER BY created_at DESC, rowid DESC LIMIT ?`,
    ),
    setStatus: db.prepare('UPDATE cases SET status = ?, updated_at = ? WHERE id = ?'),
    insertFeedback: db.prepare('INSERT INTO feedback (conversation_id, rating, comment, created_at) VALUES (?, ?, ?, ?)'),
    listFeedback: db.prepare(
      `SELECT * FROM feedback WHERE (@conversation_id IS NULL OR conversation_id = @conversation_id) AND (@max_rating IS NULL OR rating <= @max_rating)
        ORDER BY created_at DESC, rowid DESC LIMIT @limit`,
    ),
    eraseCases: db.prepare('DELETE FROM cases WHERE conversation_id = ?'),
    eraseFeedback: db.prepare('DELETE FROM feedback WHERE conversation_id = ?'),
  };

  const create = createSqliteCaseWriter(db, now);
  const erase = db.transaction((conversationId: string) => {
    stmt.eraseCases.run(conversationId);
    stmt.eraseFeedback.run(conversationId);
  });

  return {
    async createCase(input) {
      return create.immediate(input);
    },
    async getCase(id) {
      const row = stmt.byId.get(id) as CaseRow | undefined;
      return row && toCase(row);
    },
    async listCases(filter = {}) {
      const { status, conversationId } = filter;
      const params = { status, conversation_id: conversationId, limit: filter.limit ?? 100 };
      const list =
        status !== undefined && conversationId !== undefined
          ? stmt.listByBoth
          : status !== undefined
            ? stmt.listByStatus
            : conversationId !== undefined
              ? stmt.listByConversation
              : stmt.listAll;
      const rows = list.all(Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined))) as CaseRow[];
      return rows.map(toCase);
    },
    async listCustomerCases(customerId, limit = 20) {
      return (stmt.listByCustomer.all(customerId, limit) as CaseRow[]).map(toCase);
    },
    async updateCaseStatus(id, status) {
      const info = stmt.setStatus.run(status, now(), id);
      if (info.changes === 0) return undefined;
      return toCase(stmt.byId.get(id) as CaseRow);
    },
    async addFeedback(input) {
      const t = now();
      stmt.insertFeedback.run(input.conversationId, input.rating, input.comment ?? null, t);
      return toFeedback({ conversation_id: input.conversationId, rating: input.rating, comment: input.comment ?? null, created_at: t });
    },
    async listFeedback(filter = {}) {
      const rows = stmt.listFeedback.all({
        conversation_id: filter.conversationId ?? null,
        max_rating: filter.maxRating ?? null,
        limit: filter.limit ?? 100,
      }) as FeedbackRow[];
      return rows.map(toFeedback);
    },
    async eraseConversation(conversationId) {
      erase.immediate(conversationId);
    },
  };
}
