/**
 * Wires webhooks into the app: the service over storage, a listener on the domain events, the
 * dispatcher started with the app and stopped (in-flight attempts recorded) before storage closes,
 * and the operators' routes. One call from app.ts.
 */
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { Logger } from 'pino';
import type { EventHub } from '../../events/tap';
import type { Storage } from '../../storage/types';
import { createWebhookService, type WebhookServiceDeps } from '../../webhooks/service';
import { webhookRoutes } from './webhooks';

export interface WebhookSetupOptions {
  storage: Storage;
  events: EventHub;
  logger: Logger;
  guard: preHandlerAsyncHookHandler;
  /** Back-off, poll and lease settings, sender, node name (tests). */
  overrides?: Pick<WebhookServiceDeps, 'settings' | 'send' | 'node' | 'random'>;
}

/** @example const webhooks = await setupWebhooks(app, { storage, events, logger, guard: requireAgent('operator') }) */
export async function setupWebhooks(app: FastifyInstance, opts: WebhookSetupOptions) {
  const webhooks = createWebhookService({
    store: opts.storage.webhooks,
    clock: Date.now,
    logger: opts.logger.child({ part: 'webhooks' }),
    ...opts.overrides,
  });
  opts.events.on(async (event) => {
    await webhooks.publish(event);
  });
  // onClose hooks run last-registered first: this one runs before the storage is closed.
  app.addHook('onClose', () => webhooks.stop());
  await app.register(webhookRoutes, { webhooks, guard: opts.guard });
  webhooks.start();
  return webhooks;
}
