import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { toDelivery, toEndpoint, type DeliveryRow, type EndpointRow } from '../webhook-rows';
import type { WebhookStore } from '../webhooks';

/** Migrations of the `webhooks` schema module (see modules.ts). Append only. */
export const postgresWebhookMigrations: readonly string[] = [
  `
  CREATE TABLE webhook_endpoints (
    id          TEXT PRIMARY KEY,
    url         TEXT NOT NULL,
    secret      TEXT NOT NULL,
    events      TEXT NOT NULL,
    enabled     BOOLEAN NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    ord         BIGINT GENERATED ALWAYS AS IDENTITY
  );

  CREATE TABLE webhook_deliveries (
    id               TEXT PRIMARY KEY,
    endpoint_id      TEXT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_id         TEXT NOT NULL,
    event_type       TEXT NOT NULL,
    body             TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('pending', 'delivering', 'delivered', 'failed')),
    attempts         INT NOT NULL DEFAULT 0,
    next_attempt_at  BIGINT NOT NULL,
    claimed_by       TEXT,
    lease_until      BIGINT,
    last_status_code INT,
    last_error       TEXT,
    delivered_at     BIGINT,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    ord              BIGINT GENERATED ALWAYS AS IDENTITY,
    CONSTRAINT webhook_deliveries_event_key UNIQUE (endpoint_id, event_id)
  );
  -- The dispatcher's scan: due pending rows, and delivering rows whose lease ran out.
  CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
  CREATE INDEX webhook_deliveries_recent ON webhook_deliveries (created_at);
  `,
];

const ENDPOINT_COLUMNS = 'id, url, secret, events, enabled, description, created_at, updated_at';
const DELIVERY_COLUMNS =
  'id, endpoint_id, event_id, event_type, body, status, attempts, next_attempt_at, claimed_by, lease_until, last_status_code, last_error, delivered_at, created_at, updated_at';

export function createPostgresWebhookStore(pool: Pool, now: () => number): WebhookStore {
  return {
    async createEndpoint(input) {
      const t = now();
      const { rows } = await pool.query<EndpointRow>(
        `INSERT INTO webhook_endpoints (id, url, secret, events, enabled, description, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING ${ENDPOINT_COLUMNS}`,
        [input.id, input.url, input.secret, JSON.stringify(input.events), input.enabled !== false, input.description ?? '', t],
      );
      return toEndpoint(rows[0] as EndpointRow);
    },
    async getEndpoint(id) {
      const { rows } = await pool.query<EndpointRow>(`SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE id = $1`, [id]);
      return rows[0] && toEndpoint(rows[0]);
    },
    async listEndpoints() {
      const { rows } = await pool.query<EndpointRow>(`SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints ORDER BY created_at, ord`);
      return rows.map(toEndpoint);
    },
    async updateEndpoint(id, patch) {
      const { rows } = await pool.query<EndpointRow>(
        `UPDATE webhook_endpoints SET url = COALESCE($2, url), secret = COALESCE($3, secret), events = COALESCE($4, events),
           enabled = COALESCE($5, enabled), description = COALESCE($6, description), updated_at = $7
         WHERE id = $1 RETURNING ${ENDPOINT_COLUMNS}`,
        [
          id,
          patch.url ?? null,
          patch.secret ?? null,
          patch.events ? JSON.stringify(patch.events) : null,
          patch.enabled ?? null,
          patch.description ?? null,
          now(),
        ],
      );
      return rows[0] && toEndpoint(rows[0]);
    },
    async deleteEndpoint(id) {
      const res = await pool.query('DELETE FROM webhook_endpoints WHERE id = $1', [id]);
      return (res.rowCount ?? 0) > 0;
    },
    async enqueue(event) {
      const t = now();
      // One statement: the subscribed endpoints are read and the deliveries inserted atomically;
      // the unique (endpoint_id, event_id) makes a second enqueue of the event a no-op.
      const { rows } = await pool.query<DeliveryRow>(
        `INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, body, status, attempts, next_attempt_at, created_at, updated_at)
         SELECT $1 || '-' || e.id, e.id, $2, $3, $4, 'pending', 0, $5, $6, $6
           FROM webhook_endpoints e
          WHERE e.enabled AND e.events::jsonb ? $3
         ON CONFLICT (endpoint_id, event_id) DO NOTHING
         RETURNING ${DELIVERY_COLUMNS}`,
        [randomUUID(), event.id, event.type, event.body, event.at, t],
      );
      return rows.map(toDelivery);
    },
    async claimDue({ node, now: at, leaseMs, limit }) {
      // SKIP LOCKED: two nodes scanning at once each lock different rows, so a delivery is
      // claimed by exactly one of them and neither waits for the other.
      const { rows } = await pool.query<DeliveryRow>(
        `UPDATE webhook_deliveries d
            SET status = 'delivering', claimed_by = $1, lease_until = $3, attempts = d.attempts + 1, updated_at = $2
           FROM (SELECT id FROM webhook_deliveries
                  WHERE (status = 'pending' AND next_attempt_at <= $2) OR (status = 'delivering' AND lease_until < $2)
                  ORDER BY next_attempt_at, ord LIMIT $4
                  FOR UPDATE SKIP LOCKED) due
          WHERE d.id = due.id
          RETURNING ${DELIVERY_COLUMNS.split(', ').map((c) => `d.${c}`).join(', ')}`,
        [node, at, at + leaseMs, limit],
      );
      return rows.map(toDelivery).sort((a, b) => a.nextAttemptAt - b.nextAttemptAt);
    },
    async recordAttempt(id, node, outcome, at) {
      const { rows } = await pool.query<DeliveryRow>(
        `UPDATE webhook_deliveries
            SET status = $3, next_attempt_at = COALESCE($4, next_attempt_at), claimed_by = NULL, lease_until = NULL,
                last_status_code = $5, last_error = $6, delivered_at = $7, updated_at = $8
          WHERE id = $1 AND status = 'delivering' AND claimed_by = $2
          RETURNING ${DELIVERY_COLUMNS}`,
        [
          id,
          node,
          outcome.ok ? 'delivered' : outcome.retryAt !== undefined ? 'pending' : 'failed',
          outcome.ok ? null : (outcome.retryAt ?? null),
          outcome.statusCode ?? null,
          outcome.ok ? null : outcome.error,
          outcome.ok ? at : null,
          at,
        ],
      );
      return rows[0] && toDelivery(rows[0]);
    },
    async getDelivery(id) {
      const { rows } = await pool.query<DeliveryRow>(`SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE id = $1`, [id]);
      return rows[0] && toDelivery(rows[0]);
    },
    async listDeliveries(filter = {}) {
      const { rows } = await pool.query<DeliveryRow>(
        `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries
          WHERE ($1::text IS NULL OR endpoint_id = $1) AND ($2::text IS NULL OR status = $2)
          ORDER BY created_at DESC, ord DESC LIMIT $3`,
        [filter.endpointId ?? null, filter.status ?? null, filter.limit ?? 50],
      );
      return rows.map(toDelivery);
    },
    async resend(id, at) {
      const { rows } = await pool.query<DeliveryRow>(
        `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = $2, updated_at = $2
          WHERE id = $1 AND status <> 'delivering' RETURNING ${DELIVERY_COLUMNS}`,
        [id, at],
      );
      return rows[0] && toDelivery(rows[0]);
    },
  };
}
