import type { CaseRecord, CaseStatus, FeedbackRecord } from '../storage/cases';
import type { EscalationRecord } from '../storage/types';

/**
 * What happened in the product, as integrations (webhooks, email, metrics) see it. Emitted after
 * the write that made it true has committed. `id` is stable per happening (derived from the
 * stored record), so a repeated write or a second node seeing the same thing yields the same id.
 */
export type DomainEvent =
  | { id: string; type: 'conversation.escalated'; at: number; conversationId: string; escalation: EscalationRecord }
  | { id: string; type: 'conversation.closed'; at: number; conversationId: string }
  | { id: string; type: 'case.created'; at: number; case: CaseRecord }
  /**
   * A case changed: `change` says what. `status`: it moved to another status (`previousStatus`);
   * `email`: the customer gave an email for it after it was opened (a hand-off nobody could take).
   */
  | { id: string; type: 'case.updated'; at: number; case: CaseRecord; change: 'status' | 'email'; previousStatus?: CaseStatus }
  | { id: string; type: 'feedback.received'; at: number; feedback: FeedbackRecord };

export type DomainEventType = DomainEvent['type'];

/** Receives events; may be async. A listener's failure is logged, never undoes the write. */
export type DomainEventListener = (event: DomainEvent) => void | Promise<void>;
