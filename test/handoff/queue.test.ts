import { createHandoffQueue, previewOf } from '../../src/handoff/queue';
import type { StatusFrame } from '../../src/protocol/customer';
import type { EscalationStatus, QueuedEscalation } from '../../src/storage/types';
import { escalation } from './fakes';

function queued(id: string, overrides: Partial<QueuedEscalation> = {}): QueuedEscalation {
  return { ...escalation(`e-${id}`, id), conversationState: 'queued', recentCustomerTexts: [], ...overrides };
}

function setup(rows: QueuedEscalation[]) {
  const cancelled: string[] = [];
  const statuses: Array<[string, Omit<StatusFrame, 'type'>]> = [];
  let queueReads = 0;
  const queue = createHandoffQueue({
    storage: {
      async listQueue() {
        queueReads++;
        return rows.filter((r) => r.status === 'queued');
      },
      async updateEscalationStatus(id: string, status: EscalationStatus, opts?: { from?: EscalationStatus[] }) {
        const r = rows.find((x) => x.id === id);
        if (!r || (opts?.from && !opts.from.includes(r.status))) return undefined;
        r.status = status;
        cancelled.push(id);
        return r;
      },
      listEscalations: async () => [],
      getConversation: async () => undefined,
      messagesAfter: async () => [],
    },
    store: { recentPickupSeconds: async () => [60, 60, 60] },
    conversations: { publishStatus: async (id, status) => void statuses.push([id, status]) },
  });
  return { queue, cancelled, statuses, reads: () => queueReads };
}

describe('hand-off queue', () => {
  test('urgent first, then by waiting time; the bot’s topic, what it collected and the customer’s latest lines', async () => {
    const t = setup([
      queued('old', { createdAt: 10, recentCustomerTexts: ['my refund', 'where is it'], summary: { intent: 'refund_status', category: 'refund', confidence: 0.4, entities: { order_id: { value: '1', text: '1' } } } }),
      queued('new', { createdAt: 20 }),
      queued('urgent', { createdAt: 30, priority: 'urgent', reason: 'urgent_security' }),
    ]);
    const entries = await t.queue.snapshot();
    expect(entries.map((e) => e.conversationId)).toEqual(['urgent', 'old', 'new']);
    expect(entries[1]).toEqual({
      conversationId: 'old',
      reason: 'asked_for_human',
      priority: 'normal',
      waitingSince: 10,
      preview: 'my refund / where is it',
      topic: { intent: 'refund_status', category: 'refund', confidence: 0.4 },
      collected: { order_id: { value: '1', text: '1' } },
    });
    expect(entries[2]).not.toHaveProperty('topic');
    expect(t.reads()).toBe(1); // one read however long the queue
  });

  test('a chat the customer closed while waiting leaves the queue and its escalation is cancelled, once', async () => {
    const t = setup([queued('left', { conversationState: 'closed' }), queued('waiting', { createdAt: 5 })]);
    expect((await t.queue.snapshot()).map((e) => e.conversationId)).toEqual(['waiting']);
    expect(t.cancelled).toEqual(['e-left']);
    await t.queue.snapshot();
    expect(t.cancelled).toEqual(['e-left']);
  });

  test('a long preview is cut to 200 characters with an ellipsis', () => {
    const long = 'x'.repeat(150);
    expect(previewOf([long, long])).toHaveLength(200);
    expect(previewOf([long, long]).endsWith('…')).toBe(true);
    expect(previewOf(['a', 'b'])).toBe('a / b');
    expect(previewOf([])).toBe('');
  });

  test('each waiting customer is told their place', async () => {
    const t = setup([queued('a', { createdAt: 1 }), queued('b', { createdAt: 2 })]);
    await t.queue.announceWaits(await t.queue.snapshot(), []);
    expect(t.statuses.map(([id, s]) => [id, s.state, s.queuePosition])).toEqual([
      ['a', 'queued', 1],
      ['b', 'queued', 2],
    ]);
  });
});
