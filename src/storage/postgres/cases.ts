import { inTransaction } from './transaction';
import type { Pool, PoolClient } from 'pg';
import type { CaseRecord, CaseStatus, CaseStore, FeedbackRecord, NewCase } from '../cases';
import { CaseIdTakenError } from '../cases';

/** Migrations of the `cases` schema module (see modules.ts). Append only. */
export const postgresCasesMigrations: readonly string[] = [
  `
  CREATE TABLE cases (
    id                TEXT PRIMARY KEY,
    conversation_id   TEXT NOT NULL,
    kind              TEXT NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('open', 'waiting_on_customer', 'in_review', 'resolved')),
    priority          TEXT NOT NULL CHECK (priority IN ('normal', 'urgent')),
    details           JSONB NOT NULL,
    email             TEXT,
    follow_up_by      BIGINT NOT NULL,
    source_message_id TEXT NOT NULL,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL,
    ord               BIGINT GENERATED ALWAYS AS IDENTITY,
    CONSTRAINT cases_source_key UNIQUE (conversation_id, source_message_id)
  );
  CREATE INDEX cases_status ON cases (status, created_at);

  -- Read by the training part's triage inbox (bad ratings): keep the name and columns.
  CREATE TABLE feedback (
    conversation_id TEXT NOT NULL,
    rating          INT NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment         TEXT,
    created_at      BIGINT NOT NULL,
    ord             BIGINT GENERATED ALWAYS AS IDENTITY
  );
  CREATE INDEX feedback_conversation ON feedback (conversation_id, created_at);
  `,
];

interface CaseRow {
  id: string;
  conversation_id: string;
  kind: string;
  status: string;
  priority: string;
  details: Record<string, unknown>;
  email: string | null;
  follow_up_by: string;
  source_message_id: string;
  created_at: string;
  updated_at: string;
}

interface FeedbackRow {
  conversation_id: string;
  rating: number;
  comment: string | null;
  created_at: string;
}

const CASE_COLUMNS = 'id, conversation_id, kind, status, priority, details, email, follow_up_by, source_message_id, created_at, updated_at';

function toCase(r: CaseRow): CaseRecord {
  const c: CaseRecord = {
    id: r.id,
    conversationId: r.conversation_id,
    kind: r.kind as CaseRecord['kind'],
    status: r.status as CaseStatus,
    priority: r.priority as CaseRecord['priority'],
    details: r.details,
    followUpBy: Number(r.follow_up_by),
    sourceMessageId: r.source_message_id,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
  if (r.email !== null) c.email = r.email;
  return c;
}

function toFeedback(r: FeedbackRow): FeedbackRecord {
  const f: FeedbackRecord = { conversationId: r.conversation_id, rating: Number(r.rating), createdAt: Number(r.created_at) };
  if (r.comment !== null) f.comment = r.comment;
  return f;
}

type Queryable = Pick<Pool | PoolClient, 'query'>;

/**
 * Writes one case on `db` (the pool, or the client of a turn's transaction): idempotent per
 * (conversation, source message); CaseIdTakenError when the id belongs to another case.
 */
export async function writeCase(db: Queryable, input: NewCase, t: number): Promise<CaseRecord> {
  try {
    const { rows } = await db.query<CaseRow>(
      `INSERT INTO cases (id, conversation_id, kind, status, priority, details, email, follow_up_by, source_message_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $10)
       ON CONFLICT (conversation_id, source_message_id) DO NOTHING
       RETURNING ${CASE_COLUMNS}`,
      [
        input.id,
        input.conversationId,
        input.kind,
        input.status ?? 'open',
        input.priority,
        JSON.stringify(input.details ?? {}),
        input.email ?? null,
        input.followUpBy,
        input.sourceMessageId,
        t,
      ],
    );
    if (rows[0]) return toCase(rows[0]);
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw new CaseIdTakenError(input.id);
    throw err;
  }
  const { rows } = await db.query<CaseRow>(
    `SELECT ${CASE_COLUMNS} FROM cases WHERE conversation_id = $1 AND source_message_id = $2`,
    [input.conversationId, input.sourceMessageId],
  );
  if (!rows[0]) throw new Error(`case for message ${input.sourceMessageId} vanished`);
  return toCase(rows[0]);
}

/**
 * Sets the email of case `caseId` when it belongs to `conversationId` (a turn's `caseEmail`, on
 * the turn's client); returns the case as stored now, or undefined when there is no such case there.
 */
export async function setCaseEmail(db: Queryable, conversationId: string, caseId: string, email: string, t: number): Promise<CaseRecord | undefined> {
  const { rows } = await db.query<CaseRow>(
    `UPDATE cases SET email = $1, updated_at = $2 WHERE id = $3 AND conversation_id = $4 RETURNING ${CASE_COLUMNS}`,
    [email, t, caseId, conversationId],
  );
  return rows[0] && toCase(rows[0]);
}

export function createPostgresCasesStore(pool: Pool, now: () => number): CaseStore {
  return {
    async createCase(input) {
      return writeCase(pool, input, now());
    },
    async getCase(id) {
      const { rows } = await pool.query<CaseRow>(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1`, [id]);
      return rows[0] && toCase(rows[0]);
    },
    async listCases(filter = {}) {
      const { rows } = await pool.query<CaseRow>(
        `SELECT ${CASE_COLUMNS} FROM cases
          WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR conversation_id = $2)
          ORDER BY created_at DESC, ord DESC LIMIT $3`,
        [filter.status ?? null, filter.conversationId ?? null, filter.limit ?? 100],
      );
      return rows.map(toCase);
    },
    async listCustomerCases(customerId, limit = 20) {
      const { rows } = await pool.query<CaseRow>(
        `SELECT ${CASE_COLUMNS} FROM cases
          WHERE conversation_id IN (SELECT id FROM conversations WHERE context->'customer'->>'id' = $1 AND context->'customer'->>'verified' = 'true')
          ORDER BY created_at DESC, ord DESC LIMIT $2`,
        [customerId, limit],
      );
      return rows.map(toCase);
    },
    async updateCaseStatus(id, status) {
      const { rows } = await pool.query<CaseRow>(
        `UPDATE cases SET status = $2, updated_at = $3 WHERE id = $1 RETURNING ${CASE_COLUMNS}`,
        [id, status, now()],
      );
      return rows[0] && toCase(rows[0]);
    },
    async addFeedback(input) {
      const { rows } = await pool.query<FeedbackRow>(
        'INSERT INTO feedback (conversation_id, rating, comment, created_at) VALUES ($1, $2, $3, $4) RETURNING conversation_id, rating, comment, created_at',
        [input.conversationId, input.rating, input.comment ?? null, now()],
      );
      return toFeedback(rows[0] as FeedbackRow);
    },
    async listFeedback(filter = {}) {
      const { rows } = await pool.query<FeedbackRow>(
        `SELECT conversation_id, rating, comment, created_at FROM feedback
          WHERE ($1::text IS NULL OR conversation_id = $1) AND ($2::int IS NULL OR rating <= $2)
          ORDER BY created_at DESC, ord DESC LIMIT $3`,
        [filter.conversationId ?? null, filter.maxRating ?? null, filter.limit ?? 100],
      );
      return rows.map(toFeedback);
    },
    async eraseConversation(conversationId) {
      await inTransaction(pool, async (client) => {
        await client.query('DELETE FROM cases WHERE conversation_id = $1', [conversationId]);
        await client.query('DELETE FROM feedback WHERE conversation_id = $1', [conversationId]);
      });
    },
  };
}
