/** How a chat is named in My chats and the chat header. Pure. */
import { reasonLabel } from './format';
import { topicText } from './queue-model';
import type { ChatState } from './store';

/**
 * Pure: the title of a chat in lists and headers: the most recent support topic the customer
 * raised ("Refund missing"), not the "talk to a person" request, small talk ("Thanks") or an
 * off-topic line; else the escalation reason.
 */
const NOT_A_TOPIC = new Set(['human', 'smalltalk', 'out_of_scope']);

export function chatTitle(c: Pick<ChatState, 'topic' | 'reason' | 'conversationId'> & { messages?: ChatState['messages'] }): string {
  const isTopic = (t: ChatState['topic']) => !!t && !NOT_A_TOPIC.has(t.category) && topicText(t) !== 'Unknown topic';
  const fromMessages = [...(c.messages ?? [])].reverse().find((m) => m.from === 'customer' && isTopic(m.nlu) && (m.nlu?.confidence ?? 0) >= 0.5)?.nlu;
  const topic = isTopic(c.topic) ? c.topic : fromMessages;
  if (topic) return topicText(topic);
  return c.reason ? reasonLabel(c.reason) : `Chat ${c.conversationId.slice(0, 8)}`;
}
