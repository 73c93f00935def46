import type { VerifiedCustomer } from '../identity/verify';

/**
 * The typed shapes of the JSON the conversation core stores beside messages and escalations,
 * shared by their writer (src/conversation) and their readers (hand-off, training, console
 * routes), so no reader re-parses them with casts. Stored JSON may hold keys written by older
 * versions, hence the open index signature; the named keys are what current code writes.
 */

/** One guess of the intent model, as stored (same shape as nlu's IntentScore). */
export interface StoredIntent {
  name: string;
  category: string;
  confidence: number;
}

/** One entity found in a message, as stored (same shape as nlu's Entity). */
export interface StoredEntity {
  type: string;
  value: string;
  text: string;
  start: number;
  end: number;
}

/** What the bot understood of a customer message. */
export interface NluMeta {
  intent: StoredIntent;
  /** The top guesses, best first (at most 5). */
  ranking: StoredIntent[];
  entities: StoredEntity[];
  lowConfidence: boolean;
}

/**
 * `MessageRecord.meta`: never sent to customers.
 * @example { nlu: { intent, ranking, entities, lowConfidence } } // a typed customer message
 * @example { choice: 'intent:refund_status' }                      // a quick-reply click
 * @example { agentId: 'a1', agentName: 'Ada' }                      // an agent's message
 */
export type MessageMeta = {
  nlu?: NluMeta;
  /** The quick-reply value the customer clicked. */
  choice?: string;
  agentId?: string;
  agentName?: string;
} & Record<string, unknown>;

/** An entity the customer gave, kept per type (the latest wins). */
export interface CollectedEntity {
  value: string;
  text: string;
}

/**
 * `EscalationRecord.summary` and a case's `details`: what the bot learned, for the agent who
 * takes over. Written by the conversation machine (`escalationSummary`).
 */
export type EscalationSummary = {
  intent?: string | null;
  category?: string | null;
  confidence?: number | null;
  /** Entities by type (`order_id`, `amount`, ...), latest wins. */
  entities?: Record<string, CollectedEntity>;
  /** Misses counted when the bot stopped. */
  misses?: number;
  /** Id of the last article the bot answered with. */
  lastAnswer?: string | null;
  /** The guided flow that was running, and the slot it was waiting for ('' once finished). */
  flow?: { id: string; awaiting: string } | null;
  /** What the flows collected: slot name → label and value. */
  slots?: Record<string, { label: string; value: string }>;
  /** The logged-in customer the host site vouched for (hello identity, verified by its signature). */
  customer?: VerifiedCustomer;
} & Record<string, unknown>;
