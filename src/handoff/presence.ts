/** Whether an agent takes chats: only `online` agents are offered or assigned new ones. */
export type AgentStatus = 'online' | 'away' | 'offline';

/** What the hand-off needs to know about one agent right now. Times are epoch milliseconds. */
export interface AgentPresence {
  agentId: string;
  /** Shown to the customer when the agent joins. */
  name: string;
  status: AgentStatus;
  /** Most chats this agent handles at once. */
  capacity: number;
  /** Chats this agent owns now; may exceed `capacity` after the capacity was lowered. */
  activeChats: number;
  /** Last sign of life from the agent's console (heartbeat or frame). */
  lastSeenAt: number;
  /**
   * When the agent was last given a chat; undefined when never. Used as "idle since" to spread
   * work fairly: `lastSeenAt` is a heartbeat and says nothing about how long an agent has been idle.
   */
  lastAssignedAt?: number;
}

/** Free chat slots of one agent: 0 unless online, never negative. */
export function agentFreeSlots(agent: Pick<AgentPresence, 'status' | 'capacity' | 'activeChats'>): number {
  if (agent.status !== 'online') return 0;
  return Math.max(0, Math.floor(agent.capacity) - agent.activeChats);
}

/** Total free chat slots across online agents (for the wait estimate and auto-assignment). */
export function freeSlots(agents: ReadonlyArray<Pick<AgentPresence, 'status' | 'capacity' | 'activeChats'>>): number {
  return agents.reduce((sum, agent) => sum + agentFreeSlots(agent), 0);
}

/**
 * The agent auto-assignment should give the next chat to: among online agents with a free slot,
 * the one with the fewest active chats, then the one idle longest (earliest `lastAssignedAt`,
 * never-assigned first), then the smallest `agentId` so the choice is deterministic.
 * Undefined when nobody online has room.
 */
export function pickLeastBusy(agents: readonly AgentPresence[]): AgentPresence | undefined {
  let best: AgentPresence | undefined;
  for (const agent of agents) {
    if (agentFreeSlots(agent) <= 0) continue;
    if (best === undefined || compareBusy(agent, best) < 0) best = agent;
  }
  return best;
}

function compareBusy(a: AgentPresence, b: AgentPresence): number {
  if (a.activeChats !== b.activeChats) return a.activeChats - b.activeChats;
  const idleA = a.lastAssignedAt ?? Number.NEGATIVE_INFINITY;
  const idleB = b.lastAssignedAt ?? Number.NEGATIVE_INFINITY;
  if (idleA !== idleB) return idleA < idleB ? -1 : 1;
  return a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0;
}
