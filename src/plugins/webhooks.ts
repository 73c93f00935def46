/**
 * Outgoing webhooks: the service over storage, a listener on the domain events, and the
 * dispatcher, started when the app is ready and stopped (in-flight attempts recorded) before
 * storage closes.
 */
import fp from 'fastify-plugin';
import type { Logger } from 'pino';
import { createWebhookService, type WebhookService, type WebhookServiceDeps } from '../webhooks/service';

declare module 'fastify' {
  interface FastifyInstance {
    webhooks: WebhookService;
  }
}

export interface WebhooksPluginOptions {
  logger: Logger;
  /** Back-off, poll and lease settings, sender, node name (tests shorten the back-off). */
  overrides?: Pick<WebhookServiceDeps, 'settings' | 'send' | 'node' | 'random'>;
}

export const webhooksPlugin = fp<WebhooksPluginOptions>(
  async (app, opts) => {
    const webhooks = createWebhookService({
      store: app.storage.webhooks,
      clock: Date.now,
      logger: opts.logger.child({ part: 'webhooks' }),
      ...opts.overrides,
    });
    app.events.on(async (event) => {
      await webhooks.publish(event);
    });
    app.addHook('onReady', async () => webhooks.start());
    app.addHook('onClose', () => webhooks.stop());
    app.decorate('webhooks', webhooks);
  },
  { name: 'webhooks', dependencies: ['events', 'storage'] },
);
