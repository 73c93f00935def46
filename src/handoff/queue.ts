import type { AgentQueueEntry } from '../protocol/agent';
import type { StatusFrame } from '../protocol/customer';
import type { HandoffStore } from '../storage/handoff';
import { QUEUE_PREVIEW, type EscalationRecord, type Storage } from '../storage/types';
import { collectedOf, customerOf, topicOf } from './escalation-summary';
import type { HandoffConversations } from './ports';
import type { AgentPresence } from './presence';
import { orderQueue } from './queue-order';
import { estimateWaitSeconds } from './wait-estimate';

const PREVIEW_CHARS = 200;

export interface HandoffQueueDeps {
  storage: Pick<Storage, 'listQueue' | 'updateEscalationStatus' | 'listEscalations' | 'getConversation' | 'messagesAfter'>;
  store: Pick<HandoffStore, 'recentPickupSeconds'>;
  conversations: Pick<HandoffConversations, 'publishStatus'>;
}

/** The customer's latest lines, as one short line for the queue. */
export function previewOf(texts: readonly string[]): string {
  const text = texts.join(' / ');
  return text.length > PREVIEW_CHARS ? text.slice(0, PREVIEW_CHARS - 1) + '…' : text;
}

function entryOf(e: EscalationRecord, preview: string): AgentQueueEntry {
  const entry: AgentQueueEntry = {
    conversationId: e.conversationId,
    reason: e.reason,
    priority: e.priority,
    waitingSince: e.createdAt,
    collected: collectedOf(e.summary),
    preview,
  };
  const topic = topicOf(e.summary);
  if (topic) entry.topic = topic;
  const customer = customerOf(e.summary);
  if (customer) entry.customer = customer;
  return entry;
}

/**
 * The queue of escalated chats as agents and waiting customers see it. Reads storage only, so
 * every node shows the same queue.
 */
export function createHandoffQueue(deps: HandoffQueueDeps) {
  const { storage, store, conversations } = deps;

  /** The queue in service order, read in one query. Entries of chats the customer ended meanwhile are cancelled. */
  async function snapshot(): Promise<AgentQueueEntry[]> {
    const queued = await storage.listQueue();
    const live = [];
    for (const q of queued) {
      if (q.conversationState === 'closed') await storage.updateEscalationStatus(q.id, 'cancelled', { from: ['queued'] });
      else live.push(q);
    }
    const byId = new Map(live.map((q) => [q.id, q]));
    const order = orderQueue(live.map((q) => ({ conversationId: q.conversationId, escalationId: q.id, priority: q.priority, reason: q.reason, enqueuedAt: q.createdAt })));
    return order.map((o) => {
      const q = byId.get(o.escalationId)!;
      return entryOf(q, previewOf(q.recentCustomerTexts));
    });
  }

  /** The conversation's queued or assigned escalation, if any. */
  async function openEscalation(conversationId: string): Promise<EscalationRecord | undefined> {
    const all = await storage.listEscalations({ conversationId });
    return all.find((e) => e.status === 'queued' || e.status === 'assigned');
  }

  /** Queue entry details of one open escalation (for the `assigned` frame). */
  async function details(conversationId: string): Promise<AgentQueueEntry | undefined> {
    const [esc, conv] = await Promise.all([openEscalation(conversationId), storage.getConversation(conversationId)]);
    if (!esc || !conv) return undefined;
    const recent = await storage.messagesAfter(conversationId, Math.max(0, conv.lastSeq - QUEUE_PREVIEW.window));
    const texts = recent.filter((m) => m.from === 'customer').slice(-QUEUE_PREVIEW.texts).map((m) => m.text);
    return entryOf(esc, previewOf(texts));
  }

  /** Tells every queued customer their place and the estimated wait. */
  async function announceWaits(entries: readonly AgentQueueEntry[], presence: readonly AgentPresence[]): Promise<void> {
    if (entries.length === 0) return;
    const recent = await store.recentPickupSeconds(20);
    for (const [i, entry] of entries.entries()) {
      const status: Omit<StatusFrame, 'type'> = { state: 'queued', queuePosition: i + 1 };
      const wait = estimateWaitSeconds({ position: i + 1, onlineAgents: presence, recentPickupSeconds: recent });
      if (wait !== undefined) status.estimatedWaitSeconds = wait;
      await conversations.publishStatus(entry.conversationId, status);
    }
  }

  return { snapshot, openEscalation, details, announceWaits };
}

export type HandoffQueue = ReturnType<typeof createHandoffQueue>;
