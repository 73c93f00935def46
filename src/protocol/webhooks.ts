/**
 * The webhooks REST payloads (docs/webhooks.md), shared by the server and the console.
 */

export const WEBHOOK_EVENTS = [
  'conversation.escalated',
  'conversation.closed',
  'case.created',
  'case.updated',
  'feedback.received',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

export type DeliveryStatus = 'pending' | 'delivering' | 'delivered' | 'failed';
export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['pending', 'delivering', 'delivered', 'failed'];

/** An endpoint as the API shows it: the secret only as its last four characters. */
export interface WebhookEndpointView {
  id: string;
  url: string;
  events: WebhookEventType[];
  enabled: boolean;
  description: string;
  /** `…` + the secret's last four characters. */
  secretHint: string;
  createdAt: number;
  updatedAt: number;
}

/** One event for one endpoint, with its attempts so far. */
export interface WebhookDeliveryView {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: WebhookEventType;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: number;
  claimedBy?: string;
  leaseUntil?: number;
  lastStatusCode?: number;
  lastError?: string;
  deliveredAt?: number;
  createdAt: number;
  updatedAt: number;
}

/** `GET /api/webhooks/endpoints`. */
export interface WebhookEndpointList {
  endpoints: WebhookEndpointView[];
  events: readonly WebhookEventType[];
}

/** `POST /api/webhooks/endpoints` (201) and `POST …/:id/rotate-secret`: the only answers with the full secret. */
export interface WebhookEndpointCreated {
  endpoint: WebhookEndpointView;
  secret: string;
}
