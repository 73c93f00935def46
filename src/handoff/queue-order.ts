import type { EscalationReason } from '../storage/types';

/** One escalated conversation waiting for an agent. Times are epoch milliseconds. */
export interface QueueEntry {
  conversationId: string;
  escalationId: string;
  /** Urgent security escalations (stolen card, account takeover) go to the front. */
  priority: 'normal' | 'urgent';
  /** Why the bot handed over; shown to agents next to the entry. */
  reason: EscalationReason;
  /** When the entry (re)entered the queue. */
  enqueuedAt: number;
  /**
   * The original `enqueuedAt` when a chat comes back to the queue (its agent dropped, or released
   * it to the queue), so it keeps the place it had instead of going to the back.
   */
  requeuedFrom?: number;
}

/** The time an entry queues by: its original arrival, so a requeued chat keeps its place. */
export function queuedSince(entry: QueueEntry): number {
  return entry.requeuedFrom ?? entry.enqueuedAt;
}

const rank = (entry: QueueEntry): number => (entry.priority === 'urgent' ? 0 : 1);

/**
 * The queue in service order: urgent entries first, then the longest-waiting first (by
 * {@link queuedSince}). Entries that tie keep their input order (the sort is stable), so callers
 * that pass storage order (oldest first) get a deterministic result. Returns a new array.
 * @example orderQueue([normalAt10, urgentAt20, normalAt5]) // [urgentAt20, normalAt5, normalAt10]
 */
export function orderQueue(entries: readonly QueueEntry[]): QueueEntry[] {
  return [...entries].sort((a, b) => rank(a) - rank(b) || queuedSince(a) - queuedSince(b));
}

/**
 * 1-based place of `conversationId` in the ordered queue ("You're number 2 in line"), or
 * undefined when the conversation is not queued.
 */
export function queuePosition(entries: readonly QueueEntry[], conversationId: string): number | undefined {
  const index = orderQueue(entries).findIndex((e) => e.conversationId === conversationId);
  return index < 0 ? undefined : index + 1;
}
