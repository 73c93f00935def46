/**
 * Webhook endpoints and their durable deliveries.
 * One of the storage sub-stores: its interface here, its tables in `sqlite/webhooks.ts` and
 * `postgres/webhooks.ts` (own migration module), its contract tests in
 * `test/storage/webhooks.contract.ts`.
 *
 * A delivery is one event for one endpoint. It moves pending → delivering (claimed by one node,
 * with a lease) → delivered, or back to pending with a later `nextAttemptAt`, or to failed when
 * the sender gives up. A node that dies mid-send leaves a `delivering` row whose lease runs out;
 * any node then claims it again, so nothing is lost and nothing is sent by two nodes at once.
 */

import type { DeliveryStatus, WebhookEventType } from '../protocol/webhooks';
export { WEBHOOK_EVENTS, DELIVERY_STATUSES, type DeliveryStatus, type WebhookEventType } from '../protocol/webhooks';

export interface WebhookEndpoint {
  id: string;
  /** http(s) URL the events are POSTed to. */
  url: string;
  /** The HMAC-SHA256 key for this endpoint's signatures (`whsec_…`), generated on create. */
  secret: string;
  /** Event types sent to this endpoint. */
  events: WebhookEventType[];
  /** A disabled endpoint gets no new deliveries; queued ones still go. */
  enabled: boolean;
  description: string;
  createdAt: number;
  updatedAt: number;
}

export type NewWebhookEndpoint = Pick<WebhookEndpoint, 'id' | 'url' | 'secret' | 'events'> &
  Partial<Pick<WebhookEndpoint, 'enabled' | 'description'>>;

export type WebhookEndpointPatch = Partial<Pick<WebhookEndpoint, 'url' | 'events' | 'enabled' | 'description' | 'secret'>>;

export interface WebhookDelivery {
  id: string;
  endpointId: string;
  /** The event's id, the same for every endpoint and every attempt (receivers dedupe on it). */
  eventId: string;
  eventType: WebhookEventType;
  /** The exact JSON body sent (signed as is). */
  body: string;
  status: DeliveryStatus;
  /** Attempts started so far (a claim counts as one). */
  attempts: number;
  /** When a pending delivery may be tried (epoch ms). */
  nextAttemptAt: number;
  /** The node holding the claim while `delivering`. */
  claimedBy?: string;
  /** A `delivering` claim older than this may be taken over (its node is presumed dead). */
  leaseUntil?: number;
  lastStatusCode?: number;
  lastError?: string;
  deliveredAt?: number;
  createdAt: number;
  updatedAt: number;
}

/** An event to fan out to the endpoints subscribed to its type. */
export interface WebhookEventInput {
  /** Stable per event: enqueueing the same id twice for an endpoint stores one delivery. */
  id: string;
  type: WebhookEventType;
  body: string;
  /** When the first attempt may start (epoch ms). */
  at: number;
}

/** The result of one attempt, recorded by the node that holds the claim. */
export type AttemptOutcome =
  | { ok: true; statusCode: number }
  | { ok: false; error: string; statusCode?: number; /** Next try; absent means give up (failed). */ retryAt?: number };

export interface WebhookStore {
  createEndpoint(input: NewWebhookEndpoint): Promise<WebhookEndpoint>;
  getEndpoint(id: string): Promise<WebhookEndpoint | undefined>;
  /** Oldest first. */
  listEndpoints(): Promise<WebhookEndpoint[]>;
  /** The updated endpoint, or undefined when there is none. */
  updateEndpoint(id: string, patch: WebhookEndpointPatch): Promise<WebhookEndpoint | undefined>;
  /** Deletes the endpoint and its deliveries; false when there was none. */
  deleteEndpoint(id: string): Promise<boolean>;
  /**
   * Stores one pending delivery per enabled endpoint subscribed to `event.type`; idempotent per
   * (endpoint, event id), so the same event enqueued twice (two nodes, a retried write) is sent
   * once. Returns the deliveries this call created.
   * @example await store.enqueue({ id: 'evt_1', type: 'case.created', body: '{"…"}', at: Date.now() })
   */
  enqueue(event: WebhookEventInput): Promise<WebhookDelivery[]>;
  /**
   * Atomically claims up to `limit` deliveries that are due (pending with nextAttemptAt ≤ now, or
   * delivering with an expired lease) for `node`: each comes back `delivering`, attempts + 1, with
   * `leaseUntil = now + leaseMs`. Two nodes claiming at once never get the same delivery.
   */
  claimDue(options: { node: string; now: number; leaseMs: number; limit: number }): Promise<WebhookDelivery[]>;
  /**
   * Records an attempt's outcome, only while `node` still holds the claim (else undefined: the
   * lease expired and another node took over).
   */
  recordAttempt(id: string, node: string, outcome: AttemptOutcome, now: number): Promise<WebhookDelivery | undefined>;
  getDelivery(id: string): Promise<WebhookDelivery | undefined>;
  /** Newest first, at most `limit` (default 50). */
  listDeliveries(filter?: { endpointId?: string; status?: DeliveryStatus; limit?: number }): Promise<WebhookDelivery[]>;
  /**
   * Queues a delivery for another try at `now` (an operator's resend): pending again, attempts
   * kept, last error kept until the next attempt. A delivery being sent right now is left alone
   * (undefined); so is an unknown id.
   */
  resend(id: string, now: number): Promise<WebhookDelivery | undefined>;
}
