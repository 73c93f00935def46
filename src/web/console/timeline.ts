/**
 * The chat view's timeline: stored messages, internal notes and this agent's pending messages in
 * one list, by time. Customer messages carry what the bot understood; each bot turn shows the
 * intent it was answering (the customer message before it). Pure.
 */
import type { Note, Topic, TranscriptMessage } from '../../protocol/agent';
import { confidenceLevel, formatConfidence, humanize } from './format';

export interface Understood {
  intent: string;
  confidence: string;
  level: 'low' | 'mid' | 'high' | 'none';
}

export type TimelineItem =
  | { kind: 'message'; key: string; message: TranscriptMessage; who: string; understood?: Understood; answering?: Understood }
  | { kind: 'note'; key: string; note: Note; who: string }
  | { kind: 'pending'; key: string; id: string; text: string; createdAt: number; failed?: string };

function understood(topic: Topic | undefined): Understood | undefined {
  if (!topic || !topic.intent) return undefined;
  return { intent: humanize(topic.intent), confidence: formatConfidence(topic.confidence), level: confidenceLevel(topic.confidence) };
}

const SENDER: Record<string, string> = { customer: 'Customer', bot: 'Bot', system: 'System', agent: 'Agent' };

/** Builds the timeline. Notes sort by time among messages; pending messages come last. */
export function buildTimeline(
  messages: readonly TranscriptMessage[],
  notes: readonly Note[],
  pending: readonly { id: string; text: string; createdAt: number; failed?: string }[] = [],
): TimelineItem[] {
  const out: TimelineItem[] = [];
  let lastCustomer: Understood | undefined;
  const sorted = [...messages].sort((a, b) => a.seq - b.seq);
  const queue = [...notes].sort((a, b) => a.createdAt - b.createdAt);
  let n = 0;
  for (const m of sorted) {
    while (n < queue.length && (queue[n] as Note).createdAt < m.createdAt) {
      const note = queue[n++] as Note;
      out.push({ kind: 'note', key: `n:${note.id}`, note, who: `Note by ${note.agentName}` });
    }
    const item: TimelineItem = { kind: 'message', key: `m:${m.seq}`, message: m, who: m.from === 'agent' && m.agentName ? m.agentName : (SENDER[m.from] ?? m.from) };
    if (m.from === 'customer') {
      item.understood = understood(m.nlu);
      lastCustomer = item.understood;
    } else if (m.from === 'bot') {
      item.answering = lastCustomer;
    }
    out.push(item);
  }
  for (; n < queue.length; n++) {
    const note = queue[n] as Note;
    out.push({ kind: 'note', key: `n:${note.id}`, note, who: `Note by ${note.agentName}` });
  }
  for (const p of pending) out.push({ kind: 'pending', key: `p:${p.id}`, ...p });
  return out;
}
