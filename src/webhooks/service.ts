import { randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { DomainEvent } from '../events/types';
import type { WebhookDelivery, WebhookEndpoint, WebhookEndpointPatch, WebhookStore, DeliveryStatus } from '../storage/webhooks';
import { DEFAULT_RETRY, retryDelayMs, type RetryPolicy } from './backoff';
import { checkDescription, checkEndpointUrl, checkEvents, WebhookInputError } from './endpoint-input';
import { webhookBody } from './payload';
import { describeSendError, fetchSender, type WebhookSender } from './sender';
import { SIGNATURE_HEADER, signatureHeader } from './signature';

export interface WebhookSettings extends RetryPolicy {
  /** How often each node looks for due deliveries. Default 1000 ms. */
  pollMs: number;
  /** How long a claim holds before another node may take the delivery over. Default 60 s. */
  leaseMs: number;
  /** Per-attempt timeout. Default 10 s (must stay well under leaseMs). */
  timeoutMs: number;
  /** Deliveries claimed per poll. Default 10. */
  batch: number;
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = { ...DEFAULT_RETRY, pollMs: 1000, leaseMs: 60_000, timeoutMs: 10_000, batch: 10 };

export interface WebhookServiceDeps {
  store: WebhookStore;
  clock: () => number;
  logger?: Logger;
  /** This process's name in claims. Default `node-` + random hex. */
  node?: string;
  /** Default: fetch. Tests may count or fail sends. */
  send?: WebhookSender;
  /** Jitter source for back-off. Default Math.random. */
  random?: () => number;
  settings?: Partial<WebhookSettings>;
}

/** An endpoint as the API shows it: the secret only as its last four characters. */
export type EndpointView = Omit<WebhookEndpoint, 'secret'> & { secretHint: string };

export function endpointView(e: WebhookEndpoint): EndpointView {
  const { secret, ...rest } = e;
  return { ...rest, secretHint: `…${secret.slice(-4)}` };
}

function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/**
 * Webhooks: endpoints with their own signing secrets, domain events turned into durable
 * deliveries, and a dispatcher on every node that claims due deliveries from storage, POSTs them
 * signed, and retries failures with exponential back-off until `maxAttempts`.
 * @example
 * const webhooks = createWebhookService({ store: storage.webhooks, clock: Date.now, logger });
 * hub.on((e) => webhooks.publish(e)); webhooks.start(); … await webhooks.stop();
 */
export function createWebhookService(deps: WebhookServiceDeps) {
  const { store, clock, logger } = deps;
  const settings: WebhookSettings = { ...DEFAULT_WEBHOOK_SETTINGS, ...deps.settings };
  const node = deps.node ?? `node-${randomBytes(4).toString('hex')}`;
  const send = deps.send ?? fetchSender;
  const random = deps.random ?? Math.random;

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let again = false;
  let stopped = true;
  let closing = false;

  async function attempt(delivery: WebhookDelivery, endpoint: WebhookEndpoint | undefined): Promise<WebhookDelivery | undefined> {
    const at = clock();
    if (!endpoint) {
      return store.recordAttempt(delivery.id, node, { ok: false, error: 'endpoint removed' }, at);
    }
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'support-chatbot-webhooks/1',
      'x-webhook-id': delivery.eventId,
      'x-webhook-event': delivery.eventType,
      [SIGNATURE_HEADER]: signatureHeader(endpoint.secret, delivery.body, Math.floor(at / 1000)),
    };
    let status: number | undefined;
    let error: string;
    try {
      status = (await send(endpoint.url, { headers, body: delivery.body, timeoutMs: settings.timeoutMs })).status;
      if (status >= 200 && status < 300) {
        return store.recordAttempt(delivery.id, node, { ok: true, statusCode: status }, clock());
      }
      error = `HTTP ${status}`;
    } catch (err) {
      error = describeSendError(err, settings.timeoutMs);
    }
    const delay = retryDelayMs(delivery.attempts, settings, random);
    const now = clock();
    logger?.warn({ deliveryId: delivery.id, endpointId: endpoint.id, attempts: delivery.attempts, error, retryInMs: delay }, 'webhook delivery failed');
    return store.recordAttempt(
      delivery.id,
      node,
      { ok: false, error, ...(status !== undefined ? { statusCode: status } : {}), ...(delay !== undefined ? { retryAt: now + delay } : {}) },
      now,
    );
  }

  /** One round: claim due deliveries and send them; resolves to how many were attempted. */
  async function tick(): Promise<number> {
    const claimed = await store.claimDue({ node, now: clock(), leaseMs: settings.leaseMs, limit: settings.batch });
    if (claimed.length === 0) return 0;
    const endpoints = new Map((await store.listEndpoints()).map((e) => [e.id, e]));
    await Promise.all(
      claimed.map((d) =>
        attempt(d, endpoints.get(d.endpointId)).catch((err: unknown) => logger?.error({ err, deliveryId: d.id }, 'webhook attempt not recorded')),
      ),
    );
    return claimed.length;
  }

  /** Runs rounds until nothing is due; never two at once on this node. */
  function drain(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      try {
        do {
          again = false;
          const n = await tick();
          total += n;
          if (n === settings.batch) again = true;
        } while (again && !closing);
      } catch (err) {
        logger?.error({ err }, 'webhook dispatch round failed');
      } finally {
        running = undefined;
      }
      return total;
    })();
    return running;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      void drain().finally(schedule);
    }, settings.pollMs);
    timer.unref();
  }

  return {
    node,
    /** Stores an endpoint with a new secret; the only time the full secret is returned besides rotateSecret. */
    async createEndpoint(input: { url: unknown; events: unknown; description?: unknown }): Promise<WebhookEndpoint> {
      return store.createEndpoint({
        id: `we_${randomUUID().replace(/-/g, '').slice(0, 16)}`,
        url: checkEndpointUrl(input.url),
        events: checkEvents(input.events),
        description: checkDescription(input.description),
        secret: newSecret(),
      });
    },
    listEndpoints: () => store.listEndpoints(),
    getEndpoint: (id: string) => store.getEndpoint(id),
    async updateEndpoint(id: string, input: { url?: unknown; events?: unknown; description?: unknown; enabled?: unknown }) {
      const patch: WebhookEndpointPatch = {};
      if (input.url !== undefined) patch.url = checkEndpointUrl(input.url);
      if (input.events !== undefined) patch.events = checkEvents(input.events);
      if (input.description !== undefined) patch.description = checkDescription(input.description);
      if (input.enabled !== undefined) {
        if (typeof input.enabled !== 'boolean') throw new WebhookInputError('enabled must be true or false');
        patch.enabled = input.enabled;
      }
      return store.updateEndpoint(id, patch);
    },
    /** A new secret for the endpoint (the old one stops working at once). */
    rotateSecret: (id: string) => store.updateEndpoint(id, { secret: newSecret() }),
    deleteEndpoint: (id: string) => store.deleteEndpoint(id),
    /** Queues the event for every subscribed endpoint and wakes this node's dispatcher. */
    async publish(event: DomainEvent): Promise<WebhookDelivery[]> {
      const made = await store.enqueue({ id: event.id, type: event.type, body: webhookBody(event), at: clock() });
      if (made.length > 0 && !stopped) void drain();
      return made;
    },
    listDeliveries: (filter?: { endpointId?: string; status?: DeliveryStatus; limit?: number }) => store.listDeliveries(filter),
    getDelivery: (id: string) => store.getDelivery(id),
    /** Sends a delivery again as soon as possible (an operator's resend). */
    async resend(id: string): Promise<WebhookDelivery | undefined> {
      const queued = await store.resend(id, clock());
      if (queued && !stopped) void drain();
      return queued;
    },
    /** Claims and sends everything due now (tests and the dispatcher). */
    drain,
    start(): void {
      if (!stopped) return;
      stopped = false;
      closing = false;
      schedule();
      void drain();
    },
    /** Stops polling and waits for the attempts in flight to be recorded. */
    async stop(): Promise<void> {
      stopped = true;
      closing = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

export type WebhookService = ReturnType<typeof createWebhookService>;
