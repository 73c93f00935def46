/**
 * Domain events and the metrics registry that counts them: the first infrastructure the app gets,
 * because storage reports committed writes to both.
 */
import fp from 'fastify-plugin';
import type { Logger } from 'pino';
import { createEventHub, type EventHub } from '../events/tap';
import { countDomainEvents } from '../metrics/observe-events';
import { createMetrics, type Metrics } from '../metrics/registry';

declare module 'fastify' {
  interface FastifyInstance {
    /** Escalations, closes, cases and feedback, for integrations (webhooks, email, metrics). */
    events: EventHub;
    /** The app's own Prometheus registry and metrics (docs/metrics.md). */
    metrics: Metrics;
  }
}

export interface EventsPluginOptions {
  logger: Logger;
}

export const eventsPlugin = fp<EventsPluginOptions>(
  async (app, { logger }) => {
    const events = createEventHub(logger);
    const metrics = createMetrics();
    events.on(countDomainEvents(metrics));
    app.decorate('events', events);
    app.decorate('metrics', metrics);
  },
  { name: 'events' },
);
