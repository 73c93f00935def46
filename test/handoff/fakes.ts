import type { Bus, BusEvent } from '../../src/bus/types';
import type { Timers } from '../../src/handoff/scheduler';
import type { AgentRecord, AssignmentRecord, ClaimResult, HandoffStore, NoteRecord, PresenceRecord } from '../../src/storage/handoff';
import type { EscalationRecord } from '../../src/storage/types';

/**
 * In-memory fakes of the narrow dependencies the hand-off parts take, for unit tests without a
 * database. They keep the rules the parts rely on (the claim is a compare-and-set, capacity is
 * respected), nothing more.
 */

/** A simulated clock driving the scheduler's timers: `advance` runs what falls due, in time order. */
export function simulatedTimers(start = 0) {
  let now = start;
  let nextId = 1;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    setTimeout(fn, ms) {
      const id = nextId++;
      pending.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
  };
  /** Lets promise callbacks (and the async work they start) run. */
  const settle = async () => {
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  };
  return {
    timers,
    now: () => now,
    pendingCount: () => pending.size,
    async advance(ms: number): Promise<void> {
      const until = now + ms;
      for (;;) {
        const due = [...pending.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!due) break;
        pending.delete(due[0]);
        now = due[1].at;
        due[1].fn();
        await settle();
      }
      now = until;
      await settle();
    },
  };
}

/** A bus that records what was published and delivers it to this process's subscribers. */
export function recordingBus(): Bus & { published: Array<[string, BusEvent]> } {
  const subs = new Map<string, Set<(e: BusEvent) => void>>();
  const published: Array<[string, BusEvent]> = [];
  return {
    published,
    async publish(channel, event) {
      published.push([channel, event]);
      for (const h of [...(subs.get(channel) ?? [])]) h(event);
    },
    async subscribe(channel, handler) {
      const set = subs.get(channel) ?? new Set();
      subs.set(channel, set);
      const h = handler as (e: BusEvent) => void; // a transport: publish() checked the event's type
      set.add(h);
      return async () => void set.delete(h);
    },
    async close() {},
  };
}

export function agent(id: string, overrides: Partial<AgentRecord> = {}): AgentRecord {
  return { id, email: `${id}@desk.example`, name: id.toUpperCase(), role: 'agent', passwordHash: 'x', capacity: 2, disabled: false, createdAt: 0, ...overrides };
}

/** Agents, presence and assignments in memory, with the claim as a compare-and-set. */
export function memoryHandoffStore(clock: () => number, escalations: Map<string, EscalationRecord> = new Map()) {
  const agents: AgentRecord[] = [];
  const presence = new Map<string, PresenceRecord>();
  const assignments: AssignmentRecord[] = [];
  const notes: NoteRecord[] = [];
  const touched: string[][] = [];
  const activeOf = (agentId: string) => assignments.filter((a) => a.agentId === agentId).length;
  const row = (agentId: string): PresenceRecord => presence.get(agentId) ?? { agentId, status: 'offline', connections: 0, lastSeenAt: 0 };

  const store = {
    async listAgents() {
      return [...agents];
    },
    async listPresence() {
      return [...presence.values()].map((p) => ({ ...p }));
    },
    async activeAssignments(filter: { agentId?: string; conversationId?: string } = {}) {
      return assignments.filter((a) => (!filter.agentId || a.agentId === filter.agentId) && (!filter.conversationId || a.conversationId === filter.conversationId));
    },
    async lastAssignedAt() {
      const out: Record<string, number> = {};
      for (const a of assignments) out[a.agentId] = Math.max(out[a.agentId] ?? 0, a.assignedAt);
      return out;
    },
    async recentPickupSeconds() {
      return [];
    },
    async setPresenceStatus(agentId: string, status: PresenceRecord['status']) {
      const p = { ...row(agentId), status };
      presence.set(agentId, p);
      return p;
    },
    async socketOpened(agentId: string) {
      const p = row(agentId);
      presence.set(agentId, { agentId, status: p.status, connections: p.connections + 1, lastSeenAt: clock() });
    },
    async socketClosed(agentId: string) {
      const p = row(agentId);
      const connections = Math.max(0, p.connections - 1);
      presence.set(agentId, { ...p, connections, ...(connections === 0 ? { disconnectedAt: clock() } : {}) });
    },
    async touchAgents(ids: readonly string[]) {
      touched.push([...ids]);
      for (const id of ids) presence.set(id, { ...row(id), lastSeenAt: clock() });
    },
    async claim(escalationId: string, agentId: string, capacity: number): Promise<ClaimResult> {
      const esc = escalations.get(escalationId);
      if (!esc || esc.status !== 'queued') return { ok: false, code: esc?.status === 'assigned' ? 'ALREADY_CLAIMED' : 'NOT_IN_QUEUE' };
      if (activeOf(agentId) >= capacity) return { ok: false, code: 'AT_CAPACITY' };
      esc.status = 'assigned';
      const assignment = { escalationId, conversationId: esc.conversationId, agentId, assignedAt: clock() };
      assignments.push(assignment);
      return { ok: true, assignment };
    },
    async transfer(escalationId: string, fromAgentId: string, toAgentId: string, toCapacity: number): Promise<ClaimResult> {
      const i = assignments.findIndex((a) => a.escalationId === escalationId && a.agentId === fromAgentId);
      if (i < 0) return { ok: false, code: 'NOT_IN_QUEUE' };
      if (activeOf(toAgentId) >= toCapacity) return { ok: false, code: 'AT_CAPACITY' };
      const assignment = { ...assignments[i]!, agentId: toAgentId, assignedAt: clock(), transferredFrom: fromAgentId };
      assignments[i] = assignment;
      return { ok: true, assignment };
    },
    async endAssignment(escalationId: string, end: 'requeued' | 'released' | 'closed') {
      const i = assignments.findIndex((a) => a.escalationId === escalationId);
      if (i < 0) return undefined;
      const [ended] = assignments.splice(i, 1);
      const esc = escalations.get(escalationId);
      if (esc) esc.status = end === 'requeued' ? 'queued' : end === 'released' ? 'cancelled' : 'closed';
      return ended;
    },
    async addNote(input: Omit<NoteRecord, 'createdAt'>) {
      const note = { ...input, createdAt: clock() };
      notes.push(note);
      return note;
    },
    async listNotes(conversationId: string) {
      return notes.filter((n) => n.conversationId === conversationId);
    },
  } satisfies Partial<HandoffStore>;

  return {
    store,
    agents,
    presence,
    assignments,
    touched,
    /** An agent whose console is connected now, with the given status. */
    addAgent(a: AgentRecord, status: PresenceRecord['status'] = 'online', connections = 1) {
      agents.push(a);
      presence.set(a.id, { agentId: a.id, status, connections, lastSeenAt: clock() });
      return a;
    },
  };
}

export function escalation(id: string, conversationId: string, overrides: Partial<EscalationRecord> = {}): EscalationRecord {
  return { id, conversationId, reason: 'asked_for_human', priority: 'normal', status: 'queued', summary: {}, createdAt: 0, ...overrides };
}
