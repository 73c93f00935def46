/**
 * PostgreSQL schema, as an ordered list of migrations, tracked in `schema_migrations`. All pending
 * migrations run in one transaction under an advisory lock, so nodes starting together apply each
 * once. Append new entries; never edit one that has shipped.
 *
 * Times, seq and version are BIGINT (epoch ms and counters); the adapter maps them back to numbers.
 */
export const postgresMigrations: readonly string[] = [
  `
  CREATE TABLE conversations (
    id          TEXT PRIMARY KEY,
    token_hash  TEXT NOT NULL UNIQUE,
    state       TEXT NOT NULL CHECK (state IN ('bot', 'queued', 'agent', 'closed')),
    snapshot    JSONB NOT NULL,
    context     JSONB NOT NULL,
    last_seq    BIGINT NOT NULL DEFAULT 0,
    version     BIGINT NOT NULL DEFAULT 0,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
  );

  CREATE TABLE messages (
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    seq             BIGINT NOT NULL,
    id              TEXT NOT NULL,
    sender          TEXT NOT NULL CHECK (sender IN ('bot', 'agent', 'customer', 'system')),
    text            TEXT NOT NULL,
    quick_replies   JSONB,
    article         JSONB,
    reply_to        TEXT,
    meta            JSONB,
    created_at      BIGINT NOT NULL,
    PRIMARY KEY (conversation_id, seq),
    CONSTRAINT messages_conversation_id_id_key UNIQUE (conversation_id, id)
  );

  CREATE TABLE escalations (
    id              TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    reason          TEXT NOT NULL,
    priority        TEXT NOT NULL CHECK (priority IN ('normal', 'urgent')),
    status          TEXT NOT NULL CHECK (status IN ('queued', 'assigned', 'closed', 'cancelled')),
    summary         JSONB NOT NULL,
    created_at      BIGINT NOT NULL,
    -- Insertion order, to list escalations created in the same millisecond in queue order.
    ord             BIGINT GENERATED ALWAYS AS IDENTITY
  );

  -- At most one open escalation per conversation, enforced by the database itself.
  CREATE UNIQUE INDEX escalations_one_open ON escalations (conversation_id)
    WHERE status IN ('queued', 'assigned');
  CREATE INDEX escalations_status ON escalations (status, created_at, ord);
  CREATE INDEX escalations_conversation ON escalations (conversation_id, created_at, ord);
  `,
  // 2: the operators' transcript list pages by (updated_at, id), newest first (listConversations).
  // Ids compare bytewise (COLLATE "C") there, as in SQLite, so both list in the same order.
  `
  CREATE INDEX conversations_updated ON conversations (updated_at, id COLLATE "C");
  `,
  // 3: the operators' weekly figures pick conversations by when they started (weeklyStats).
  `
  CREATE INDEX conversations_created ON conversations (created_at);
  `,
  // 4: a hand-off nobody could take is recorded as an escalation with status 'unmet' (never queued).
  `
  ALTER TABLE escalations DROP CONSTRAINT escalations_status_check;
  ALTER TABLE escalations ADD CONSTRAINT escalations_status_check
    CHECK (status IN ('queued', 'assigned', 'closed', 'cancelled', 'unmet'));
  `,
];
