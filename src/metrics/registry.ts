import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The service's Prometheus metrics, in a registry of their own (never prom-client's global one, so
 * two apps in one process — tests, the conversation-test runner's private copy — do not clash).
 * Names follow Prometheus conventions: `_total` counters, base units (seconds), low-cardinality
 * labels only (intent names come from the shipped model, reasons and roles from fixed lists).
 * @example const metrics = createMetrics(); metrics.messages.inc({ from: 'customer' });
 *          const text = await metrics.registry.metrics();
 */
export function createMetrics(options: {
  /**
   * Also collect Node's process metrics (CPU, memory, GC, `nodejs_eventloop_lag_seconds`).
   * Default true; the collectors sample on scrape, so they cost nothing between scrapes.
   */
  processMetrics?: boolean;
} = {}) {
  const registry = new Registry();
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    /** Messages stored, by sender: customer, bot, agent, system. */
    messages: new Counter({ name: 'support_messages_total', help: 'Messages stored, by sender.', labelNames: ['from'] as const, registers }),
    /** Customer messages the intent model classified, by top intent. */
    intents: new Counter({ name: 'support_intents_total', help: 'Classified customer messages, by top intent.', labelNames: ['intent'] as const, registers }),
    /** The top intent's confidence for each classified customer message. */
    confidence: new Histogram({
      name: 'support_intent_confidence',
      help: 'Top-intent confidence of classified customer messages.',
      buckets: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1],
      registers,
    }),
    /** Hand-offs to a person, by reason, priority and outcome: `met` (queued for an agent) or `unmet` (nobody available). */
    handoffs: new Counter({
      name: 'support_handoffs_total',
      help: 'Conversations handed to a person, by reason, priority and whether anyone was there (met) or not (unmet).',
      labelNames: ['reason', 'priority', 'outcome'] as const,
      registers,
    }),
    /** Seconds from a hand-off being queued to an agent taking it. */
    queueWait: new Histogram({
      name: 'support_queue_wait_seconds',
      help: 'Time from hand-off to an agent taking the chat.',
      buckets: [5, 15, 30, 60, 120, 300, 600, 1800, 3600],
      registers,
    }),
    /** End-of-chat ratings (1–5). */
    csat: new Counter({ name: 'support_csat_ratings_total', help: 'End-of-chat ratings received, by rating (1-5).', labelNames: ['rating'] as const, registers }),
    /** Seconds from a customer message (or quick-reply click) arriving to its reply being committed. */
    turnDuration: new Histogram({
      name: 'support_turn_duration_seconds',
      help: 'Time to process one customer message, queueing included.',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/**
 * A gauge read at scrape time, e.g. open sockets from the websocket server's client set.
 * @example openSocketsGauge(metrics, () => app.websocketServer.clients.size)
 */
export function openSocketsGauge(metrics: Metrics, count: () => number): Gauge {
  return new Gauge({
    name: 'support_open_sockets',
    help: 'WebSocket connections open on this node (customers and agents).',
    registers: [metrics.registry],
    collect() {
      this.set(count());
    },
  });
}
