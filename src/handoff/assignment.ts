import type { Logger } from 'pino';
import type { Bus } from '../bus/types';
import type { AgentQueueEntry } from '../protocol/agent';
import type { AgentRecord, AssignmentRecord, HandoffStore } from '../storage/handoff';
import type { EscalationRecord, Storage } from '../storage/types';
import { handoffChannels } from './channels';
import { decideClaim } from './claim';
import { fail, ok, type Outcome } from './outcome';
import type { HandoffConversations } from './ports';
import { pickLeastBusy } from './presence';
import type { PresenceTracker } from './presence-tracker';

export interface AssignmentDeps {
  storage: Pick<Storage, 'getConversation'>;
  store: Pick<HandoffStore, 'claim' | 'transfer' | 'endAssignment' | 'activeAssignments'>;
  bus: Pick<Bus, 'publish'>;
  conversations: Pick<HandoffConversations, 'agentJoined' | 'releaseToBot' | 'end'>;
  presence: Pick<PresenceTracker, 'view'>;
  queue: {
    snapshot(): Promise<AgentQueueEntry[]>;
    openEscalation(conversationId: string): Promise<EscalationRecord | undefined>;
  };
  /** Tells every node the queue changed. */
  changed: () => Promise<void>;
  logger?: Logger;
}

/**
 * Who owns which chat: claim, transfer, release to the bot, close, and auto-assignment. The
 * claim itself is storage's compare-and-set, so two agents (on any nodes) never both win.
 */
export function createAssignment(deps: AssignmentDeps) {
  const { storage, store, bus, conversations, presence, queue, changed, logger } = deps;

  async function announceAssigned(agentId: string, conversationId: string, transferredFrom?: string) {
    await bus.publish(handoffChannels.agent(agentId), { type: 'assigned', conversationId, ...(transferredFrom ? { transferredFrom } : {}) });
  }

  /** Claim a queued chat; of two agents at once, one gets ALREADY_CLAIMED. */
  async function claim(agent: AgentRecord, conversationId: string): Promise<Outcome<{ conversationId: string }>> {
    const esc = await queue.openEscalation(conversationId);
    if (!esc) return fail('NOT_IN_QUEUE');
    const view = await presence.view();
    const me = view.presence.find((p) => p.agentId === agent.id);
    const decision = decideClaim({
      entry: esc,
      agent: { status: me?.status ?? 'offline' },
      agentActiveChats: me?.activeChats ?? 0,
      capacity: agent.capacity,
    });
    if (!decision.ok) return fail(decision.code);
    const result = await store.claim(esc.id, agent.id, agent.capacity);
    if (!result.ok) return fail(result.code);
    logger?.info({ conversationId, agentId: agent.id }, 'chat claimed');
    await conversations.agentJoined(conversationId, agent.name);
    await announceAssigned(agent.id, conversationId);
    await changed();
    return ok({ conversationId });
  }

  /** The active assignment of a conversation, when `agent` may act on it (operators and admins too, with `allowStaff`). */
  async function owned(agent: AgentRecord, conversationId: string, allowStaff = false): Promise<Outcome<AssignmentRecord>> {
    const [assignment] = await store.activeAssignments({ conversationId });
    if (!assignment) {
      // An agent learns nothing about chats that are not theirs, not even whether they exist.
      if (agent.role === 'agent') return fail('FORBIDDEN');
      const conv = await storage.getConversation(conversationId);
      return conv ? fail('NOT_ASSIGNED') : fail('NOT_FOUND');
    }
    if (assignment.agentId === agent.id) return ok(assignment);
    if (allowStaff && agent.role !== 'agent') return ok(assignment);
    return fail('FORBIDDEN');
  }

  async function endAs(agent: AgentRecord, conversationId: string, end: 'released' | 'closed', resolution?: string): Promise<Outcome> {
    const mine = await owned(agent, conversationId, true);
    if (!mine.ok) return mine;
    const ended = await store.endAssignment(mine.value.escalationId, end, resolution);
    if (!ended) return fail('NOT_ASSIGNED');
    if (end === 'released') await conversations.releaseToBot(conversationId);
    else await conversations.end(conversationId);
    await bus.publish(handoffChannels.agent(ended.agentId), { type: end, conversationId });
    await changed();
    logger?.info({ conversationId, agentId: agent.id, end }, 'chat ended by agent');
    return ok(undefined);
  }

  /** Give an owned chat to another online agent with room. */
  async function transfer(agent: AgentRecord, conversationId: string, toAgentId: string): Promise<Outcome> {
    const mine = await owned(agent, conversationId);
    if (!mine.ok) return mine;
    const view = await presence.view();
    const target = view.agents.find((a) => a.id === toAgentId && !a.disabled);
    if (!target) return fail('NOT_FOUND');
    if (view.presence.find((p) => p.agentId === toAgentId)?.status !== 'online') return fail('NOT_ONLINE');
    const result = await store.transfer(mine.value.escalationId, agent.id, toAgentId, target.capacity);
    if (!result.ok) return fail(result.code === 'NOT_IN_QUEUE' ? 'NOT_ASSIGNED' : result.code);
    await conversations.agentJoined(conversationId, target.name);
    await bus.publish(handoffChannels.agent(agent.id), { type: 'released', conversationId });
    await announceAssigned(toAgentId, conversationId, agent.id);
    await changed();
    return ok(undefined);
  }

  /**
   * Gives queued chats, front first, to the least busy online agent with room, until the queue
   * is empty or nobody has room.
   */
  async function autoAssign(): Promise<void> {
    for (let guard = 0; guard < 100; guard++) {
      const entries = await queue.snapshot();
      if (entries.length === 0) return;
      const { agents, presence: view } = await presence.view();
      const pick = pickLeastBusy(view);
      if (!pick) return;
      const agent = agents.find((a) => a.id === pick.agentId)!;
      const result = await claim(agent, entries[0]!.conversationId);
      if (!result.ok && result.code !== 'ALREADY_CLAIMED') return;
    }
  }

  return {
    claim,
    owned,
    transfer,
    autoAssign,
    /** Release the chat to the bot (owner, or operator/admin). */
    release: (agent: AgentRecord, conversationId: string) => endAs(agent, conversationId, 'released'),
    /** Close the chat with a resolution (owner, or operator/admin). */
    close: (agent: AgentRecord, conversationId: string, resolution: string) => endAs(agent, conversationId, 'closed', resolution),
    /** Conversations the agent owns now, oldest assignment first. */
    async ownedChats(agentId: string): Promise<string[]> {
      return (await store.activeAssignments({ agentId })).map((a) => a.conversationId);
    },
  };
}

export type Assignment = ReturnType<typeof createAssignment>;
