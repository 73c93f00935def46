/**
 * Turns the queue the server sends into rows the queue list renders: words for the reason, the
 * live wait, topic and confidence, what the bot collected, a preview. Pure, so it is unit-tested
 * without a browser; the DOM side (queue-view.ts) only copies these strings into text nodes.
 */
import { collectedItems, type CollectedItem } from './collected';
import { confidenceLevel, formatConfidence, formatWait, formatWaitLong, humanize, reasonLabel, truncate } from './format';

/** The fields of a queue entry the console shows (a structural subset of the protocol's entry). */
export interface QueueEntryLike {
  conversationId: string;
  reason: string;
  priority: 'normal' | 'urgent' | string;
  /** Epoch ms the customer has been waiting since (kept across a requeue). */
  waitingSince: number;
  topic?: { intent?: string; category?: string; confidence?: number } | null;
  collected?: unknown;
  preview?: string;
  customer?: { name?: string; email?: string; verified?: boolean } | null;
}

/** Pure: who the customer is, when the host site vouched for them: "Jane Doe (jane@shop.example) · verified"; '' when anonymous. */
export function customerText(customer: QueueEntryLike['customer']): string {
  if (!customer?.verified) return '';
  const who = customer.name && customer.email ? `${customer.name} (${customer.email})` : (customer.name ?? customer.email ?? 'Customer');
  return `${who} · verified`;
}

export interface QueueRow {
  conversationId: string;
  urgent: boolean;
  reason: string;
  reasonText: string;
  waitText: string;
  waitLong: string;
  /** "Refund status · refund", or "Unknown topic". */
  topicText: string;
  confidenceText: string;
  confidenceLevel: 'low' | 'mid' | 'high' | 'none';
  collected: CollectedItem[];
  preview: string;
  /** "Jane Doe (jane@shop.example) · verified", or '' for an anonymous customer. */
  customerText: string;
  /** Accessible one-line summary for the row's button. */
  label: string;
}

/** Service order: urgent first, then the longest waiting. Stable for ties. */
export function sortQueue<T extends QueueEntryLike>(entries: readonly T[]): T[] {
  const rank = (e: QueueEntryLike) => (e.priority === 'urgent' ? 0 : 1);
  return [...entries].sort((a, b) => rank(a) - rank(b) || a.waitingSince - b.waitingSince);
}

/** The topic line of an entry: intent in words, with its category when it adds something. */
export function topicText(topic: QueueEntryLike['topic']): string {
  if (!topic || (!topic.intent && !topic.category)) return 'Unknown topic';
  const intent = topic.intent ? humanize(topic.intent) : '';
  const category = topic.category ? humanize(topic.category) : '';
  if (!intent) return category.charAt(0).toUpperCase() + category.slice(1);
  const head = intent.charAt(0).toUpperCase() + intent.slice(1);
  return category && !intent.toLowerCase().includes(category.toLowerCase()) ? `${head} · ${category}` : head;
}

/** One row for one entry at time `now` (epoch ms). */
export function queueRow(entry: QueueEntryLike, now: number): QueueRow {
  const waited = now - entry.waitingSince;
  const urgent = entry.priority === 'urgent';
  const reasonText = reasonLabel(entry.reason);
  const topic = topicText(entry.topic);
  const conf = entry.topic?.confidence;
  const waitLong = formatWaitLong(waited);
  return {
    conversationId: entry.conversationId,
    urgent,
    reason: entry.reason,
    reasonText,
    waitText: formatWait(waited),
    waitLong,
    topicText: topic,
    confidenceText: formatConfidence(conf),
    confidenceLevel: confidenceLevel(conf),
    collected: collectedItems(entry.collected, 6),
    preview: truncate(entry.preview ?? '', 140),
    customerText: customerText(entry.customer),
    label: `${urgent ? 'Urgent. ' : ''}${reasonText}. ${topic}. ${entry.customer?.verified ? `${customerText(entry.customer)}. ` : ''}Waiting ${waitLong}.`,
  };
}

/** All rows in service order. */
export function queueRows(entries: readonly QueueEntryLike[], now: number): QueueRow[] {
  return sortQueue(entries).map((e) => queueRow(e, now));
}

/** Conversation ids that are in `next` but were not in `prev`: the new arrivals to alert about. */
export function newArrivals(prev: readonly QueueEntryLike[], next: readonly QueueEntryLike[]): string[] {
  const seen = new Set(prev.map((e) => e.conversationId));
  return next.filter((e) => !seen.has(e.conversationId)).map((e) => e.conversationId);
}

/**
 * Keyboard movement in the queue (`j` / `k`): the id after or before `current`, clamped at the
 * ends; the first entry when nothing is selected yet or the selection left the queue.
 */
export function moveSelection(ids: readonly string[], current: string | undefined, delta: 1 | -1): string | undefined {
  if (ids.length === 0) return undefined;
  const at = current === undefined ? -1 : ids.indexOf(current);
  if (at < 0) return delta > 0 ? ids[0] : ids[ids.length - 1];
  return ids[Math.min(ids.length - 1, Math.max(0, at + delta))];
}
