import type { EscalationInfo, Note, TranscriptFrame, TranscriptMessage } from '../protocol/agent';
import type { AgentRecord, HandoffStore } from '../storage/handoff';
import type { MessageRecord, Storage } from '../storage/types';
import { collectedOf, customerOf, topicOf } from './escalation-summary';
import { fail, ok, type Outcome } from './outcome';

/** A stored message as agents see it: with the bot's understanding of customer turns. */
export function toTranscriptMessage(m: MessageRecord): TranscriptMessage {
  const out: TranscriptMessage = { seq: m.seq, id: m.id, from: m.from, text: m.text, createdAt: m.createdAt };
  const intent = m.meta?.nlu?.intent;
  if (intent?.name) out.nlu = { intent: intent.name, category: intent.category ?? '', confidence: intent.confidence ?? 0 };
  if (typeof m.meta?.agentName === 'string') out.agentName = m.meta.agentName;
  return out;
}

export interface TranscriptViewDeps {
  storage: Pick<Storage, 'getConversation' | 'messagesAfter' | 'listEscalations'>;
  store: Pick<HandoffStore, 'activeAssignments' | 'listNotes' | 'listAgents'>;
}

/** A conversation as an agent opens it: messages, notes, and why it was escalated. */
export function createTranscriptView(deps: TranscriptViewDeps) {
  const { storage, store } = deps;
  return async function transcript(agent: AgentRecord, conversationId: string): Promise<Outcome<Omit<TranscriptFrame, 'type'>>> {
    const conv = await storage.getConversation(conversationId);
    const [assignment] = await store.activeAssignments({ conversationId });
    const mine = assignment?.agentId === agent.id;
    // An agent learns nothing about chats that are not theirs, not even whether they exist.
    if (!mine && agent.role === 'agent') return fail('FORBIDDEN');
    if (!conv) return fail('NOT_FOUND');
    const [messages, notes, escalations, agents] = await Promise.all([
      storage.messagesAfter(conversationId, 0, 5000),
      store.listNotes(conversationId),
      storage.listEscalations({ conversationId }),
      store.listAgents(),
    ]);
    const names = new Map(agents.map((a) => [a.id, a.name]));
    const body: Omit<TranscriptFrame, 'type'> = {
      conversationId,
      messages: messages.map(toTranscriptMessage),
      notes: notes.map((n): Note => ({ ...n, agentName: names.get(n.agentId) ?? '' })),
      state: conv.state,
      readOnly: !mine,
    };
    const last = escalations[escalations.length - 1];
    if (last) {
      const info: EscalationInfo = {
        reason: last.reason,
        priority: last.priority,
        status: last.status,
        waitingSince: last.createdAt,
        collected: collectedOf(last.summary),
      };
      const topic = topicOf(last.summary);
      if (topic) info.topic = topic;
      const customer = customerOf(last.summary);
      if (customer) info.customer = customer;
      if (assignment) info.agentId = assignment.agentId;
      body.escalation = info;
    }
    return ok(body);
  };
}
