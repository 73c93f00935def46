import { randomUUID } from 'node:crypto';
import type { Bus } from '../bus/types';
import type { Note } from '../protocol/agent';
import type { AgentRecord, HandoffStore } from '../storage/handoff';
import type { MessageRecord, Storage } from '../storage/types';
import { handoffChannels } from './channels';
import { fail, ok, type Outcome } from './outcome';
import type { HandoffConversations } from './ports';
import type { Assignment } from './assignment';

export interface ChatActionsDeps {
  storage: Pick<Storage, 'findMessage'>;
  store: Pick<HandoffStore, 'addNote'>;
  bus: Pick<Bus, 'publish'>;
  conversations: Pick<HandoffConversations, 'postAgentMessage' | 'typing'>;
  assignment: Pick<Assignment, 'owned'>;
}

/** What the owning agent does inside a chat: write to the customer, add notes, type. */
export function createChatActions(deps: ChatActionsDeps) {
  const { storage, store, bus, conversations, assignment } = deps;
  return {
    /**
     * A message to the customer from the owning agent; a repeated `id` is stored once. An id is the
     * sender's own: one already used by the customer, the bot or another agent is `ID_TAKEN`, never
     * answered with that message while this text is dropped.
     */
    async sendMessage(agent: AgentRecord, conversationId: string, input: { id?: string; text: string }): Promise<Outcome<MessageRecord>> {
      const mine = await assignment.owned(agent, conversationId);
      if (!mine.ok) return mine;
      if (input.id) {
        const existing = await storage.findMessage(conversationId, input.id);
        if (existing) return existing.from === 'agent' && existing.meta?.agentId === agent.id ? ok(existing) : fail('ID_TAKEN');
      }
      return ok(await conversations.postAgentMessage(conversationId, { id: input.id, text: input.text, agentId: agent.id, agentName: agent.name }));
    },

    /** An internal note on a chat the agent owns; never reaches the customer. */
    async addNote(agent: AgentRecord, conversationId: string, text: string): Promise<Outcome<Note>> {
      const mine = await assignment.owned(agent, conversationId);
      if (!mine.ok) return mine;
      const stored = await store.addNote({ id: `note_${randomUUID()}`, conversationId, agentId: agent.id, text });
      const note: Note = { ...stored, agentName: agent.name };
      await bus.publish(handoffChannels.notes(conversationId), { type: 'note', note: { ...note } });
      return ok(note);
    },

    async typing(agent: AgentRecord, conversationId: string): Promise<Outcome> {
      const mine = await assignment.owned(agent, conversationId);
      if (!mine.ok) return mine;
      await conversations.typing?.(conversationId, 'agent');
      return ok(undefined);
    },
  };
}
