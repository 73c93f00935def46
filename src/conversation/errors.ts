/**
 * A customer message or choice for a conversation that has ended (an agent or the customer closed
 * it). Nothing is stored: the client is told, so a typed message is never silently dropped.
 */
export class ConversationClosedError extends Error {
  override name = 'ConversationClosedError';
  constructor(readonly conversationId: string) {
    super(`conversation ${conversationId} is closed`);
  }
}
