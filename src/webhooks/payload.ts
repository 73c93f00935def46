import type { DomainEvent } from '../events/types';

/**
 * The JSON body of a webhook: `{ id, type, createdAt, data }` (docs/webhooks.md lists `data` per
 * type). Times are epoch milliseconds, as in the REST API.
 */
export function webhookBody(event: DomainEvent): string {
  const { id, type, at } = event;
  let data: Record<string, unknown>;
  switch (event.type) {
    case 'conversation.escalated':
      data = { conversationId: event.conversationId, escalation: event.escalation };
      break;
    case 'conversation.closed':
      data = { conversationId: event.conversationId };
      break;
    case 'case.created':
      data = { case: event.case };
      break;
    case 'case.updated':
      data = { case: event.case, change: event.change, ...(event.previousStatus ? { previousStatus: event.previousStatus } : {}) };
      break;
    case 'feedback.received':
      data = { feedback: event.feedback };
      break;
  }
  return JSON.stringify({ id, type, createdAt: at, data });
}
