/** Pure helper of "What was this about?" in the tools panel (unit-tested in Node, no DOM). */
import type { ChatState } from './store';

/** Pure: intents the bot saw in this chat (its topic, then customer messages), newest first, for one-click labelling. */
export function seenIntents(c: Pick<ChatState, 'topic' | 'messages'>, max = 4): string[] {
  const out: string[] = [];
  const add = (name: string | undefined) => {
    if (name && name !== 'out_of_scope' && !out.includes(name)) out.push(name);
  };
  add(c.topic?.intent);
  for (let i = c.messages.length - 1; i >= 0; i--) if (c.messages[i]!.from === 'customer') add(c.messages[i]!.nlu?.intent);
  return out.slice(0, max);
}
