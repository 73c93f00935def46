/**
 * Agents, their sessions and presence, assignment of escalated chats, internal notes (agents and the hand-off queue).
 * One of the storage sub-stores: its interface here, its tables in
 * `sqlite/handoff.ts` and `postgres/handoff.ts` (own migration module), its contract tests in
 * `test/storage/handoff.contract.ts`. All times are epoch milliseconds.
 */

export type AgentRole = 'agent' | 'operator' | 'admin';
export type PresenceStatus = 'online' | 'away' | 'offline';

export interface AgentRecord {
  id: string;
  /** Lowercased, unique. */
  email: string;
  name: string;
  role: AgentRole;
  passwordHash: string;
  /** Most chats at once. */
  capacity: number;
  disabled: boolean;
  createdAt: number;
}

/** What an admin may change on an account. */
export type AgentPatch = Partial<Pick<AgentRecord, 'role' | 'name' | 'capacity' | 'disabled'>>;

export type NewAgent = Pick<AgentRecord, 'id' | 'email' | 'name' | 'role' | 'passwordHash'> & { capacity?: number };

export interface SessionRecord {
  /** sha256 (hex) of the cookie token; the token itself is never stored. */
  id: string;
  agentId: string;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
  revoked: boolean;
}

export interface PresenceRecord {
  agentId: string;
  status: PresenceStatus;
  /** Open agent sockets over all nodes. */
  connections: number;
  /** Last heartbeat of any of the agent's sockets. */
  lastSeenAt: number;
  /** When the last socket closed; undefined while connected. */
  disconnectedAt?: number;
}

export interface AssignmentRecord {
  escalationId: string;
  conversationId: string;
  agentId: string;
  assignedAt: number;
  /** Agent id when this assignment came from a transfer. */
  transferredFrom?: string;
}

export interface NoteRecord {
  id: string;
  conversationId: string;
  agentId: string;
  text: string;
  createdAt: number;
}

export type ClaimResult =
  | { ok: true; assignment: AssignmentRecord }
  | { ok: false; code: 'ALREADY_CLAIMED' | 'NOT_IN_QUEUE' | 'AT_CAPACITY' };

/** Why an assignment ended: it decides the escalation's next status. */
export type AssignmentEnd =
  /** Back to the queue (agent dropped): escalation `queued` again, keeping its original queue time. */
  | 'requeued'
  /** Released to the bot: escalation `cancelled`. */
  | 'released'
  /** Closed with a resolution: escalation `closed`. */
  | 'closed';

/** Thrown by createAgent when the email is taken. */
export class AgentEmailTakenError extends Error {
  override name = 'AgentEmailTakenError';
  constructor(readonly email: string) {
    super(`an agent with email ${email} exists`);
  }
}

export interface HandoffStore {
  /** Stores an agent (email lowercased, capacity default 3). Throws AgentEmailTakenError. */
  createAgent(input: NewAgent): Promise<AgentRecord>;
  getAgent(id: string): Promise<AgentRecord | undefined>;
  /** Case-insensitive. */
  getAgentByEmail(email: string): Promise<AgentRecord | undefined>;
  /** Oldest first. */
  listAgents(): Promise<AgentRecord[]>;
  setPasswordHash(agentId: string, hash: string): Promise<void>;
  /**
   * Changes an account's role, name, capacity or disabled flag; fields left out stay. Returns the
   * updated record, or undefined for an unknown id.
   * @example await store.updateAgent(id, { disabled: true })
   */
  updateAgent(agentId: string, patch: AgentPatch): Promise<AgentRecord | undefined>;
  /** Deletes the account with its sessions and presence; chats, notes and messages keep its id. False when unknown. */
  deleteAgent(agentId: string): Promise<boolean>;
  /** Revokes every session of the agent; returns how many were live. */
  revokeAgentSessions(agentId: string): Promise<number>;

  createSession(input: Omit<SessionRecord, 'createdAt' | 'revoked'>): Promise<SessionRecord>;
  /** The session, revoked or expired ones included (the caller decides). */
  getSession(id: string): Promise<SessionRecord | undefined>;
  revokeSession(id: string): Promise<void>;

  /** Sets the agent's chosen status (creates the presence row). */
  setPresenceStatus(agentId: string, status: PresenceStatus): Promise<PresenceRecord>;
  /** A socket opened: connections + 1, no longer disconnected. */
  socketOpened(agentId: string): Promise<void>;
  /** A socket closed: connections − 1; at 0 the disconnect time is stored. */
  socketClosed(agentId: string): Promise<void>;
  /** Heartbeat for agents with a socket on this node. */
  touchAgents(agentIds: readonly string[]): Promise<void>;
  listPresence(): Promise<PresenceRecord[]>;

  /**
   * Atomically: the escalation goes queued → assigned and an assignment row is written, unless the
   * agent already has `capacity` chats. Of two simultaneous claims exactly one gets `ok: true`.
   */
  claim(escalationId: string, agentId: string, capacity: number): Promise<ClaimResult>;
  /**
   * Moves the active assignment of an assigned escalation from `fromAgentId` to `toAgentId`
   * (respecting `toCapacity`), in one transaction. NOT_IN_QUEUE when `fromAgentId` does not own it.
   */
  transfer(escalationId: string, fromAgentId: string, toAgentId: string, toCapacity: number): Promise<ClaimResult>;
  /**
   * Ends the active assignment and moves the escalation on (see AssignmentEnd). Returns the ended
   * assignment, or undefined when there was no active one (someone else ended it first).
   */
  endAssignment(escalationId: string, end: AssignmentEnd, resolution?: string): Promise<AssignmentRecord | undefined>;
  /** Active assignments, oldest first, optionally of one agent or one conversation. */
  activeAssignments(filter?: { agentId?: string; conversationId?: string }): Promise<AssignmentRecord[]>;
  /** When each agent last got a chat (for fair auto-assignment). */
  lastAssignedAt(): Promise<Record<string, number>>;
  /** Seconds from queueing to first pickup, for the latest `limit` pickups, most recent last. */
  recentPickupSeconds(limit?: number): Promise<number[]>;

  addNote(input: Omit<NoteRecord, 'createdAt'>): Promise<NoteRecord>;
  /** Oldest first. */
  listNotes(conversationId: string): Promise<NoteRecord[]>;

  /** Deletes everything this store holds about a conversation (admin erasure, retention). */
  eraseConversation(conversationId: string): Promise<void>;
}
