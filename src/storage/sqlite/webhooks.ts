import type {
  AttemptOutcome,
  WebhookStore,
} from '../webhooks';
import type { SqliteDatabase } from './database';
import { toDelivery, toEndpoint, type DeliveryRow, type EndpointRow } from '../webhook-rows';
import { randomUUID } from 'node:crypto';

/** Migrations of the `webhooks` schema module (see modules.ts). Append only. */
export const sqliteWebhookMigrations: readonly string[] = [
  `
  CREATE TABLE webhook_endpoints (
    id          TEXT PRIMARY KEY,
    url         TEXT NOT NULL,
    secret      TEXT NOT NULL,
    events      TEXT NOT NULL,
    enabled     INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    description TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE webhook_deliveries (
    id               TEXT PRIMARY KEY,
    endpoint_id      TEXT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_id         TEXT NOT NULL,
    event_type       TEXT NOT NULL,
    body             TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('pending', 'delivering', 'delivered', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,
    claimed_by       TEXT,
    lease_until      INTEGER,
    last_status_code INTEGER,
    last_error       TEXT,
    delivered_at     INTEGER,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    UNIQUE (endpoint_id, event_id)
  ) STRICT;
  -- The dispatcher's scan: due pending rows, and delivering rows whose lease ran out.
  CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
  CREATE INDEX webhook_deliveries_recent ON webhook_deliveries (created_at);
  `,
];

export function createSqliteWebhookStore(db: SqliteDatabase, now: () => number): WebhookStore {
  const stmt = {
    insertEndpoint: db.prepare(
      `INSERT INTO webhook_endpoints (id, url, secret, events, enabled, description, created_at, updated_at)
       VALUES (@id, @url, @secret, @events, @enabled, @description, @created_at, @updated_at)`,
    ),
    endpointById: db.prepare('SELECT * FROM webhook_endpoints WHERE id = ?'),
    endpoints: db.prepare('SELECT * FROM webhook_endpoints ORDER BY created_at, rowid'),
    updateEndpoint: db.prepare(
      `UPDATE webhook_endpoints SET url = @url, secret = @secret, events = @events, enabled = @enabled,
         description = @description, updated_at = @updated_at WHERE id = @id`,
    ),
    deleteEndpoint: db.prepare('DELETE FROM webhook_endpoints WHERE id = ?'),
    insertDelivery: db.prepare(
      `INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, body, status, attempts, next_attempt_at, created_at, updated_at)
       VALUES (@id, @endpoint_id, @event_id, @event_type, @body, 'pending', 0, @at, @now, @now)
       ON CONFLICT (endpoint_id, event_id) DO NOTHING RETURNING *`,
    ),
    // One UPDATE … RETURNING: SQLite runs it under the write lock, so concurrent claimers (other
    // processes on the same file) serialise and never return the same row.
    claim: db.prepare(
      `UPDATE webhook_deliveries
          SET status = 'delivering', claimed_by = @node, lease_until = @lease, attempts = attempts + 1, updated_at = @now
        WHERE id IN (
          SELECT id FROM webhook_deliveries
           WHERE (status = 'pending' AND next_attempt_at <= @now) OR (status = 'delivering' AND lease_until < @now)
           ORDER BY next_attempt_at, rowid LIMIT @limit)
        RETURNING *`,
    ),
    // The claim's own condition, read only: readers never wait in WAL mode.
    anyDue: db.prepare(
      `SELECT 1 FROM webhook_deliveries
        WHERE (status = 'pending' AND next_attempt_at <= @now) OR (status = 'delivering' AND lease_until < @now) LIMIT 1`,
    ),
    record: db.prepare(
      `UPDATE webhook_deliveries
          SET status = @status, next_attempt_at = COALESCE(@next, next_attempt_at), claimed_by = NULL, lease_until = NULL,
              last_status_code = @code, last_error = @error, delivered_at = @delivered, updated_at = @now
        WHERE id = @id AND status = 'delivering' AND claimed_by = @node
        RETURNING *`,
    ),
    deliveryById: db.prepare('SELECT * FROM webhook_deliveries WHERE id = ?'),
    deliveries: db.prepare(
      `SELECT * FROM webhook_deliveries WHERE (@endpoint_id IS NULL OR endpoint_id = @endpoint_id) AND (@status IS NULL OR status = @status)
        ORDER BY created_at DESC, rowid DESC LIMIT @limit`,
    ),
    resend: db.prepare(
      `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = @now, updated_at = @now
        WHERE id = @id AND status <> 'delivering' RETURNING *`,
    ),
  };

  const enqueue = db.transaction((rows: Record<string, unknown>[]) =>
    rows.map((row) => stmt.insertDelivery.get(row) as DeliveryRow | undefined).filter((r): r is DeliveryRow => r !== undefined),
  );

  return {
    async createEndpoint(input) {
      const t = now();
      const row: EndpointRow = {
        id: input.id,
        url: input.url,
        secret: input.secret,
        events: JSON.stringify(input.events),
        enabled: input.enabled === false ? 0 : 1,
        description: input.description ?? '',
        created_at: t,
        updated_at: t,
      };
      stmt.insertEndpoint.run(row);
      return toEndpoint(row);
    },
    async getEndpoint(id) {
      const row = stmt.endpointById.get(id) as EndpointRow | undefined;
      return row && toEndpoint(row);
    },
    async listEndpoints() {
      return (stmt.endpoints.all() as EndpointRow[]).map(toEndpoint);
    },
    async updateEndpoint(id, patch) {
      const row = stmt.endpointById.get(id) as EndpointRow | undefined;
      if (!row) return undefined;
      const next: EndpointRow = {
        ...row,
        ...(patch.url !== undefined ? { url: patch.url } : {}),
        ...(patch.secret !== undefined ? { secret: patch.secret } : {}),
        ...(patch.events !== undefined ? { events: JSON.stringify(patch.events) } : {}),
        ...(patch.enabled !== undefined ? { enabled: patch.enabled ? 1 : 0 } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        updated_at: now(),
      };
      stmt.updateEndpoint.run(next);
      return toEndpoint(next);
    },
    async deleteEndpoint(id) {
      return stmt.deleteEndpoint.run(id).changes > 0;
    },
    async enqueue(event) {
      const t = now();
      const targets = (stmt.endpoints.all() as EndpointRow[]).map(toEndpoint).filter((e) => e.enabled && e.events.includes(event.type));
      const rows = targets.map((e) => ({
        id: randomUUID(),
        endpoint_id: e.id,
        event_id: event.id,
        event_type: event.type,
        body: event.body,
        at: event.at,
        now: t,
      }));
      // No endpoint wants it (the usual case): no write transaction, which would take the
      // database's write lock from the writer thread for nothing.
      if (rows.length === 0) return [];
      return enqueue.immediate(rows).map(toDelivery);
    },
    async claimDue({ node, now: at, leaseMs, limit }) {
      // Polled every second on every node: with nothing due (the usual case) it must not take the
      // write lock, which waits (busy_timeout, blocking the event loop) while the writer thread
      // commits and fsyncs a batch of turns. A row due just after this read is claimed next poll.
      if (!stmt.anyDue.get({ now: at })) return [];
      const rows = stmt.claim.all({ node, now: at, lease: at + leaseMs, limit }) as DeliveryRow[];
      return rows.map(toDelivery).sort((a, b) => a.nextAttemptAt - b.nextAttemptAt);
    },
    async recordAttempt(id, node, outcome: AttemptOutcome, at) {
      const row = stmt.record.get({
        id,
        node,
        now: at,
        status: outcome.ok ? 'delivered' : outcome.retryAt !== undefined ? 'pending' : 'failed',
        next: outcome.ok ? null : (outcome.retryAt ?? null),
        code: outcome.statusCode ?? null,
        error: outcome.ok ? null : outcome.error,
        delivered: outcome.ok ? at : null,
      }) as DeliveryRow | undefined;
      return row && toDelivery(row);
    },
    async getDelivery(id) {
      const row = stmt.deliveryById.get(id) as DeliveryRow | undefined;
      return row && toDelivery(row);
    },
    async listDeliveries(filter = {}) {
      const rows = stmt.deliveries.all({
        endpoint_id: filter.endpointId ?? null,
        status: filter.status ?? null,
        limit: filter.limit ?? 50,
      }) as DeliveryRow[];
      return rows.map(toDelivery);
    },
    async resend(id, at) {
      const row = stmt.resend.get({ id, now: at }) as DeliveryRow | undefined;
      return row && toDelivery(row);
    },
  };
}
