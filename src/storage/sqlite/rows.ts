import type { ConversationState, Sender } from '../../protocol/customer';
import type { ConversationRecord, EscalationRecord, EscalationStatus, MessageRecord, QueuedEscalation } from '../types';

/** Rows of the core tables as better-sqlite3 returns them, and their records (storage/types.ts). */

export interface ConversationRow {
  id: string;
  state: string;
  snapshot: string;
  context: string;
  last_seq: number;
  version: number;
  created_at: number;
  updated_at: number;
}

export interface MessageRow {
  conversation_id: string;
  seq: number;
  id: string;
  sender: string;
  text: string;
  quick_replies: string | null;
  article: string | null;
  reply_to: string | null;
  meta: string | null;
  created_at: number;
}

export interface EscalationRow {
  id: string;
  conversation_id: string;
  reason: string;
  priority: string;
  status: string;
  summary: string;
  created_at: number;
}

export function toConversation(r: ConversationRow): ConversationRecord {
  return {
    id: r.id,
    state: r.state as ConversationState,
    snapshot: JSON.parse(r.snapshot),
    context: JSON.parse(r.context),
    lastSeq: r.last_seq,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function toMessage(r: MessageRow): MessageRecord {
  const m: MessageRecord = {
    conversationId: r.conversation_id,
    seq: r.seq,
    id: r.id,
    from: r.sender as Sender,
    text: r.text,
    createdAt: r.created_at,
  };
  if (r.quick_replies !== null) m.quickReplies = JSON.parse(r.quick_replies);
  if (r.article !== null) m.article = JSON.parse(r.article);
  if (r.reply_to !== null) m.replyTo = r.reply_to;
  if (r.meta !== null) m.meta = JSON.parse(r.meta);
  return m;
}

export function toEscalation(r: EscalationRow): EscalationRecord {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    reason: r.reason as EscalationRecord['reason'],
    priority: r.priority as EscalationRecord['priority'],
    status: r.status as EscalationStatus,
    summary: JSON.parse(r.summary),
    createdAt: r.created_at,
  };
}

/** An escalation row of the queue query, with its conversation's state and `[seq, text]` pairs. */
export interface QueueRow extends EscalationRow {
  conversation_state: string;
  recent: string;
}

export function toQueued(r: QueueRow): QueuedEscalation {
  const recent = JSON.parse(r.recent) as Array<[number, string]>;
  return {
    ...toEscalation(r),
    conversationState: r.conversation_state as ConversationState,
    recentCustomerTexts: recent.sort((a, b) => a[0] - b[0]).map(([, text]) => text),
  };
}

/** undefined stays NULL so optional fields come back omitted, not as `null`. */
export function jsonOrNull(v: unknown): string | null {
  return v === undefined ? null : JSON.stringify(v);
}
