import { randomUUID } from 'node:crypto';
import { Pool, type PoolClient, type PoolConfig } from 'pg';
import type { Logger } from 'pino';
import type { ConversationState, Sender } from '../../protocol/customer';
import { DuplicateMessageError, NotFoundError, VersionConflictError } from '../errors';
import {
  QUEUE_PREVIEW,
  type CommitResult,
  type ConversationRecord,
  type EscalationRecord,
  type EscalationStatus,
  type MessageRecord,
  type QueuedEscalation,
  type Storage,
} from '../types';
import { postgresModules } from './modules';
import { inTransaction as runInTransaction } from './transaction';
import { createPostgresCasesStore, setCaseEmail, writeCase } from './cases';
import { createPostgresHandoffStore } from './handoff';
import { createPostgresTrainingStore } from './training';
import { createPostgresWebhookStore } from './webhooks';
import { createPostgresConversationList } from './conversation-list';
import { createPostgresWeeklyStats } from './insights';

export interface PostgresStorageOptions {
  /**
   * libpq-style URL.
   * @example { connectionString: 'postgres://chat:secret@db:5432/chat' }
   */
  connectionString: string;
  /**
   * Schema to keep the tables in; created if missing and put first on every connection's
   * search_path. Default: the server's search_path (normally `public`). Letters, digits and `_`.
   * @example { schema: 'support' }
   */
  schema?: string;
  /** Receives migration, pool and close messages. Default: silent. */
  logger?: Logger;
  /** Most connections the pool opens. Default 10. */
  poolSize?: number;
  /** Give up connecting after this many ms. Default 10000. */
  connectTimeoutMs?: number;
  /** Clock for created/updated times, epoch ms. Default `Date.now`. */
  now?: () => number;
}

const DEFAULT_LIMIT = 1000;
const SCHEMA_RE = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** BIGINT comes back from pg as a string (it may exceed 2^53); our values (ms, counters) do not. */
const int = (v: unknown): number => Number(v);

interface ConversationRow {
  id: string;
  state: string;
  snapshot: unknown;
  context: unknown;
  last_seq: string;
  version: string;
  created_at: string;
  updated_at: string;
}

interface MessageRow {
  conversation_id: string;
  seq: string;
  id: string;
  sender: string;
  text: string;
  quick_replies: unknown;
  article: unknown;
  reply_to: string | null;
  meta: unknown;
  created_at: string;
}

interface EscalationRow {
  id: string;
  conversation_id: string;
  reason: string;
  priority: string;
  status: string;
  summary: unknown;
  created_at: string;
}

function toConversation(r: ConversationRow): ConversationRecord {
  return {
    id: r.id,
    state: r.state as ConversationState,
    snapshot: r.snapshot,
    context: r.context as ConversationRecord['context'],
    lastSeq: int(r.last_seq),
    version: int(r.version),
    createdAt: int(r.created_at),
    updatedAt: int(r.updated_at),
  };
}

function toMessage(r: MessageRow): MessageRecord {
  const m: MessageRecord = {
    conversationId: r.conversation_id,
    seq: int(r.seq),
    id: r.id,
    from: r.sender as Sender,
    text: r.text,
    createdAt: int(r.created_at),
  };
  if (r.quick_replies !== null) m.quickReplies = r.quick_replies as MessageRecord['quickReplies'];
  if (r.article !== null) m.article = r.article as MessageRecord['article'];
  if (r.reply_to !== null) m.replyTo = r.reply_to;
  if (r.meta !== null) m.meta = r.meta as MessageRecord['meta'];
  return m;
}

function toEscalation(r: EscalationRow): EscalationRecord {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    reason: r.reason as EscalationRecord['reason'],
    priority: r.priority as EscalationRecord['priority'],
    status: r.status as EscalationStatus,
    summary: r.summary as Record<string, unknown>,
    createdAt: int(r.created_at),
  };
}

/**
 * JSON text for a JSONB parameter. Always stringified here: pg would turn a JS array into a
 * PostgreSQL array, not JSON. undefined stays NULL so optional fields come back omitted.
 */
function jsonOrNull(v: unknown): string | null {
  return v === undefined ? null : JSON.stringify(v);
}

/** host:port/database of a connection string, never its password, for error messages. */
function describe(connectionString: string): string {
  try {
    const u = new URL(connectionString);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}

const MESSAGE_COLUMNS = 'conversation_id, seq, id, sender, text, quick_replies, article, reply_to, meta, created_at';
const ESCALATION_COLUMNS = 'id, conversation_id, reason, priority, status, summary, created_at';

async function migrate(pool: Pool, schema: string | undefined, logger?: Logger): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const target = schema ?? ((await client.query('SELECT current_schema() AS s')).rows[0]?.s as string | null);
    if (!target) throw new Error('PostgreSQL search_path names no existing schema; pass `schema`');
    // Nodes starting together: the first applies the migrations, the others wait and find none pending.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`support-chatbot:migrations:${target}`]);
    if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (module TEXT NOT NULL, version INT NOT NULL, applied_at BIGINT NOT NULL, PRIMARY KEY (module, version))',
    );
    for (const { module, migrations } of postgresModules) {
      const { rows } = await client.query('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations WHERE module = $1', [module]);
      const current = Number(rows[0]?.v ?? 0);
      if (current > migrations.length) {
        throw new Error(
          `PostgreSQL schema "${target}" has "${module}" at version ${current}, newer than this build knows (${migrations.length})`,
        );
      }
      for (let v = current; v < migrations.length; v++) {
        await client.query(migrations[v] as string);
        await client.query('INSERT INTO schema_migrations (module, version, applied_at) VALUES ($1, $2, $3)', [module, v + 1, Date.now()]);
        logger?.info({ module, version: v + 1, schema: target }, 'postgres migration applied');
      }
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Storage on PostgreSQL (pg Pool), for several nodes sharing one database. Applies pending
 * migrations before resolving. Each commit locks its conversation row (compare-and-set on
 * `version`), so concurrent writers to one conversation serialise and the loser gets
 * VersionConflictError.
 * @example const storage = await createPostgresStorage({ connectionString: config.databaseUrl, logger });
 */
export async function createPostgresStorage(options: PostgresStorageOptions): Promise<Storage> {
  const { schema, logger } = options;
  if (schema !== undefined && !SCHEMA_RE.test(schema)) {
    throw new Error(`invalid PostgreSQL schema name "${schema}": use letters, digits and _`);
  }
  const now = options.now ?? Date.now;
  const poolConfig: PoolConfig = {
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    // Set at connection start-up, so it holds for every query on every pooled connection.
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  };
  const pool = new Pool(poolConfig);
  // An idle client losing its connection emits here; without a listener the process would crash.
  pool.on('error', (err) => logger?.error({ err }, 'postgres idle client error'));

  try {
    await migrate(pool, schema, logger);
    if (schema) {
      // An `options` parameter inside the connection string would override ours; refuse rather
      // than silently writing to another schema.
      const { rows } = await pool.query<{ s: string | null }>('SELECT current_schema() AS s');
      if (rows[0]?.s !== schema) {
        throw new Error(`connections use schema "${rows[0]?.s}" instead of "${schema}"; remove "options" from the connection string`);
      }
    }
  } catch (err) {
    await pool.end().catch(() => undefined);
    const msg = err instanceof Error ? err.message : String(err);
    const e = new Error(`PostgreSQL at ${describe(options.connectionString)}: ${msg}`);
    (e as Error & { cause?: unknown }).cause = err;
    throw e;
  }


  const inTransaction = <T>(fn: (c: PoolClient) => Promise<T>) => runInTransaction(pool, fn);

  /** Which of `ids` already exist in the conversation, or repeat within the list. */
  async function firstDuplicate(conversationId: string, ids: string[]): Promise<string | undefined> {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) return id;
      seen.add(id);
    }
    const { rows } = await pool.query<{ id: string }>(
      'SELECT id FROM messages WHERE conversation_id = $1 AND id = ANY($2::text[])',
      [conversationId, ids],
    );
    const stored = new Set(rows.map((r) => r.id));
    return ids.find((id) => stored.has(id));
  }

  let closed = false;

  return {
    handoff: createPostgresHandoffStore(pool, now),
    cases: createPostgresCasesStore(pool, now),
    training: createPostgresTrainingStore(pool, now),
    webhooks: createPostgresWebhookStore(pool, now),
    async createConversation(input) {
      const t = now();
      const { rows } = await pool.query<ConversationRow>({
        name: 'chat_create_conversation',
        text: `INSERT INTO conversations (id, token_hash, state, snapshot, context, last_seq, version, created_at, updated_at)
               VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, 0, 0, $6, $6) RETURNING *`,
        values: [input.id, input.tokenHash, input.state, JSON.stringify(input.snapshot ?? null), JSON.stringify(input.context ?? {}), t],
      });
      return toConversation(rows[0] as ConversationRow);
    },

    async getConversation(id) {
      const { rows } = await pool.query<ConversationRow>({
        name: 'chat_conversation_by_id',
        text: 'SELECT * FROM conversations WHERE id = $1',
        values: [id],
      });
      return rows[0] && toConversation(rows[0]);
    },

    async getConversationByTokenHash(tokenHash) {
      const { rows } = await pool.query<ConversationRow>({
        name: 'chat_conversation_by_token',
        text: 'SELECT * FROM conversations WHERE token_hash = $1',
        values: [tokenHash],
      });
      return rows[0] && toConversation(rows[0]);
    },

    async commitTurn(turn) {
      const n = turn.messages.length;
      const t = now();
      try {
        return await inTransaction(async (c): Promise<CommitResult> => {
          // Compare-and-set: the UPDATE locks the row until COMMIT, so commits to one
          // conversation serialise, and a stale expectedVersion matches no row.
          const upd = await c.query<{ base: string; version: string }>({
            name: 'chat_commit_cas',
            text: `UPDATE conversations
                      SET last_seq = last_seq + $3, version = version + 1, updated_at = $4,
                          snapshot = COALESCE($5::jsonb, snapshot), state = COALESCE($6, state)
                    WHERE id = $1 AND version = $2
                RETURNING last_seq - $3 AS base, version`,
            values: [
              turn.conversationId,
              turn.expectedVersion,
              n,
              t,
              // JSON null is a real snapshot value; SQL NULL means "unchanged".
              turn.snapshot === undefined ? null : JSON.stringify(turn.snapshot ?? null),
              turn.state ?? null,
            ],
          });
          const row = upd.rows[0];
          if (!row) {
            const exists = await c.query('SELECT 1 FROM conversations WHERE id = $1', [turn.conversationId]);
            if (exists.rowCount === 0) throw new NotFoundError(`conversation ${turn.conversationId} does not exist`);
            throw new VersionConflictError(turn.conversationId, turn.expectedVersion);
          }
          const base = int(row.base);
          let messages: MessageRecord[] = [];
          if (n > 0) {
            const ms = turn.messages;
            const ins = await c.query<MessageRow>({
              name: 'chat_insert_messages',
              text: `INSERT INTO messages (${MESSAGE_COLUMNS})
                     SELECT $1, u.seq, u.id, u.sender, u.text, u.quick_replies, u.article, u.reply_to, u.meta, $2
                       FROM unnest($3::bigint[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::jsonb[], $9::text[], $10::jsonb[])
                         AS u(seq, id, sender, text, quick_replies, article, reply_to, meta)
                     ORDER BY u.seq
                     RETURNING ${MESSAGE_COLUMNS}`,
              values: [
                turn.conversationId,
                t,
                ms.map((_, i) => base + i + 1),
                ms.map((m) => m.id),
                ms.map((m) => m.from),
                ms.map((m) => m.text),
                ms.map((m) => jsonOrNull(m.quickReplies)),
                ms.map((m) => jsonOrNull(m.article)),
                ms.map((m) => m.replyTo ?? null),
                ms.map((m) => jsonOrNull(m.meta)),
              ],
            });
            messages = ins.rows.map(toMessage).sort((a, b) => a.seq - b.seq);
          }
          const result: CommitResult = { messages, version: int(row.version) };
          if (turn.escalation) {
            const e = turn.escalation;
            // An unmet hand-off is never in the partial unique index (queued/assigned), so it never conflicts.
            const created = await c.query<EscalationRow>({
              name: 'chat_insert_escalation',
              text: `INSERT INTO escalations (id, conversation_id, reason, priority, status, summary, created_at)
                     VALUES ($1, $2, $3, $4, $7, $5::jsonb, $6)
                     ON CONFLICT (conversation_id) WHERE status IN ('queued', 'assigned') DO NOTHING
                     RETURNING ${ESCALATION_COLUMNS}`,
              values: [randomUUID(), turn.conversationId, e.reason, e.priority, JSON.stringify(e.summary ?? {}), t, e.status ?? 'queued'],
            });
            let esc = created.rows[0];
            if (!esc) {
              const open = await c.query<EscalationRow>(
                `SELECT ${ESCALATION_COLUMNS} FROM escalations WHERE conversation_id = $1 AND status IN ('queued', 'assigned')`,
                [turn.conversationId],
              );
              esc = open.rows[0];
            }
            if (esc) result.escalation = toEscalation(esc);
          }
          if (turn.case) result.case = await writeCase(c, { ...turn.case, conversationId: turn.conversationId }, t);
          if (turn.caseEmail) {
            const updated = await setCaseEmail(c, turn.conversationId, turn.caseEmail.caseId, turn.caseEmail.email, t);
            if (updated) result.caseEmailSet = updated;
          }
          return result;
        });
      } catch (err) {
        if ((err as { code?: string; constraint?: string }).code === '23505' &&
            (err as { constraint?: string }).constraint === 'messages_conversation_id_id_key') {
          const dup = await firstDuplicate(turn.conversationId, turn.messages.map((m) => m.id));
          throw new DuplicateMessageError(turn.conversationId, dup ?? turn.messages[0]?.id ?? '');
        }
        throw err;
      }
    },

    async messagesAfter(conversationId, afterSeq, limit = DEFAULT_LIMIT) {
      const { rows } = await pool.query<MessageRow>({
        name: 'chat_messages_after',
        text: `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
        values: [conversationId, afterSeq, Math.max(0, Math.floor(limit))],
      });
      return rows.map(toMessage);
    },

    async findMessage(conversationId, id) {
      const { rows } = await pool.query<MessageRow>({
        name: 'chat_find_message',
        text: `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = $1 AND id = $2`,
        values: [conversationId, id],
      });
      return rows[0] && toMessage(rows[0]);
    },

    async listEscalations(filter = {}) {
      const { rows } = await pool.query<EscalationRow>({
        name: 'chat_list_escalations',
        text: `SELECT ${ESCALATION_COLUMNS} FROM escalations
                WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR conversation_id = $2)
                ORDER BY created_at, ord`,
        values: [filter.status ?? null, filter.conversationId ?? null],
      });
      return rows.map(toEscalation);
    },

    async listQueue() {
      const { rows } = await pool.query<EscalationRow & { conversation_state: string; recent: string[] }>({
        name: 'chat_list_queue',
        text: `SELECT e.id, e.conversation_id, e.reason, e.priority, e.status, e.summary, e.created_at, c.state AS conversation_state,
                      COALESCE((SELECT json_agg(r.text ORDER BY r.seq) FROM (
                        SELECT m.seq, m.text FROM messages m
                         WHERE m.conversation_id = e.conversation_id AND m.sender = 'customer' AND m.seq > c.last_seq - $1
                         ORDER BY m.seq DESC LIMIT $2) r), '[]'::json) AS recent
                 FROM escalations e JOIN conversations c ON c.id = e.conversation_id
                WHERE e.status = 'queued'
                ORDER BY e.created_at, e.ord`,
        values: [QUEUE_PREVIEW.window, QUEUE_PREVIEW.texts],
      });
      return rows.map(
        (r): QueuedEscalation => ({ ...toEscalation(r), conversationState: r.conversation_state as ConversationState, recentCustomerTexts: r.recent }),
      );
    },

    async updateEscalationStatus(id, status, opts = {}) {
      const { rows } = await pool.query<EscalationRow>({
        name: 'chat_update_escalation_status',
        text: `UPDATE escalations SET status = $2
                WHERE id = $1 AND ($3::text[] IS NULL OR status = ANY($3::text[]))
            RETURNING ${ESCALATION_COLUMNS}`,
        values: [id, status, opts.from ?? null],
      });
      return rows[0] && toEscalation(rows[0]);
    },

    async eraseConversation(id) {
      // Messages and escalations go with it (ON DELETE CASCADE).
      await pool.query('DELETE FROM conversations WHERE id = $1', [id]);
    },

    async conversationsIdleSince(before, limit = 100) {
      const { rows } = await pool.query<{ id: string }>(
        'SELECT id FROM conversations WHERE updated_at < $1 ORDER BY updated_at, id LIMIT $2',
        [before, Math.max(0, Math.floor(limit))],
      );
      return rows.map((r) => r.id);
    },

    listConversations: createPostgresConversationList(pool),
    weeklyStats: createPostgresWeeklyStats(pool),

    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
      logger?.debug('postgres storage closed');
    },
  };
}
