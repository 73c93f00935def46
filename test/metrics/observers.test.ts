import { createMetrics } from '../../src/metrics/registry';
import { countDomainEvents } from '../../src/metrics/observe-events';
import { observeStorage } from '../../src/metrics/observe-storage';
import type { DomainEvent } from '../../src/events/types';
import type { Storage } from '../../src/storage/types';
import type { EscalationRecord } from '../../src/storage/types';

const value = async (metrics: ReturnType<typeof createMetrics>, name: string, labels: Record<string, string> = {}) => {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
  const v = metric?.values.find((x) => Object.entries(labels).every(([k, l]) => (x.labels as Record<string, unknown>)[k] === l));
  return v?.value ?? 0;
};

const escalation: EscalationRecord = {
  id: 'esc1',
  conversationId: 'c1',
  reason: 'urgent_security',
  priority: 'urgent',
  status: 'queued',
  summary: {},
  createdAt: 1_000,
};

test('a hand-off that later turns join (same event id) is counted once; a second hand-off counts again', async () => {
  const metrics = createMetrics({ processMetrics: false });
  const listen = countDomainEvents(metrics);
  const event = (id: string): DomainEvent => ({ id, type: 'conversation.escalated', at: 1, conversationId: 'c1', escalation });
  listen(event('evt_a'));
  listen(event('evt_a'));
  listen(event('evt_b'));
  expect(await value(metrics, 'support_handoffs_total', { reason: 'urgent_security', priority: 'urgent', outcome: 'met' })).toBe(2);
  // nobody available: counted apart, as Insights counts it
  listen({ id: 'evt_c', type: 'conversation.escalated', at: 1, conversationId: 'c2', escalation: { ...escalation, id: 'esc2', status: 'unmet' } });
  expect(await value(metrics, 'support_handoffs_total', { reason: 'urgent_security', priority: 'urgent', outcome: 'unmet' })).toBe(1);
});

test('the dedupe memory is bounded: the oldest ids are forgotten first', async () => {
  const metrics = createMetrics({ processMetrics: false });
  const listen = countDomainEvents(metrics, 2);
  for (const id of ['a', 'b', 'c', 'a']) listen({ id, type: 'feedback.received', at: 1, feedback: { conversationId: 'c', rating: 5, createdAt: 1 } });
  // 'a' was forgotten when 'c' arrived, so it counts again
  expect(await value(metrics, 'support_csat_ratings_total', { rating: '5' })).toBe(4);
});

test('a turn whose commit fails counts nothing; a committed one counts its messages and the customer intent', async () => {
  const metrics = createMetrics({ processMetrics: false });
  let fail = true;
  const base = {
    handoff: {},
    async commitTurn(turn: Parameters<Storage['commitTurn']>[0]) {
      if (fail) throw new Error('SQLITE_BUSY');
      return {
        version: 2,
        messages: turn.messages.map((m, i) => ({ ...m, conversationId: turn.conversationId, seq: i + 1, createdAt: 5 })),
      };
    },
  } as unknown as Storage;
  const storage = observeStorage(base, metrics);
  const turn = {
    conversationId: 'c1',
    expectedVersion: 1,
    messages: [
      { id: 'm1', from: 'customer' as const, text: 'refund?', meta: { nlu: { intent: { name: 'refund_status', category: 'returns', confidence: 0.83 }, ranking: [], entities: [], lowConfidence: false } } },
      { id: 'b1', from: 'bot' as const, text: 'Here is how refunds work.' },
    ],
  };
  await expect(storage.commitTurn(turn)).rejects.toThrow('SQLITE_BUSY');
  expect(await value(metrics, 'support_messages_total', { from: 'customer' })).toBe(0);
  fail = false;
  await storage.commitTurn(turn);
  expect(await value(metrics, 'support_messages_total', { from: 'customer' })).toBe(1);
  expect(await value(metrics, 'support_messages_total', { from: 'bot' })).toBe(1);
  expect(await value(metrics, 'support_intents_total', { intent: 'refund_status' })).toBe(1);
  const histogram = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === 'support_intent_confidence')!;
  const buckets = histogram.values as Array<{ metricName?: string; labels: Record<string, unknown>; value: number }>;
  const le09 = buckets.find((v) => v.metricName === 'support_intent_confidence_bucket' && v.labels.le === 0.9);
  const le08 = buckets.find((v) => v.metricName === 'support_intent_confidence_bucket' && v.labels.le === 0.8);
  expect([le08?.value, le09?.value]).toEqual([0, 1]);
});
