import type { AgentSummary } from '../protocol/agent';
import type { AgentRecord, HandoffStore, PresenceStatus } from '../storage/handoff';
import { isConnected } from './availability';
import type { AgentPresence } from './presence';

export interface PresenceTrackerDeps {
  store: Pick<
    HandoffStore,
    'listAgents' | 'listPresence' | 'activeAssignments' | 'lastAssignedAt' | 'setPresenceStatus' | 'socketOpened' | 'socketClosed' | 'touchAgents'
  >;
  /** Epoch ms. */
  clock: () => number;
  /** A socket not heard of for this long counts as gone (its node died). */
  staleMs: number;
  /** Tells every node the queue or the agents changed. */
  changed: () => Promise<void>;
}

/**
 * Who is on duty: each agent's status, load and connection, from stored times only (any node
 * reads the same), plus this node's socket count per agent for the heartbeat.
 */
export function createPresenceTracker(deps: PresenceTrackerDeps) {
  const { store, clock, staleMs, changed } = deps;
  /** Sockets on this node per agent, for the heartbeat only (never a source of truth). */
  const localSockets = new Map<string, number>();

  /** Enabled agents with their effective status (offline unless a live socket) and load. */
  async function view(): Promise<{ agents: AgentRecord[]; presence: AgentPresence[] }> {
    const now = clock();
    const [agents, presence, active, lastAssigned] = await Promise.all([
      store.listAgents(),
      store.listPresence(),
      store.activeAssignments(),
      store.lastAssignedAt(),
    ]);
    const byId = new Map(presence.map((p) => [p.agentId, p]));
    const load = new Map<string, number>();
    for (const a of active) load.set(a.agentId, (load.get(a.agentId) ?? 0) + 1);
    const out = agents
      .filter((a) => !a.disabled)
      .map((a): AgentPresence => {
        const p = byId.get(a.id);
        const status: PresenceStatus = isConnected(p, now, staleMs) ? p!.status : 'offline';
        const item: AgentPresence = { agentId: a.id, name: a.name, status, capacity: a.capacity, activeChats: load.get(a.id) ?? 0, lastSeenAt: p?.lastSeenAt ?? 0 };
        if (lastAssigned[a.id] !== undefined) item.lastAssignedAt = lastAssigned[a.id];
        return item;
      });
    return { agents, presence: out };
  }

  return {
    view,
    /** The agent list of the console. */
    async agents(): Promise<AgentSummary[]> {
      return summaries((await view()).presence);
    },
    async setStatus(agentId: string, status: PresenceStatus): Promise<void> {
      await store.setPresenceStatus(agentId, status);
      await changed();
    },
    async socketOpened(agentId: string): Promise<void> {
      localSockets.set(agentId, (localSockets.get(agentId) ?? 0) + 1);
      await store.socketOpened(agentId);
      await changed();
    },
    async socketClosed(agentId: string): Promise<void> {
      const left = (localSockets.get(agentId) ?? 1) - 1;
      if (left <= 0) localSockets.delete(agentId);
      else localSockets.set(agentId, left);
      await store.socketClosed(agentId);
      await changed();
    },
    /** Marks agents with a socket on this node as alive (run by the periodic sweep). */
    async heartbeat(): Promise<void> {
      if (localSockets.size > 0) await store.touchAgents([...localSockets.keys()]);
    },
  };
}

/** Presence as the console's agent list shows it. */
export function summaries(presence: readonly AgentPresence[]): AgentSummary[] {
  return presence.map((p) => ({ id: p.agentId, name: p.name, status: p.status, activeChats: p.activeChats, capacity: p.capacity }));
}

export type PresenceTracker = ReturnType<typeof createPresenceTracker>;
