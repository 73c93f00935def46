import { randomUUID } from 'node:crypto';
import {
  BAD_RATING_MESSAGES,
  decodeReasons,
  encodeReasons,
  handoffMessage,
  triageItemFor,
  type ActivationRecord,
  type LabelRecord,
  type ModelVersionRecord,
  type NewTriageItem,
  type PromotionRecord,
  type TrainingStore,
  type TriageItem,
  type TriageSourceMessage,
  toPromotion,
} from '../training';
import type { SqliteDatabase } from './database';

/** Migrations of the `training` schema module (see modules.ts). Append; never edit a shipped one. */
export const sqliteTrainingMigrations: readonly string[] = [
  `
  CREATE TABLE training_items (
    id              TEXT PRIMARY KEY,
    conversation_id TEXT,
    message_seq     INTEGER,
    message_id      TEXT,
    text            TEXT NOT NULL,
    reason          TEXT NOT NULL,
    reasons         TEXT NOT NULL,
    top_guesses     TEXT NOT NULL,
    top_intent      TEXT,
    created_at      INTEGER NOT NULL,
    dedupe_key      TEXT NOT NULL UNIQUE
  ) STRICT;
  CREATE INDEX training_items_created ON training_items (created_at);
  CREATE INDEX training_items_conversation ON training_items (conversation_id);

  CREATE TABLE training_labels (
    item_id         TEXT PRIMARY KEY REFERENCES training_items (id) ON DELETE CASCADE,
    intent          TEXT NOT NULL,
    is_new_intent   INTEGER NOT NULL,
    category        TEXT,
    labelled_by     TEXT NOT NULL,
    labelled_at     INTEGER NOT NULL,
    conversation_id TEXT
  ) STRICT;

  CREATE TABLE training_versions (
    id            TEXT PRIMARY KEY,
    data_hash     TEXT NOT NULL,
    metrics       TEXT NOT NULL,
    author        TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    artifact      TEXT NOT NULL,
    active        INTEGER NOT NULL DEFAULT 0,
    activated_at  INTEGER,
    activated_by  TEXT
  ) STRICT;
  CREATE UNIQUE INDEX training_versions_one_active ON training_versions (active) WHERE active = 1;

  CREATE TABLE training_activations (
    ord         INTEGER PRIMARY KEY AUTOINCREMENT,
    version_id  TEXT,
    by          TEXT NOT NULL,
    at          INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE training_thresholds (
    intent      TEXT PRIMARY KEY,
    threshold   REAL NOT NULL CHECK (threshold >= 0 AND threshold <= 1),
    updated_by  TEXT NOT NULL,
    updated_at  INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE training_promotions (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('canned_answer', 'kb_draft')),
    conversation_id TEXT,
    message_id      TEXT,
    text            TEXT NOT NULL,
    title           TEXT,
    intent          TEXT,
    created_by      TEXT NOT NULL,
    created_at      INTEGER NOT NULL
  ) STRICT;

  -- Where syncTriage left off, per source (max created_at seen).
  CREATE TABLE training_sync (
    source     TEXT PRIMARY KEY,
    watermark  INTEGER NOT NULL
  ) STRICT;

  -- syncTriage reads new messages by time; the core table has no such index.
  CREATE INDEX IF NOT EXISTS training_messages_created ON messages (created_at);
  `,
];

interface ItemRow {
  id: string;
  conversation_id: string | null;
  message_seq: number | null;
  message_id: string | null;
  text: string;
  reason: string;
  reasons: string;
  top_guesses: string;
  created_at: number;
  dedupe_key: string;
  l_intent: string | null;
  l_is_new: number | null;
  l_category: string | null;
  l_by: string | null;
  l_at: number | null;
  l_conversation: string | null;
}

interface VersionRow {
  id: string;
  data_hash: string;
  metrics: string;
  author: string;
  created_at: number;
  active: number;
  activated_at: number | null;
  activated_by: string | null;
}

interface MessageRow {
  conversation_id: string;
  seq: number;
  id: string;
  text: string;
  meta: string | null;
  created_at: number;
}

const ITEM_SELECT = `SELECT i.*, l.intent AS l_intent, l.is_new_intent AS l_is_new, l.category AS l_category,
       l.labelled_by AS l_by, l.labelled_at AS l_at, l.conversation_id AS l_conversation
  FROM training_items i LEFT JOIN training_labels l ON l.item_id = i.id`;

function toItem(r: ItemRow): TriageItem {
  const item: TriageItem = {
    id: r.id,
    text: r.text,
    reason: r.reason as TriageItem['reason'],
    reasons: decodeReasons(r.reasons),
    topGuesses: JSON.parse(r.top_guesses),
    createdAt: r.created_at,
    dedupeKey: r.dedupe_key,
  };
  if (r.conversation_id !== null) item.conversationId = r.conversation_id;
  if (r.message_seq !== null) item.messageSeq = r.message_seq;
  if (r.message_id !== null) item.messageId = r.message_id;
  if (r.l_intent !== null) {
    const label: LabelRecord = {
      itemId: r.id,
      intent: r.l_intent,
      isNewIntent: r.l_is_new === 1,
      labelledBy: r.l_by as string,
      labelledAt: r.l_at as number,
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
    metrics: JSON.parse(r.metrics),
    author: r.author,
    createdAt: r.created_at,
    active: r.active === 1,
  };
  if (r.activated_at !== null) v.activatedAt = r.activated_at;
  if (r.activated_by !== null) v.activatedBy = r.activated_by;
  return v;
}

const toSource = (r: MessageRow): TriageSourceMessage => ({
  conversationId: r.conversation_id,
  seq: r.seq,
  id: r.id,
  text: r.text,
  meta: r.meta === null ? null : JSON.parse(r.meta),
  createdAt: r.created_at,
});

const VERSION_COLUMNS = 'id, data_hash, metrics, author, created_at, active, activated_at, activated_by';

export function createSqliteTrainingStore(db: SqliteDatabase, now: () => number): TrainingStore {
  const stmt = {
    itemByKey: db.prepare('SELECT id, reasons FROM training_items WHERE dedupe_key = ?'),
    addReason: db.prepare('UPDATE training_items SET reasons = ? WHERE id = ?'),
    insertItem: db.prepare(
      `INSERT INTO training_items (id, conversation_id, message_seq, message_id, text, reason, reasons, top_guesses, top_intent, created_at, dedupe_key)
       VALUES (@id, @conversation_id, @message_seq, @message_id, @text, @reason, @reasons, @top_guesses, @top_intent, @created_at, @dedupe_key)`,
    ),
    watermark: db.prepare('SELECT watermark FROM training_sync WHERE source = ?').pluck(),
    setWatermark: db.prepare(
      'INSERT INTO training_sync (source, watermark) VALUES (?, ?) ON CONFLICT (source) DO UPDATE SET watermark = excluded.watermark',
    ),
    lowConfidence: db.prepare(
      `SELECT conversation_id, seq, id, text, meta, created_at FROM messages
        WHERE created_at >= ? AND sender = 'customer' AND json_extract(meta, '$.nlu.lowConfidence') = 1
        ORDER BY created_at, conversation_id, seq`,
    ),
    escalationsSince: db.prepare('SELECT conversation_id, created_at FROM escalations WHERE created_at >= ? ORDER BY created_at'),
    customerMessagesUpTo: db.prepare(
      `SELECT conversation_id, seq, id, text, meta, created_at FROM messages
        WHERE conversation_id = ? AND sender = 'customer' AND created_at <= ? AND json_extract(meta, '$.nlu') IS NOT NULL
        ORDER BY seq DESC LIMIT ?`,
    ),
    feedbackTable: db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'feedback'").pluck(),
    label: db.prepare(
      `INSERT INTO training_labels (item_id, intent, is_new_intent, category, labelled_by, labelled_at, conversation_id)
       SELECT id, @intent, @is_new, @category, @by, @at, conversation_id FROM training_items WHERE id = @itemId
       ON CONFLICT (item_id) DO UPDATE SET intent = excluded.intent, is_new_intent = excluded.is_new_intent,
         category = excluded.category, labelled_by = excluded.labelled_by, labelled_at = excluded.labelled_at`,
    ),
    labelled: db.prepare(`${ITEM_SELECT} WHERE l.item_id IS NOT NULL ORDER BY l.labelled_at, i.id`),
    insertVersion: db.prepare(
      `INSERT INTO training_versions (id, data_hash, metrics, author, created_at, artifact, active)
       VALUES (@id, @dataHash, @metrics, @author, @createdAt, @artifact, 0)`,
    ),
    versions: db.prepare(`SELECT ${VERSION_COLUMNS} FROM training_versions ORDER BY created_at DESC, rowid DESC`),
    version: db.prepare(`SELECT ${VERSION_COLUMNS} FROM training_versions WHERE id = ?`),
    artifact: db.prepare('SELECT artifact FROM training_versions WHERE id = ?').pluck(),
    active: db.prepare(`SELECT ${VERSION_COLUMNS} FROM training_versions WHERE active = 1`),
    deactivateAll: db.prepare('UPDATE training_versions SET active = 0 WHERE active = 1'),
    activate: db.prepare('UPDATE training_versions SET active = 1, activated_at = ?, activated_by = ? WHERE id = ?'),
    logActivation: db.prepare('INSERT INTO training_activations (version_id, by, at) VALUES (?, ?, ?)'),
    history: db.prepare('SELECT version_id, by, at FROM training_activations ORDER BY ord DESC LIMIT ?'),
    thresholds: db.prepare('SELECT intent, threshold, updated_by, updated_at FROM training_thresholds ORDER BY intent'),
    setThreshold: db.prepare(
      `INSERT INTO training_thresholds (intent, threshold, updated_by, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (intent) DO UPDATE SET threshold = excluded.threshold, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    ),
    deleteThreshold: db.prepare('DELETE FROM training_thresholds WHERE intent = ?'),
    insertPromotion: db.prepare(
      `INSERT INTO training_promotions (id, kind, conversation_id, message_id, text, title, intent, created_by, created_at)
       VALUES (@id, @kind, @conversationId, @messageId, @text, @title, @intent, @createdBy, @createdAt)`,
    ),
    promotions: db.prepare('SELECT * FROM training_promotions ORDER BY created_at DESC, rowid DESC'),
    promotionsOfKind: db.prepare('SELECT * FROM training_promotions WHERE kind = ? ORDER BY created_at DESC, rowid DESC'),
    eraseItems: db.prepare('DELETE FROM training_items WHERE conversation_id = ?'),
    eraseLabels: db.prepare('DELETE FROM training_labels WHERE conversation_id = ?'),
    erasePromotionLinks: db.prepare('UPDATE training_promotions SET conversation_id = NULL, message_id = NULL WHERE conversation_id = ?'),
  };

  function addOne(item: NewTriageItem): boolean {
    const existing = stmt.itemByKey.get(item.dedupeKey) as { id: string; reasons: string } | undefined;
    if (existing) {
      const reasons = decodeReasons(existing.reasons);
      if (!reasons.includes(item.reason)) stmt.addReason.run(encodeReasons([...reasons, item.reason]), existing.id);
      return false;
    }
    const guesses = item.topGuesses ?? [];
    stmt.insertItem.run({
      id: randomUUID(),
      conversation_id: item.conversationId ?? null,
      message_seq: item.messageSeq ?? null,
      message_id: item.messageId ?? null,
      text: item.text,
      reason: item.reason,
      reasons: encodeReasons([item.reason]),
      top_guesses: JSON.stringify(guesses),
      top_intent: guesses[0]?.name ?? null,
      created_at: item.createdAt ?? now(),
      dedupe_key: item.dedupeKey,
    });
    return true;
  }

  const addMany = db.transaction((items: NewTriageItem[]) => {
    let added = 0;
    for (const it of items) if (addOne(it)) added++;
    return { added, duplicates: items.length - added };
  });

  /** Reads rows created at or after the source's watermark and moves it to the newest seen. */
  function since<T extends { created_at: number }>(source: string, read: (wm: number) => T[]): T[] {
    const wm = (stmt.watermark.get(source) as number | undefined) ?? 0;
    const rows = read(wm);
    const top = rows.reduce((m, r) => Math.max(m, r.created_at), wm);
    if (top !== wm) stmt.setWatermark.run(source, top);
    return rows;
  }

  const sync = db.transaction((): { added: number } => {
    const items: NewTriageItem[] = [];
    for (const r of since('low_confidence', (wm) => stmt.lowConfidence.all(wm) as MessageRow[])) {
      items.push(triageItemFor(toSource(r), 'low_confidence'));
    }
    for (const e of since('handoff', (wm) => stmt.escalationsSince.all(wm) as { conversation_id: string; created_at: number }[])) {
      const msgs = (stmt.customerMessagesUpTo.all(e.conversation_id, e.created_at, 10) as MessageRow[]).reverse().map(toSource);
      const m = handoffMessage(msgs, e.created_at);
      if (m) items.push(triageItemFor(m, 'handoff'));
    }
    if (stmt.feedbackTable.get()) {
      const rows = since('bad_rating', (wm) =>
        db.prepare('SELECT conversation_id, created_at FROM feedback WHERE rating <= 2 AND created_at >= ? ORDER BY created_at').all(wm) as {
          conversation_id: string;
          created_at: number;
        }[],
      );
      for (const f of rows) {
        const msgs = stmt.customerMessagesUpTo.all(f.conversation_id, Number.MAX_SAFE_INTEGER, BAD_RATING_MESSAGES) as MessageRow[];
        for (const m of msgs.reverse()) items.push(triageItemFor(toSource(m), 'bad_rating'));
      }
    }
    let added = 0;
    for (const it of items) if (addOne(it)) added++;
    return { added };
  });

  const setLabels = db.transaction((labels: Parameters<TrainingStore['setLabels']>[0], at: number) => {
    const ids: string[] = [];
    for (const l of labels) {
      const r = stmt.label.run({ itemId: l.itemId, intent: l.intent, is_new: l.isNewIntent ? 1 : 0, category: l.category ?? null, by: l.labelledBy, at });
      if (r.changes > 0) ids.push(l.itemId);
    }
    return ids;
  });

  const activate = db.transaction((id: string | null, by: string): boolean => {
    if (id !== null && !stmt.version.get(id)) return false;
    const t = now();
    stmt.deactivateAll.run();
    if (id !== null) stmt.activate.run(t, by, id);
    stmt.logActivation.run(id, by, t);
    return true;
  });

  async function getItems(ids: string[]): Promise<TriageItem[]> {
    if (ids.length === 0) return [];
    const rows = db.prepare(`${ITEM_SELECT} WHERE i.id IN (${ids.map(() => '?').join(',')})`).all(...ids) as ItemRow[];
    return rows.map(toItem);
  }

  return {
    async syncTriage() {
      return sync.immediate();
    },

    async addTriageItems(items) {
      return addMany.immediate(items);
    },

    async listTriage(filter = {}) {
      const where: string[] = [];
      const params: unknown[] = [];
      const status = filter.status ?? 'unlabelled';
      if (status === 'unlabelled') where.push('l.item_id IS NULL');
      if (status === 'labelled') where.push('l.item_id IS NOT NULL');
      if (filter.reason) {
        where.push('instr(i.reasons, ?) > 0');
        params.push(`,${filter.reason},`);
      }
      if (filter.intent) {
        where.push('(i.top_intent = ? OR l.intent = ?)');
        params.push(filter.intent, filter.intent);
      }
      if (filter.from !== undefined) {
        where.push('i.created_at >= ?');
        params.push(filter.from);
      }
      if (filter.to !== undefined) {
        where.push('i.created_at < ?');
        params.push(filter.to);
      }
      if (filter.conversationId) {
        where.push('i.conversation_id = ?');
        params.push(filter.conversationId);
      }
      params.push(filter.limit ?? 200);
      const sql = `${ITEM_SELECT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY i.created_at DESC, i.rowid DESC LIMIT ?`;
      return (db.prepare(sql).all(...params) as ItemRow[]).map(toItem);
    },

    getTriageItems: getItems,

    async setLabels(labels, at = now()) {
      const ids = setLabels.immediate(labels, at);
      return (await getItems(ids)).map((i) => i.label as LabelRecord);
    },

    async listLabelled() {
      return (stmt.labelled.all() as ItemRow[]).map((r) => {
        const item = toItem(r);
        return { item, label: item.label as LabelRecord };
      });
    },

    async createVersion(v) {
      const createdAt = now();
      stmt.insertVersion.run({
        id: v.id,
        dataHash: v.dataHash,
        metrics: JSON.stringify(v.metrics),
        author: v.author,
        createdAt,
        artifact: JSON.stringify(v.artifact),
      });
      return toVersion(stmt.version.get(v.id) as VersionRow);
    },

    async listVersions() {
      return (stmt.versions.all() as VersionRow[]).map(toVersion);
    },

    async getVersion(id) {
      const r = stmt.version.get(id) as VersionRow | undefined;
      return r && toVersion(r);
    },

    async getArtifact(id) {
      const a = stmt.artifact.get(id) as string | undefined;
      return a === undefined ? undefined : JSON.parse(a);
    },

    async activeVersion() {
      const r = stmt.active.get() as VersionRow | undefined;
      return r && toVersion(r);
    },

    async activateVersion(id, by) {
      return activate.immediate(id, by);
    },

    async activationHistory(limit = 50) {
      return (stmt.history.all(limit) as { version_id: string | null; by: string; at: number }[]).map(
        (r): ActivationRecord => ({ versionId: r.version_id, by: r.by, at: r.at }),
      );
    },

    async listThresholds() {
      return (stmt.thresholds.all() as { intent: string; threshold: number; updated_by: string; updated_at: number }[]).map((r) => ({
        intent: r.intent,
        threshold: r.threshold,
        updatedBy: r.updated_by,
        updatedAt: r.updated_at,
      }));
    },

    async setThreshold(intent, threshold, by) {
      if (threshold === null) stmt.deleteThreshold.run(intent);
      else stmt.setThreshold.run(intent, threshold, by, now());
    },

    async addPromotion(p) {
      const rec: PromotionRecord = { ...p, id: randomUUID(), createdAt: now() };
      stmt.insertPromotion.run({
        id: rec.id,
        kind: rec.kind,
        conversationId: rec.conversationId ?? null,
        messageId: rec.messageId ?? null,
        text: rec.text,
        title: rec.title ?? null,
        intent: rec.intent ?? null,
        createdBy: rec.createdBy,
        createdAt: rec.createdAt,
      });
      return rec;
    },

    async listPromotions(kind) {
      const rows = (kind ? stmt.promotionsOfKind.all(kind) : stmt.promotions.all()) as Record<string, string | number | null>[];
      return rows.map(toPromotion);
    },

    async eraseConversation(conversationId) {
      db.transaction(() => {
        stmt.eraseLabels.run(conversationId);
        stmt.eraseItems.run(conversationId);
        stmt.erasePromotionLinks.run(conversationId);
      }).immediate();
    },
  };
}

