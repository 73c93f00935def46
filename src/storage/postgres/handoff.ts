import { inTransaction } from './transaction';
import type { Pool, PoolClient } from 'pg';
import type {
  AgentRecord,
  AssignmentEnd,
  AssignmentRecord,
  ClaimResult,
  HandoffStore,
  NoteRecord,
  PresenceRecord,
  SessionRecord,
} from '../handoff';
import { AgentEmailTakenError } from '../handoff';

/** Migrations of the `handoff` schema module (see modules.ts). Append only. */
export const postgresHandoffMigrations: readonly string[] = [
  `
  CREATE TABLE agents (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('agent', 'operator', 'admin')),
    password_hash TEXT NOT NULL,
    capacity      INT NOT NULL DEFAULT 3,
    disabled      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    BIGINT NOT NULL,
    ord           BIGINT GENERATED ALWAYS AS IDENTITY
  );

  CREATE TABLE agent_sessions (
    id         TEXT PRIMARY KEY,
    agent_id   TEXT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked    BOOLEAN NOT NULL DEFAULT FALSE
  );

  CREATE TABLE agent_presence (
    agent_id        TEXT PRIMARY KEY REFERENCES agents (id) ON DELETE CASCADE,
    status          TEXT NOT NULL CHECK (status IN ('online', 'away', 'offline')),
    connections     INT NOT NULL DEFAULT 0,
    last_seen_at    BIGINT NOT NULL,
    disconnected_at BIGINT
  );

  CREATE TABLE assignments (
    escalation_id    TEXT NOT NULL,
    conversation_id  TEXT NOT NULL,
    agent_id         TEXT NOT NULL,
    assigned_at      BIGINT NOT NULL,
    waited_ms        BIGINT,
    transferred_from TEXT,
    ended_at         BIGINT,
    end_reason       TEXT,
    resolution       TEXT,
    ord              BIGINT GENERATED ALWAYS AS IDENTITY
  );
  -- One active owner per escalation, enforced by the database itself.
  CREATE UNIQUE INDEX assignments_one_active ON assignments (escalation_id) WHERE ended_at IS NULL;
  CREATE INDEX assignments_agent ON assignments (agent_id, ended_at);
  CREATE INDEX assignments_conversation ON assignments (conversation_id);

  CREATE TABLE agent_notes (
    id              TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    agent_id        TEXT NOT NULL,
    text            TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    ord             BIGINT GENERATED ALWAYS AS IDENTITY
  );
  CREATE INDEX agent_notes_conversation ON agent_notes (conversation_id, created_at);
  `,
];

interface AgentRow {
  id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  capacity: number;
  disabled: boolean;
  created_at: string;
}
interface SessionRow {
  id: string;
  agent_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  revoked: boolean;
}
interface PresenceRow {
  agent_id: string;
  status: string;
  connections: number;
  last_seen_at: string;
  disconnected_at: string | null;
}
interface AssignmentRow {
  escalation_id: string;
  conversation_id: string;
  agent_id: string;
  assigned_at: string;
  transferred_from: string | null;
}
interface NoteRow {
  id: string;
  conversation_id: string;
  agent_id: string;
  text: string;
  created_at: string;
}

const AGENT_COLUMNS = 'id, email, name, role, password_hash, capacity, disabled, created_at';
const ASSIGNMENT_COLUMNS = 'escalation_id, conversation_id, agent_id, assigned_at, transferred_from';

const toAgent = (r: AgentRow): AgentRecord => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role as AgentRecord['role'],
  passwordHash: r.password_hash,
  capacity: Number(r.capacity),
  disabled: r.disabled,
  createdAt: Number(r.created_at),
});
const toSession = (r: SessionRow): SessionRecord => ({
  id: r.id,
  agentId: r.agent_id,
  csrfToken: r.csrf_token,
  createdAt: Number(r.created_at),
  expiresAt: Number(r.expires_at),
  revoked: r.revoked,
});
function toPresence(r: PresenceRow): PresenceRecord {
  const p: PresenceRecord = {
    agentId: r.agent_id,
    status: r.status as PresenceRecord['status'],
    connections: Number(r.connections),
    lastSeenAt: Number(r.last_seen_at),
  };
  if (r.disconnected_at !== null) p.disconnectedAt = Number(r.disconnected_at);
  return p;
}
function toAssignment(r: AssignmentRow): AssignmentRecord {
  const a: AssignmentRecord = {
    escalationId: r.escalation_id,
    conversationId: r.conversation_id,
    agentId: r.agent_id,
    assignedAt: Number(r.assigned_at),
  };
  if (r.transferred_from !== null) a.transferredFrom = r.transferred_from;
  return a;
}
const toNote = (r: NoteRow): NoteRecord => ({
  id: r.id,
  conversationId: r.conversation_id,
  agentId: r.agent_id,
  text: r.text,
  createdAt: Number(r.created_at),
});

const END_STATUS: Record<AssignmentEnd, string> = { requeued: 'queued', released: 'cancelled', closed: 'closed' };

/** Thrown inside a transaction to roll it back and answer with a refusal. */
class Refusal extends Error {
  constructor(readonly result: ClaimResult) {
    super('refused');
  }
}

export function createPostgresHandoffStore(pool: Pool, now: () => number): HandoffStore {
  const tx = <T>(fn: (c: PoolClient) => Promise<T>) => inTransaction(pool, fn);

  async function refusable(fn: (c: PoolClient) => Promise<ClaimResult>): Promise<ClaimResult> {
    try {
      return await tx(fn);
    } catch (err) {
      if (err instanceof Refusal) return err.result;
      throw err;
    }
  }

  /** Serialises capacity checks per agent: concurrent claims by one agent cannot overshoot. */
  async function lockAgentLoad(c: PoolClient, agentId: string): Promise<number> {
    await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`agent-load:${agentId}`]);
    const { rows } = await c.query<{ n: string }>('SELECT COUNT(*) AS n FROM assignments WHERE agent_id = $1 AND ended_at IS NULL', [agentId]);
    return Number(rows[0]?.n ?? 0);
  }

  return {
    async createAgent(input) {
      try {
        const { rows } = await pool.query<AgentRow>(
          `INSERT INTO agents (id, email, name, role, password_hash, capacity, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${AGENT_COLUMNS}`,
          [input.id, input.email.trim().toLowerCase(), input.name, input.role, input.passwordHash, input.capacity ?? 3, now()],
        );
        return toAgent(rows[0] as AgentRow);
      } catch (err) {
        if ((err as { code?: string; constraint?: string }).code === '23505' && /email/.test((err as { constraint?: string }).constraint ?? '')) {
          throw new AgentEmailTakenError(input.email.trim().toLowerCase());
        }
        throw err;
      }
    },
    async getAgent(id) {
      const { rows } = await pool.query<AgentRow>(`SELECT ${AGENT_COLUMNS} FROM agents WHERE id = $1`, [id]);
      return rows[0] && toAgent(rows[0]);
    },
    async getAgentByEmail(email) {
      const { rows } = await pool.query<AgentRow>(`SELECT ${AGENT_COLUMNS} FROM agents WHERE email = $1`, [email.trim().toLowerCase()]);
      return rows[0] && toAgent(rows[0]);
    },
    async listAgents() {
      const { rows } = await pool.query<AgentRow>(`SELECT ${AGENT_COLUMNS} FROM agents ORDER BY created_at, ord`);
      return rows.map(toAgent);
    },
    async setPasswordHash(agentId, hash) {
      await pool.query('UPDATE agents SET password_hash = $2 WHERE id = $1', [agentId, hash]);
    },
    async updateAgent(agentId, patch) {
      const { rows } = await pool.query<AgentRow>(
        `UPDATE agents SET role = COALESCE($2, role), name = COALESCE($3, name), capacity = COALESCE($4, capacity),
           disabled = COALESCE($5, disabled) WHERE id = $1 RETURNING ${AGENT_COLUMNS}`,
        [agentId, patch.role ?? null, patch.name ?? null, patch.capacity ?? null, patch.disabled ?? null],
      );
      return rows[0] && toAgent(rows[0]);
    },
    async deleteAgent(agentId) {
      const { rowCount } = await pool.query('DELETE FROM agents WHERE id = $1', [agentId]);
      return (rowCount ?? 0) > 0;
    },
    async revokeAgentSessions(agentId) {
      const { rowCount } = await pool.query('UPDATE agent_sessions SET revoked = TRUE WHERE agent_id = $1 AND NOT revoked AND expires_at > $2', [agentId, now()]);
      return rowCount ?? 0;
    },
    async createSession(input) {
      const t = now();
      await pool.query('INSERT INTO agent_sessions (id, agent_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
        input.id,
        input.agentId,
        input.csrfToken,
        t,
        input.expiresAt,
      ]);
      return { ...input, createdAt: t, revoked: false };
    },
    async getSession(id) {
      const { rows } = await pool.query<SessionRow>('SELECT * FROM agent_sessions WHERE id = $1', [id]);
      return rows[0] && toSession(rows[0]);
    },
    async revokeSession(id) {
      await pool.query('UPDATE agent_sessions SET revoked = TRUE WHERE id = $1', [id]);
    },
    async setPresenceStatus(agentId, status) {
      const { rows } = await pool.query<PresenceRow>(
        `INSERT INTO agent_presence (agent_id, status, connections, last_seen_at) VALUES ($1, $2, 0, $3)
         ON CONFLICT (agent_id) DO UPDATE SET status = EXCLUDED.status, last_seen_at = EXCLUDED.last_seen_at
         RETURNING *`,
        [agentId, status, now()],
      );
      return toPresence(rows[0] as PresenceRow);
    },
    async socketOpened(agentId) {
      await pool.query(
        `INSERT INTO agent_presence (agent_id, status, connections, last_seen_at) VALUES ($1, 'offline', 1, $2)
         ON CONFLICT (agent_id) DO UPDATE SET connections = agent_presence.connections + 1, last_seen_at = EXCLUDED.last_seen_at, disconnected_at = NULL`,
        [agentId, now()],
      );
    },
    async socketClosed(agentId) {
      await pool.query(
        `UPDATE agent_presence SET connections = GREATEST(0, connections - 1), last_seen_at = $2,
           disconnected_at = CASE WHEN connections <= 1 THEN $2 ELSE disconnected_at END
         WHERE agent_id = $1`,
        [agentId, now()],
      );
    },
    async touchAgents(agentIds) {
      if (agentIds.length === 0) return;
      await pool.query('UPDATE agent_presence SET last_seen_at = $2 WHERE agent_id = ANY($1::text[])', [agentIds, now()]);
    },
    async listPresence() {
      const { rows } = await pool.query<PresenceRow>('SELECT * FROM agent_presence ORDER BY agent_id');
      return rows.map(toPresence);
    },
    claim(escalationId, agentId, capacity) {
      return refusable(async (c) => {
        const active = await lockAgentLoad(c, agentId);
        // The row lock makes a concurrent claim wait, then re-check `status = 'queued'` and miss.
        const { rows } = await c.query<{ conversation_id: string; created_at: string }>(
          `UPDATE escalations SET status = 'assigned' WHERE id = $1 AND status = 'queued' RETURNING conversation_id, created_at`,
          [escalationId],
        );
        const esc = rows[0];
        if (!esc) {
          const { rows: found } = await c.query<{ status: string }>('SELECT status FROM escalations WHERE id = $1', [escalationId]);
          throw new Refusal({ ok: false, code: found[0]?.status === 'assigned' ? 'ALREADY_CLAIMED' : 'NOT_IN_QUEUE' });
        }
        if (active >= capacity) throw new Refusal({ ok: false, code: 'AT_CAPACITY' });
        const t = now();
        const { rows: inserted } = await c.query<AssignmentRow>(
          `INSERT INTO assignments (escalation_id, conversation_id, agent_id, assigned_at, waited_ms)
           VALUES ($1, $2, $3, $4, $5) RETURNING ${ASSIGNMENT_COLUMNS}`,
          [escalationId, esc.conversation_id, agentId, t, Math.max(0, t - Number(esc.created_at))],
        );
        return { ok: true, assignment: toAssignment(inserted[0] as AssignmentRow) };
      });
    },
    transfer(escalationId, from, to, capacity) {
      return refusable(async (c) => {
        const active = await lockAgentLoad(c, to);
        const { rows } = await c.query<AssignmentRow>(
          `SELECT ${ASSIGNMENT_COLUMNS} FROM assignments WHERE escalation_id = $1 AND ended_at IS NULL FOR UPDATE`,
          [escalationId],
        );
        const current = rows[0];
        if (!current || current.agent_id !== from) throw new Refusal({ ok: false, code: 'NOT_IN_QUEUE' });
        if (active >= capacity) throw new Refusal({ ok: false, code: 'AT_CAPACITY' });
        const t = now();
        await c.query(`UPDATE assignments SET ended_at = $2, end_reason = 'transferred' WHERE escalation_id = $1 AND ended_at IS NULL`, [
          escalationId,
          t,
        ]);
        const { rows: inserted } = await c.query<AssignmentRow>(
          `INSERT INTO assignments (escalation_id, conversation_id, agent_id, assigned_at, transferred_from)
           VALUES ($1, $2, $3, $4, $5) RETURNING ${ASSIGNMENT_COLUMNS}`,
          [escalationId, current.conversation_id, to, t, from],
        );
        return { ok: true, assignment: toAssignment(inserted[0] as AssignmentRow) };
      });
    },
    endAssignment(escalationId, end, resolution) {
      return tx(async (c) => {
        const { rows } = await c.query<AssignmentRow>(
          `UPDATE assignments SET ended_at = $2, end_reason = $3, resolution = $4
            WHERE escalation_id = $1 AND ended_at IS NULL RETURNING ${ASSIGNMENT_COLUMNS}`,
          [escalationId, now(), end, resolution ?? null],
        );
        const ended = rows[0];
        if (!ended) return undefined;
        await c.query('UPDATE escalations SET status = $2 WHERE id = $1', [escalationId, END_STATUS[end]]);
        return toAssignment(ended);
      });
    },
    async activeAssignments(filter = {}) {
      const { rows } = await pool.query<AssignmentRow>(
        `SELECT ${ASSIGNMENT_COLUMNS} FROM assignments WHERE ended_at IS NULL
           AND ($1::text IS NULL OR agent_id = $1) AND ($2::text IS NULL OR conversation_id = $2)
         ORDER BY assigned_at, ord`,
        [filter.agentId ?? null, filter.conversationId ?? null],
      );
      return rows.map(toAssignment);
    },
    async lastAssignedAt() {
      const { rows } = await pool.query<{ agent_id: string; at: string }>('SELECT agent_id, MAX(assigned_at) AS at FROM assignments GROUP BY agent_id');
      return Object.fromEntries(rows.map((r) => [r.agent_id, Number(r.at)]));
    },
    async recentPickupSeconds(limit = 20) {
      const { rows } = await pool.query<{ waited_ms: string }>(
        'SELECT waited_ms FROM assignments WHERE waited_ms IS NOT NULL ORDER BY assigned_at DESC, ord DESC LIMIT $1',
        [limit],
      );
      return rows.map((r) => Number(r.waited_ms) / 1000).reverse();
    },
    async addNote(input) {
      const t = now();
      await pool.query('INSERT INTO agent_notes (id, conversation_id, agent_id, text, created_at) VALUES ($1, $2, $3, $4, $5)', [
        input.id,
        input.conversationId,
        input.agentId,
        input.text,
        t,
      ]);
      return { ...input, createdAt: t };
    },
    async listNotes(conversationId) {
      const { rows } = await pool.query<NoteRow>(
        'SELECT id, conversation_id, agent_id, text, created_at FROM agent_notes WHERE conversation_id = $1 ORDER BY created_at, ord',
        [conversationId],
      );
      return rows.map(toNote);
    },
    async eraseConversation(conversationId) {
      await tx(async (c) => {
        await c.query('DELETE FROM agent_notes WHERE conversation_id = $1', [conversationId]);
        await c.query('DELETE FROM assignments WHERE conversation_id = $1', [conversationId]);
      });
    },
  };
}
