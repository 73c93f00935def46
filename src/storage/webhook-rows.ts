import type { DeliveryStatus, WebhookDelivery, WebhookEndpoint, WebhookEventType } from './webhooks';

/** A `webhook_deliveries` row as both adapters read it (PostgreSQL's BIGINTs arrive as strings). */
export interface DeliveryRow {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  body: string;
  status: string;
  attempts: number | string;
  next_attempt_at: number | string;
  claimed_by: string | null;
  lease_until: number | string | null;
  last_status_code: number | string | null;
  last_error: string | null;
  delivered_at: number | string | null;
  created_at: number | string;
  updated_at: number | string;
}

/** Row → record for both adapters' delivery rows (same column names). */
export function toDelivery(r: DeliveryRow): WebhookDelivery {
  const d: WebhookDelivery = {
    id: r.id,
    endpointId: r.endpoint_id,
    eventId: r.event_id,
    eventType: r.event_type as WebhookEventType,
    body: r.body,
    status: r.status as DeliveryStatus,
    attempts: Number(r.attempts),
    nextAttemptAt: Number(r.next_attempt_at),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
  if (r.claimed_by !== null) d.claimedBy = r.claimed_by;
  if (r.lease_until !== null) d.leaseUntil = Number(r.lease_until);
  if (r.last_status_code !== null) d.lastStatusCode = Number(r.last_status_code);
  if (r.last_error !== null) d.lastError = r.last_error;
  if (r.delivered_at !== null) d.deliveredAt = Number(r.delivered_at);
  return d;
}


/** A `webhook_endpoints` row as both adapters read it (SQLite stores booleans as 0/1). */
export interface EndpointRow {
  id: string;
  url: string;
  secret: string;
  /** JSON array of event types. */
  events: string;
  enabled: number | boolean;
  description: string;
  created_at: number | string;
  updated_at: number | string;
}

export function toEndpoint(r: EndpointRow): WebhookEndpoint {
  return {
    id: r.id,
    url: r.url,
    secret: r.secret,
    events: JSON.parse(r.events) as WebhookEventType[],
    enabled: r.enabled === 1 || r.enabled === true,
    description: r.description,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}
