/**
 * The core SQLite schema (conversations, messages, escalations), as an ordered list of
 * migrations. Migration N (1-based) is applied when the module's version in `schema_migrations`
 * is below N, inside one transaction with the version bump, so a crash mid-migration leaves the
 * file at the previous version. Append new entries; never edit one that has shipped.
 *
 * Times are epoch milliseconds (INTEGER); JSON columns hold JSON text.
 */
export const sqliteMigrations: readonly string[] = [
  `
  CREATE TABLE conversations (
    id          TEXT PRIMARY KEY,
    token_hash  TEXT NOT NULL UNIQUE,
    state       TEXT NOT NULL CHECK (state IN ('bot', 'queued', 'agent', 'closed')),
    snapshot    TEXT NOT NULL,
    context     TEXT NOT NULL,
    last_seq    INTEGER NOT NULL DEFAULT 0,
    version     INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE messages (
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    id              TEXT NOT NULL,
    sender          TEXT NOT NULL CHECK (sender IN ('bot', 'agent', 'customer', 'system')),
    text            TEXT NOT NULL,
    quick_replies   TEXT,
    article         TEXT,
    reply_to        TEXT,
    meta            TEXT,
    created_at      INTEGER NOT NULL,
    PRIMARY KEY (conversation_id, seq),
    UNIQUE (conversation_id, id)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE escalations (
    id              TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    reason          TEXT NOT NULL,
    priority        TEXT NOT NULL CHECK (priority IN ('normal', 'urgent')),
    status          TEXT NOT NULL CHECK (status IN ('queued', 'assigned', 'closed', 'cancelled')),
    summary         TEXT NOT NULL,
    created_at      INTEGER NOT NULL
  ) STRICT;

  -- At most one open escalation per conversation, enforced by the database itself.
  CREATE UNIQUE INDEX escalations_one_open ON escalations (conversation_id)
    WHERE status IN ('queued', 'assigned');
  CREATE INDEX escalations_status ON escalations (status, created_at);
  CREATE INDEX escalations_conversation ON escalations (conversation_id, created_at);
  `,
  // 2: the operators' transcript list pages by (updated_at, id), newest first (listConversations).
  `
  CREATE INDEX conversations_updated ON conversations (updated_at, id);
  `,
  // 3: the operators' weekly figures pick conversations by when they started (weeklyStats).
  `
  CREATE INDEX conversations_created ON conversations (created_at);
  `,
  // 4: a hand-off nobody could take is recorded as an escalation with status 'unmet' (never queued).
  // SQLite cannot change a CHECK constraint in place: the table is rebuilt (nothing references it).
  `
  CREATE TABLE escalations_new (
    id              TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    reason          TEXT NOT NULL,
    priority        TEXT NOT NULL CHECK (priority IN ('normal', 'urgent')),
    status          TEXT NOT NULL CHECK (status IN ('queued', 'assigned', 'closed', 'cancelled', 'unmet')),
    summary         TEXT NOT NULL,
    created_at      INTEGER NOT NULL
  ) STRICT;
  INSERT INTO escalations_new (rowid, id, conversation_id, reason, priority, status, summary, created_at)
    SELECT rowid, id, conversation_id, reason, priority, status, summary, created_at FROM escalations;
  DROP TABLE escalations;
  ALTER TABLE escalations_new RENAME TO escalations;
  CREATE UNIQUE INDEX escalations_one_open ON escalations (conversation_id)
    WHERE status IN ('queued', 'assigned');
  CREATE INDEX escalations_status ON escalations (status, created_at);
  CREATE INDEX escalations_conversation ON escalations (conversation_id, created_at);
  `,
];
