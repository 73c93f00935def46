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
import type { SqliteDatabase } from './database';

/** Migrations of the `handoff` schema module (see modules.ts). Append only. */
export const sqliteHandoffMigrations: readonly string[] = [
  `
  CREATE TABLE agents (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('agent', 'operator', 'admin')),
    password_hash TEXT NOT NULL,
    capacity      INTEGER NOT NULL DEFAULT 3,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE agent_sessions (
    id         TEXT PRIMARY KEY,
    agent_id   TEXT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked    INTEGER NOT NULL DEFAULT 0
  ) STRICT;

  CREATE TABLE agent_presence (
    agent_id        TEXT PRIMARY KEY REFERENCES agents (id) ON DELETE CASCADE,
    status          TEXT NOT NULL CHECK (status IN ('online', 'away', 'offline')),
    connections     INTEGER NOT NULL DEFAULT 0,
    last_seen_at    INTEGER NOT NULL,
    disconnected_at INTEGER
  ) STRICT;

  CREATE TABLE assignments (
    escalation_id    TEXT NOT NULL,
    conversation_id  TEXT NOT NULL,
    agent_id         TEXT NOT NULL,
    assigned_at      INTEGER NOT NULL,
    waited_ms        INTEGER,
    transferred_from TEXT,
    ended_at         INTEGER,
    end_reason       TEXT,
    resolution       TEXT
  ) STRICT;
  -- One active owner per escalation, enforced by the database itself.
  CREATE UNIQUE INDEX assignments_one_active ON assignments (escalation_id) WHERE ended_at IS NULL;
  CREATE INDEX assignments_agent ON assignments (agent_id, ended_at);
  CREATE INDEX assignments_conversation ON assignments (conversation_id);

  CREATE TABLE agent_notes (
    id              TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    agent_id        TEXT NOT NULL,
    text            TEXT NOT NULL,
    created_at      INTEGER NOT NULL
  ) STRICT;
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
  disabled: number;
  created_at: number;
}
interface SessionRow {
  id: string;
  agent_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
  revoked: number;
}
interface PresenceRow {
  agent_id: string;
  status: string;
  connections: number;
  last_seen_at: number;
  disconnected_at: number | null;
}
interface AssignmentRow {
  escalation_id: string;
  conversation_id: string;
  agent_id: string;
  assigned_at: number;
  transferred_from: string | null;
}
interface NoteRow {
  id: string;
  conversation_id: string;
  agent_id: string;
  text: string;
  created_at: number;
}

const toAgent = (r: AgentRow): AgentRecord => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role as AgentRecord['role'],
  passwordHash: r.password_hash,
  capacity: r.capacity,
  disabled: r.disabled === 1,
  createdAt: r.created_at,
});
const toSession = (r: SessionRow): SessionRecord => ({
  id: r.id,
  agentId: r.agent_id,
  csrfToken: r.csrf_token,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revoked: r.revoked === 1,
});
function toPresence(r: PresenceRow): PresenceRecord {
  const p: PresenceRecord = { agentId: r.agent_id, status: r.status as PresenceRecord['status'], connections: r.connections, lastSeenAt: r.last_seen_at };
  if (r.disconnected_at !== null) p.disconnectedAt = r.disconnected_at;
  return p;
}
function toAssignment(r: AssignmentRow): AssignmentRecord {
  const a: AssignmentRecord = { escalationId: r.escalation_id, conversationId: r.conversation_id, agentId: r.agent_id, assignedAt: r.assigned_at };
  if (r.transferred_from !== null) a.transferredFrom = r.transferred_from;
  return a;
}
const toNote = (r: NoteRow): NoteRecord => ({ id: r.id, conversationId: r.conversation_id, agentId: r.agent_id, text: r.text, createdAt: r.created_at });

const END_STATUS: Record<AssignmentEnd, string> = { requeued: 'queued', released: 'cancelled', closed: 'closed' };

export function createSqliteHandoffStore(db: SqliteDatabase, now: () => number): HandoffStore {
  const stmt = {
    insertAgent: db.prepare(
      `INSERT INTO agents (id, email, name, role, password_hash, capacity, disabled, created_at)
       VALUES (@id, @email, @name, @role, @password_hash, @capacity, 0, @created_at)`,
    ),
    agentById: db.prepare('SELECT * FROM agents WHERE id = ?'),
    agentByEmail: db.prepare('SELECT * FROM agents WHERE email = ?'),
    agents: db.prepare('SELECT * FROM agents ORDER BY created_at, rowid'),
    setHash: db.prepare('UPDATE agents SET password_hash = ? WHERE id = ?'),
    updateAgent: db.prepare(
      `UPDATE agents SET role = COALESCE(@role, role), name = COALESCE(@name, name),
         capacity = COALESCE(@capacity, capacity), disabled = COALESCE(@disabled, disabled) WHERE id = @id`,
    ),
    deleteAgent: db.prepare('DELETE FROM agents WHERE id = ?'),
    revokeAgentSessions: db.prepare('UPDATE agent_sessions SET revoked = 1 WHERE agent_id = ? AND revoked = 0 AND expires_at > ?'),
    insertSession: db.prepare(
      'INSERT INTO agent_sessions (id, agent_id, csrf_token, created_at, expires_at, revoked) VALUES (?, ?, ?, ?, ?, 0)',
    ),
    session: db.prepare('SELECT * FROM agent_sessions WHERE id = ?'),
    revoke: db.prepare('UPDATE agent_sessions SET revoked = 1 WHERE id = ?'),
    presence: db.prepare('SELECT * FROM agent_presence WHERE agent_id = ?'),
    presenceAll: db.prepare('SELECT * FROM agent_presence ORDER BY agent_id'),
    upsertStatus: db.prepare(
      `INSERT INTO agent_presence (agent_id, status, connections, last_seen_at) VALUES (?, ?, 0, ?)
       ON CONFLICT (agent_id) DO UPDATE SET status = excluded.status, last_seen_at = excluded.last_seen_at`,
    ),
    opened: db.prepare(
      `INSERT INTO agent_presence (agent_id, status, connections, last_seen_at) VALUES (?, 'offline', 1, ?)
       ON CONFLICT (agent_id) DO UPDATE SET connections = connections + 1, last_seen_at = excluded.last_seen_at, disconnected_at = NULL`,
    ),
    closed: db.prepare(
      `UPDATE agent_presence SET connections = MAX(0, connections - 1), last_seen_at = @now,
         disconnected_at = CASE WHEN connections <= 1 THEN @now ELSE disconnected_at END
       WHERE agent_id = @agent`,
    ),
    touch: db.prepare('UPDATE agent_presence SET last_seen_at = ? WHERE agent_id = ?'),
    escalation: db.prepare('SELECT id, conversation_id, status, created_at FROM escalations WHERE id = ?'),
    setEscalation: db.prepare('UPDATE escalations SET status = ? WHERE id = ?'),
    activeCount: db.prepare('SELECT COUNT(*) FROM assignments WHERE agent_id = ? AND ended_at IS NULL').pluck(),
    activeOf: db.prepare('SELECT * FROM assignments WHERE escalation_id = ? AND ended_at IS NULL'),
    insertAssignment: db.prepare(
      `INSERT INTO assignments (escalation_id, conversation_id, agent_id, assigned_at, waited_ms, transferred_from)
       VALUES (@escalation_id, @conversation_id, @agent_id, @assigned_at, @waited_ms, @transferred_from)`,
    ),
    endActive: db.prepare(
      'UPDATE assignments SET ended_at = ?, end_reason = ?, resolution = ? WHERE escalation_id = ? AND ended_at IS NULL',
    ),
    active: db.prepare(
      `SELECT * FROM assignments WHERE ended_at IS NULL AND (@agent IS NULL OR agent_id = @agent)
         AND (@conversation IS NULL OR conversation_id = @conversation) ORDER BY assigned_at, rowid`,
    ),
    lastAssigned: db.prepare('SELECT agent_id, MAX(assigned_at) AS at FROM assignments GROUP BY agent_id'),
    pickups: db.prepare(
      'SELECT waited_ms FROM assignments WHERE waited_ms IS NOT NULL ORDER BY assigned_at DESC, rowid DESC LIMIT ?',
    ).pluck(),
    insertNote: db.prepare('INSERT INTO agent_notes (id, conversation_id, agent_id, text, created_at) VALUES (?, ?, ?, ?, ?)'),
    notes: db.prepare('SELECT * FROM agent_notes WHERE conversation_id = ? ORDER BY created_at, rowid'),
    eraseNotes: db.prepare('DELETE FROM agent_notes WHERE conversation_id = ?'),
    eraseAssignments: db.prepare('DELETE FROM assignments WHERE conversation_id = ?'),
  };

  type EscRow = { id: string; conversation_id: string; status: string; created_at: number };

  const claimTx = db.transaction((escalationId: string, agentId: string, capacity: number): ClaimResult => {
    const esc = stmt.escalation.get(escalationId) as EscRow | undefined;
    if (esc?.status === 'assigned') return { ok: false, code: 'ALREADY_CLAIMED' };
    if (esc?.status !== 'queued') return { ok: false, code: 'NOT_IN_QUEUE' };
    if ((stmt.activeCount.get(agentId) as number) >= capacity) return { ok: false, code: 'AT_CAPACITY' };
    const t = now();
    stmt.setEscalation.run('assigned', escalationId);
    const row = {
      escalation_id: escalationId,
      conversation_id: esc.conversation_id,
      agent_id: agentId,
      assigned_at: t,
      waited_ms: Math.max(0, t - esc.created_at),
      transferred_from: null,
    };
    stmt.insertAssignment.run(row);
    return { ok: true, assignment: toAssignment(row) };
  });

  const transferTx = db.transaction((escalationId: string, from: string, to: string, capacity: number): ClaimResult => {
    const current = stmt.activeOf.get(escalationId) as AssignmentRow | undefined;
    if (!current || current.agent_id !== from) return { ok: false, code: 'NOT_IN_QUEUE' };
    if ((stmt.activeCount.get(to) as number) >= capacity) return { ok: false, code: 'AT_CAPACITY' };
    const t = now();
    stmt.endActive.run(t, 'transferred', null, escalationId);
    const row = {
      escalation_id: escalationId,
      conversation_id: current.conversation_id,
      agent_id: to,
      assigned_at: t,
      waited_ms: null,
      transferred_from: from,
    };
    stmt.insertAssignment.run(row);
    return { ok: true, assignment: toAssignment(row) };
  });

  const endTx = db.transaction((escalationId: string, end: AssignmentEnd, resolution: string | null) => {
    const current = stmt.activeOf.get(escalationId) as AssignmentRow | undefined;
    if (!current) return undefined;
    stmt.endActive.run(now(), end, resolution, escalationId);
    stmt.setEscalation.run(END_STATUS[end], escalationId);
    return toAssignment(current);
  });

  const eraseTx = db.transaction((conversationId: string) => {
    stmt.eraseNotes.run(conversationId);
    stmt.eraseAssignments.run(conversationId);
  });

  return {
    async createAgent(input) {
      const row: AgentRow = {
        id: input.id,
        email: input.email.trim().toLowerCase(),
        name: input.name,
        role: input.role,
        password_hash: input.passwordHash,
        capacity: input.capacity ?? 3,
        disabled: 0,
        created_at: now(),
      };
      try {
        stmt.insertAgent.run(row);
      } catch (err) {
        if (/UNIQUE.*agents\.email/.test((err as Error).message)) throw new AgentEmailTakenError(row.email);
        throw err;
      }
      return toAgent(row);
    },
    async getAgent(id) {
      const r = stmt.agentById.get(id) as AgentRow | undefined;
      return r && toAgent(r);
    },
    async getAgentByEmail(email) {
      const r = stmt.agentByEmail.get(email.trim().toLowerCase()) as AgentRow | undefined;
      return r && toAgent(r);
    },
    async listAgents() {
      return (stmt.agents.all() as AgentRow[]).map(toAgent);
    },
    async setPasswordHash(agentId, hash) {
      stmt.setHash.run(hash, agentId);
    },
    async updateAgent(agentId, patch) {
      stmt.updateAgent.run({
        id: agentId,
        role: patch.role ?? null,
        name: patch.name ?? null,
        capacity: patch.capacity ?? null,
        disabled: patch.disabled === undefined ? null : patch.disabled ? 1 : 0,
      });
      const row = stmt.agentById.get(agentId) as AgentRow | undefined;
      return row && toAgent(row);
    },
    async deleteAgent(agentId) {
      return stmt.deleteAgent.run(agentId).changes > 0;
    },
    async revokeAgentSessions(agentId) {
      return stmt.revokeAgentSessions.run(agentId, now()).changes;
    },
    async createSession(input) {
      const t = now();
      stmt.insertSession.run(input.id, input.agentId, input.csrfToken, t, input.expiresAt);
      return { ...input, createdAt: t, revoked: false };
    },
    async getSession(id) {
      const r = stmt.session.get(id) as SessionRow | undefined;
      return r && toSession(r);
    },
    async revokeSession(id) {
      stmt.revoke.run(id);
    },
    async setPresenceStatus(agentId, status) {
      stmt.upsertStatus.run(agentId, status, now());
      return toPresence(stmt.presence.get(agentId) as PresenceRow);
    },
    async socketOpened(agentId) {
      stmt.opened.run(agentId, now());
    },
    async socketClosed(agentId) {
      stmt.closed.run({ now: now(), agent: agentId });
    },
    async touchAgents(agentIds) {
      const t = now();
      db.transaction(() => {
        for (const id of agentIds) stmt.touch.run(t, id);
      })();
    },
    async listPresence() {
      return (stmt.presenceAll.all() as PresenceRow[]).map(toPresence);
    },
    async claim(escalationId, agentId, capacity) {
      return claimTx.immediate(escalationId, agentId, capacity);
    },
    async transfer(escalationId, from, to, capacity) {
      return transferTx.immediate(escalationId, from, to, capacity);
    },
    async endAssignment(escalationId, end, resolution) {
      return endTx.immediate(escalationId, end, resolution ?? null);
    },
    async activeAssignments(filter = {}) {
      const rows = stmt.active.all({ agent: filter.agentId ?? null, conversation: filter.conversationId ?? null }) as AssignmentRow[];
      return rows.map(toAssignment);
    },
    async lastAssignedAt() {
      const out: Record<string, number> = {};
      for (const r of stmt.lastAssigned.all() as Array<{ agent_id: string; at: number }>) out[r.agent_id] = r.at;
      return out;
    },
    async recentPickupSeconds(limit = 20) {
      return (stmt.pickups.all(limit) as number[]).reverse().map((ms) => ms / 1000);
    },
    async addNote(input) {
      const t = now();
      stmt.insertNote.run(input.id, input.conversationId, input.agentId, input.text, t);
      return { ...input, createdAt: t };
    },
    async listNotes(conversationId) {
      return (stmt.notes.all(conversationId) as NoteRow[]).map(toNote);
    },
    async eraseConversation(conversationId) {
      eraseTx.immediate(conversationId);
    },
  };
}
