import type { StatusFrame } from '../protocol/customer';
import type { MessageRecord } from '../storage/types';

/** What the hand-off needs from the conversation service (the only writer of conversations). */
export interface HandoffConversations {
  agentJoined(conversationId: string, agentName: string): Promise<unknown>;
  releaseToBot(conversationId: string): Promise<unknown>;
  postAgentMessage(conversationId: string, input: { id?: string; text: string; agentId: string; agentName: string }): Promise<MessageRecord>;
  end(conversationId: string): Promise<void>;
  publishStatus(conversationId: string, status: Omit<StatusFrame, 'type'>): Promise<void>;
  typing?(conversationId: string, from: 'customer' | 'agent' | 'bot'): Promise<void>;
  /** The owning agent dropped and the chat is queued again; optional until the machine has the event. */
  agentLeft?(conversationId: string): Promise<unknown>;
}
