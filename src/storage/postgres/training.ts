import { inTransaction as runInTransaction } from './transaction';
import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import {
  BAD_RATING_MESSAGES,
  decodeReasons,
  encodeReasons,
  handoffMessage,
  toPromotion,
  triageItemFor,
  type LabelRecord,
  type ModelVersionRecord,
  type NewTriageItem,
  type PromotionRecord,
  type TrainingStore,
  type TriageItem,
  type TriageSourceMessage,
} from '../training';

/** Migrations of the `training` schema module (see modules.ts). Append; never edit a shipped one. */
export const postgresTrainingMigrations: readonly string[] = [
  `
  CREATE TABLE training_items (
    id              TEXT PRIMARY KEY,
    conversation_id TEXT,
    message_seq     BIGINT,
    message_id      TEXT,
    text            TEXT NOT NULL,
    reason          TEXT NOT NULL,
    reasons         TEXT NOT NULL,
    top_guesses     JSONB NOT NULL,
    top_intent      TEXT,
    created_at      BIGINT NOT NULL,
    dedupe_key      TEXT NOT NULL UNIQUE,
    ord             BIGINT GENERATED ALWAYS AS IDENTITY
  );
  CREATE INDEX training_items_created ON training_items (created_at);
  CREATE INDEX training_items_conversation ON training_items (conversation_id);

  CREATE TABLE training_labels (
    item_id         TEXT PRIMARY KEY REFERENCES training_items (id) ON DELETE CASCADE,
    intent          TEXT NOT NULL,
    is_new_intent   BOOLEAN NOT NULL,
    category        TEXT,
    labelled_by     TEXT NOT NULL,
    labelled_at     BIGINT NOT NULL,
    conversation_id TEXT
  );

  CREATE TABLE training_versions (
    id            TEXT PRIMARY KEY,
    data_hash     TEXT NOT NULL,
    metrics       JSONB NOT NULL,
    author        TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    -- TEXT, not JSONB: the artifact is read back whole, never queried, and JSONB would re-encode megabytes.
    artifact      TEXT NOT NULL,
    active        BOOLEAN NOT NULL DEFAULT FALSE,
    activated_at  BIGINT,
    activated_by  TEXT,
    ord           BIGINT GENERATED ALWAYS AS IDENTITY
  );
  CREATE UNIQUE INDEX training_versions_one_active ON training_versions (active) WHERE active;

  CREATE TABLE training_activations (
    ord         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version_id  TEXT,
    by          TEXT NOT NULL,
    at          BIGINT NOT NULL
  );

  CREATE TABLE training_thresholds (
    intent      TEXT PRIMARY KEY,
    threshold   DOUBLE PRECISION NOT NULL CHECK (threshold >= 0 AND threshold <= 1),
    updated_by  TEXT NOT NULL,
    updated_at  BIGINT NOT NULL
  );

  CREATE TABLE training_promotions (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('canned_answer', 'kb_draft')),
    conversation_id TEXT,
    message_id      TEXT,
    text            TEXT NOT NULL,
    title           TEXT,
    intent          TEXT,
    created_by      TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    ord             BIGINT GENERATED ALWAYS AS IDENTITY
  );

  CREATE TABLE training_sync (
    source     TEXT PRIMARY KEY,
    watermark  BIGINT NOT NULL
  );

  CREATE INDEX IF NOT EXISTS training_messages_created ON messages (created_at);
  `,
];

interface ItemRow {
  id: string;
  conversation_id: string | null;
  message_seq: string | null;
  message_id: string | null;
  text: string;
  reason: string;
  reasons: string;
  top_guesses: unknown;
  created_at: string;
  dedupe_key: string;
  l_intent: string | null;
  l_is_new: boolean | null;
  l_category: string | null;
  l_by: string | null;
  l_at: string | null;
  l_conversation: string | null;
}

interface VersionRow {
  id: string;
  data_hash: string;
  metrics: unknown;
  author: string;
  created_at: string;
  active: boolean;
  activated_at: string | null;
  activated_by: string | null;
}

interface MessageRow {
  conversation_id: string;
  seq: string;
  id: string;
  text: string;
  meta: unknown;
  created_at: string;
}

const ITEM_SELECT = `SELECT i.*, l.intent AS l_intent, l.is_new_intent AS l_is_new, l.category AS l_category,
       l.labelled_by AS l_by, l.labelled_at AS l_at, l.conversation_id AS l_conversation
  FROM training_items i LEFT JOIN training_labels l ON l.item_id = i.id`;
const VERSION_COLUMNS = 'id, data_hash, metrics, author, created_at, active, activated_at, activated_by';

function toItem(r: ItemRow): TriageItem {
  const item: TriageItem = {
    id: r.id,
    text: r.text,
    reason: r.reason as TriageItem['reason'],
    reasons: decodeReasons(r.reasons),
    topGuesses: r.top_guesses as TriageItem['topGuesses'],
    createdAt: Number(r.created_at),
    dedupeKey: r.dedupe_key,
  };
  if (r.conversation_id !== null) item.conversationId = r.conversation_id;
  if (r.message_seq !== null) item.messageSeq = Number(r.message_seq);
  if (r.message_id !== null) item.messageId = r.message_id;
  if (r.l_intent !== null) {
    const label: LabelRecord = {
      itemId: r.id,
      intent: r.l_intent,
      isNewIntent: r.l_is_new === true,
      labelledBy: r.l_by as string,
      labelledAt: Number(r.l_at),
    };
    if (r.l_category !== null) label.category = r.l_category;
    if (r.l_conversation !== null) label.conversationId = r.l_conversation;
    item.label = label;
  }
  return item;
}

function toVersion(r: VersionRow): ModelVersionRecord {
  const v: ModelVersionRecord = {
    id: r.id,
    dataHash: r.data_hash,
    metrics: r.metrics as Record<string, unknown>,
    author: r.author,
    createdAt: Number(r.created_at),
    active: r.active,
  };
  if (r.activated_at !== null) v.activatedAt = Number(r.activated_at);
  if (r.activated_by !== null) v.activatedBy = r.activated_by;
  return v;
}

const toSource = (r: MessageRow): TriageSourceMessage => ({
  conversationId: r.conversation_id,
  seq: Number(r.seq),
  id: r.id,
  text: r.text,
  meta: r.meta,
  createdAt: Number(r.created_at),
});

export function createPostgresTrainingStore(pool: Pool, now: () => number): TrainingStore {
  const inTransaction = <T>(fn: (c: PoolClient) => Promise<T>) => runInTransaction(pool, fn);

  /** Inserts the item, or adds its reason to the existing one with the same dedupe key. True when inserted. */
  async function addOne(c: PoolClient, item: NewTriageItem): Promise<boolean> {
    const guesses = item.topGuesses ?? [];
    const { rows } = await c.query<{ inserted: boolean }>({
      name: 'training_add_item',
      text: `INSERT INTO training_items (id, conversation_id, message_seq, message_id, text, reason, reasons, top_guesses, top_intent, created_at, dedupe_key)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11)
             ON CONFLICT (dedupe_key) DO UPDATE SET reasons = training_items.reasons || $6 || ','
               WHERE strpos(training_items.reasons, ',' || $6 || ',') = 0
             RETURNING (xmax = 0) AS inserted`,
      values: [
        randomUUID(),
        item.conversationId ?? null,
        item.messageSeq ?? null,
        item.messageId ?? null,
        item.text,
        item.reason,
        encodeReasons([item.reason]),
        JSON.stringify(guesses),
        guesses[0]?.name ?? null,
        item.createdAt ?? now(),
        item.dedupeKey,
      ],
    });
    return rows[0]?.inserted === true;
  }

  async function since<T extends { created_at: string }>(c: PoolClient, source: string, sql: string): Promise<T[]> {
    const wmRow = await c.query<{ watermark: string }>('SELECT watermark FROM training_sync WHERE source = $1 FOR UPDATE', [source]);
    const wm = Number(wmRow.rows[0]?.watermark ?? 0);
    const { rows } = await c.query<T>(sql, [wm]);
    const top = rows.reduce((m, r) => Math.max(m, Number(r.created_at)), wm);
    if (top !== wm) {
      await c.query(
        'INSERT INTO training_sync (source, watermark) VALUES ($1, $2) ON CONFLICT (source) DO UPDATE SET watermark = excluded.watermark',
        [source, top],
      );
    }
    return rows;
  }

  async function customerMessagesUpTo(c: PoolClient, conversationId: string, upTo: number, limit: number): Promise<TriageSourceMessage[]> {
    const { rows } = await c.query<MessageRow>(
      `SELECT conversation_id, seq, id, text, meta, created_at FROM messages
        WHERE conversation_id = $1 AND sender = 'customer' AND created_at <= $2 AND meta ? 'nlu'
        ORDER BY seq DESC LIMIT $3`,
      [conversationId, upTo, limit],
    );
    return rows.reverse().map(toSource);
  }

  async function getItems(ids: string[]): Promise<TriageItem[]> {
    if (ids.length === 0) return [];
    const { rows } = await pool.query<ItemRow>(`${ITEM_SELECT} WHERE i.id = ANY($1::text[])`, [ids]);
    return rows.map(toItem);
  }

  return {
    async syncTriage() {
      return inTransaction(async (c) => {
        // One syncing node at a time; the others wait and then find nothing new.
        await c.query("SELECT pg_advisory_xact_lock(hashtext('support-chatbot:training-sync:' || current_schema()))");
        const items: NewTriageItem[] = [];
        const low = await since<MessageRow>(
          c,
          'low_confidence',
          `SELECT conversation_id, seq, id, text, meta, created_at FROM messages
            WHERE created_at >= $1 AND sender = 'customer' AND (meta -> 'nlu' ->> 'lowConfidence') = 'true'
            ORDER BY created_at, conversation_id, seq`,
        );
        for (const r of low) items.push(triageItemFor(toSource(r), 'low_confidence'));
        const escalations = await since<{ conversation_id: string; created_at: string }>(
          c,
          'handoff',
          'SELECT conversation_id, created_at FROM escalations WHERE created_at >= $1 ORDER BY created_at, ord',
        );
        for (const e of escalations) {
          const at = Number(e.created_at);
          const m = handoffMessage(await customerMessagesUpTo(c, e.conversation_id, at, 10), at);
          if (m) items.push(triageItemFor(m, 'handoff'));
        }
        const hasFeedback = (await c.query<{ t: string | null }>("SELECT to_regclass('feedback')::text AS t")).rows[0]?.t;
        if (hasFeedback) {
          const bad = await since<{ conversation_id: string; created_at: string }>(
            c,
            'bad_rating',
            'SELECT conversation_id, created_at FROM feedback WHERE rating <= 2 AND created_at >= $1 ORDER BY created_at',
          );
          for (const f of bad) {
            for (const m of await customerMessagesUpTo(c, f.conversation_id, Number.MAX_SAFE_INTEGER, BAD_RATING_MESSAGES)) {
              items.push(triageItemFor(m, 'bad_rating'));
            }
          }
        }
        let added = 0;
        for (const it of items) if (await addOne(c, it)) added++;
        return { added };
      });
    },

    async addTriageItems(items) {
      return inTransaction(async (c) => {
        let added = 0;
        for (const it of items) if (await addOne(c, it)) added++;
        return { added, duplicates: items.length - added };
      });
    },

    async listTriage(filter = {}) {
      const where: string[] = [];
      const params: unknown[] = [];
      const p = (v: unknown): string => {
        params.push(v);
        return `$${params.length}`;
      };
      const status = filter.status ?? 'unlabelled';
      if (status === 'unlabelled') where.push('l.item_id IS NULL');
      if (status === 'labelled') where.push('l.item_id IS NOT NULL');
      if (filter.reason) where.push(`strpos(i.reasons, ${p(`,${filter.reason},`)}) > 0`);
      if (filter.intent) {
        const k = p(filter.intent);
        where.push(`(i.top_intent = ${k} OR l.intent = ${k})`);
      }
      if (filter.from !== undefined) where.push(`i.created_at >= ${p(filter.from)}`);
      if (filter.to !== undefined) where.push(`i.created_at < ${p(filter.to)}`);
      if (filter.conversationId) where.push(`i.conversation_id = ${p(filter.conversationId)}`);
      const limit = p(filter.limit ?? 200);
      const { rows } = await pool.query<ItemRow>(
        `${ITEM_SELECT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY i.created_at DESC, i.ord DESC LIMIT ${limit}`,
        params,
      );
      return rows.map(toItem);
    },

    getTriageItems: getItems,

    async setLabels(labels, at = now()) {
      const ids = await inTransaction(async (c) => {
        const done: string[] = [];
        for (const l of labels) {
          const r = await c.query(
            `INSERT INTO training_labels (item_id, intent, is_new_intent, category, labelled_by, labelled_at, conversation_id)
             SELECT id, $2, $3, $4, $5, $6, conversation_id FROM training_items WHERE id = $1
             ON CONFLICT (item_id) DO UPDATE SET intent = excluded.intent, is_new_intent = excluded.is_new_intent,
               category = excluded.category, labelled_by = excluded.labelled_by, labelled_at = excluded.labelled_at`,
            [l.itemId, l.intent, l.isNewIntent, l.category ?? null, l.labelledBy, at],
          );
          if ((r.rowCount ?? 0) > 0) done.push(l.itemId);
        }
        return done;
      });
      return (await getItems(ids)).map((i) => i.label as LabelRecord);
    },

    async listLabelled() {
      const { rows } = await pool.query<ItemRow>(`${ITEM_SELECT} WHERE l.item_id IS NOT NULL ORDER BY l.labelled_at, i.id`);
      return rows.map((r) => {
        const item = toItem(r);
        return { item, label: item.label as LabelRecord };
      });
    },

    async createVersion(v) {
      const { rows } = await pool.query<VersionRow>(
        `INSERT INTO training_versions (id, data_hash, metrics, author, created_at, artifact, active)
         VALUES ($1, $2, $3::jsonb, $4, $5, $6, FALSE) RETURNING ${VERSION_COLUMNS}`,
        [v.id, v.dataHash, JSON.stringify(v.metrics), v.author, now(), JSON.stringify(v.artifact)],
      );
      return toVersion(rows[0] as VersionRow);
    },

    async listVersions() {
      const { rows } = await pool.query<VersionRow>(`SELECT ${VERSION_COLUMNS} FROM training_versions ORDER BY created_at DESC, ord DESC`);
      return rows.map(toVersion);
    },

    async getVersion(id) {
      const { rows } = await pool.query<VersionRow>(`SELECT ${VERSION_COLUMNS} FROM training_versions WHERE id = $1`, [id]);
      return rows[0] && toVersion(rows[0]);
    },

    async getArtifact(id) {
      const { rows } = await pool.query<{ artifact: string }>('SELECT artifact FROM training_versions WHERE id = $1', [id]);
      return rows[0] ? JSON.parse(rows[0].artifact) : undefined;
    },

    async activeVersion() {
      const { rows } = await pool.query<VersionRow>(`SELECT ${VERSION_COLUMNS} FROM training_versions WHERE active`);
      return rows[0] && toVersion(rows[0]);
    },

    async activateVersion(id, by) {
      return inTransaction(async (c) => {
        // Serialises concurrent activations, so exactly one version ends up active.
        await c.query('LOCK TABLE training_activations IN EXCLUSIVE MODE');
        if (id !== null) {
          const exists = await c.query('SELECT 1 FROM training_versions WHERE id = $1', [id]);
          if (exists.rowCount === 0) return false;
        }
        const t = now();
        await c.query('UPDATE training_versions SET active = FALSE WHERE active');
        if (id !== null) await c.query('UPDATE training_versions SET active = TRUE, activated_at = $2, activated_by = $3 WHERE id = $1', [id, t, by]);
        await c.query('INSERT INTO training_activations (version_id, by, at) VALUES ($1, $2, $3)', [id, by, t]);
        return true;
      });
    },

    async activationHistory(limit = 50) {
      const { rows } = await pool.query<{ version_id: string | null; by: string; at: string }>(
        'SELECT version_id, by, at FROM training_activations ORDER BY ord DESC LIMIT $1',
        [limit],
      );
      return rows.map((r) => ({ versionId: r.version_id, by: r.by, at: Number(r.at) }));
    },

    async listThresholds() {
      const { rows } = await pool.query<{ intent: string; threshold: number; updated_by: string; updated_at: string }>(
        'SELECT intent, threshold, updated_by, updated_at FROM training_thresholds ORDER BY intent',
      );
      return rows.map((r) => ({ intent: r.intent, threshold: Number(r.threshold), updatedBy: r.updated_by, updatedAt: Number(r.updated_at) }));
    },

    async setThreshold(intent, threshold, by) {
      if (threshold === null) {
        await pool.query('DELETE FROM training_thresholds WHERE intent = $1', [intent]);
        return;
      }
      await pool.query(
        `INSERT INTO training_thresholds (intent, threshold, updated_by, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (intent) DO UPDATE SET threshold = excluded.threshold, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
        [intent, threshold, by, now()],
      );
    },

    async addPromotion(p) {
      const rec: PromotionRecord = { ...p, id: randomUUID(), createdAt: now() };
      await pool.query(
        `INSERT INTO training_promotions (id, kind, conversation_id, message_id, text, title, intent, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [rec.id, rec.kind, rec.conversationId ?? null, rec.messageId ?? null, rec.text, rec.title ?? null, rec.intent ?? null, rec.createdBy, rec.createdAt],
      );
      return rec;
    },

    async listPromotions(kind) {
      const { rows } = await pool.query(
        'SELECT * FROM training_promotions WHERE ($1::text IS NULL OR kind = $1) ORDER BY created_at DESC, ord DESC',
        [kind ?? null],
      );
      return rows.map(toPromotion);
    },

    async eraseConversation(conversationId) {
      await inTransaction(async (c) => {
        await c.query('DELETE FROM training_labels WHERE conversation_id = $1', [conversationId]);
        await c.query('DELETE FROM training_items WHERE conversation_id = $1', [conversationId]);
        await c.query('UPDATE training_promotions SET conversation_id = NULL, message_id = NULL WHERE conversation_id = $1', [conversationId]);
      });
    },
  };
}
