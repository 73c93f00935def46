import type { Logger } from 'pino';
import type { Bus } from '../bus/types';
import type { HandoffStore } from '../storage/handoff';
import type { Storage } from '../storage/types';
import { handoffChannels } from './channels';
import type { HandoffConversations } from './ports';
import type { PresenceTracker } from './presence-tracker';
import { dueForRequeue } from './requeue';

export interface RequeueSweepDeps {
  storage: Pick<Storage, 'getConversation'>;
  store: Pick<HandoffStore, 'listPresence' | 'activeAssignments' | 'endAssignment'>;
  bus: Pick<Bus, 'publish'>;
  conversations: Pick<HandoffConversations, 'agentLeft'>;
  presence: Pick<PresenceTracker, 'heartbeat'>;
  /** Epoch ms. */
  clock: () => number;
  /** How long a dropped agent keeps their chats. */
  graceMs: number;
  /** A socket not heard of for this long counts as gone (its node died). */
  staleMs: number;
  changed: () => Promise<void>;
  logger?: Logger;
}

/**
 * The periodic sweep: keeps this node's agents alive, frees slots of chats the customer ended,
 * and puts chats of agents gone longer than the grace period back in the queue, keeping their
 * place. Judged from stored times only, so any node's sweep (or one after a restart) does it.
 * Returns the requeued conversation ids.
 */
export function createRequeueSweep(deps: RequeueSweepDeps) {
  const { storage, store, bus, conversations, presence, clock, graceMs, staleMs, changed, logger } = deps;
  return async function sweep(): Promise<string[]> {
    const now = clock();
    await presence.heartbeat();
    const [stored, all] = await Promise.all([store.listPresence(), store.activeAssignments()]);
    // A customer who ended the chat frees the agent's slot.
    const active: typeof all = [];
    for (const a of all) {
      const conv = await storage.getConversation(a.conversationId);
      if (conv && conv.state !== 'closed') active.push(a);
      else if (await store.endAssignment(a.escalationId, 'closed', 'ended by customer')) {
        await bus.publish(handoffChannels.agent(a.agentId), { type: 'closed', conversationId: a.conversationId });
      }
    }
    if (active.length === 0) return [];
    const byAgent = new Map(stored.map((p) => [p.agentId, p]));
    const goneSince = (agentId: string, assignedAt: number): number | undefined => {
      const p = byAgent.get(agentId);
      if (!p) return assignedAt;
      if (p.connections === 0) return p.disconnectedAt ?? p.lastSeenAt;
      return now - p.lastSeenAt > staleMs ? p.lastSeenAt : undefined;
    };
    const due = dueForRequeue({
      assignments: active.map((a) => ({ conversationId: a.conversationId, agentId: a.agentId, agentDisconnectedAt: goneSince(a.agentId, a.assignedAt) })),
      now,
      graceMs,
    });
    const requeued: string[] = [];
    for (const conversationId of due) {
      const a = active.find((x) => x.conversationId === conversationId)!;
      const ended = await store.endAssignment(a.escalationId, 'requeued');
      if (!ended) continue; // another node's sweep got there first
      requeued.push(conversationId);
      await conversations.agentLeft?.(conversationId);
      await bus.publish(handoffChannels.agent(ended.agentId), { type: 'released', conversationId });
      logger?.info({ conversationId, agentId: ended.agentId }, 'chat requeued: agent gone past the grace period');
    }
    if (requeued.length > 0) await changed();
    return requeued;
  };
}
