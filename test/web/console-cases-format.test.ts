import { followUpText, ratingText, slotRows, statusLabel } from '../../src/web/console/cases/format';
import { seenIntents } from '../../src/web/console/about-intents';

describe('console cases: formatting', () => {
  const hour = 3_600_000;
  test('follow-up shows what is due and flags overdue cases, never resolved ones', () => {
    expect(followUpText(10 * hour, 7 * hour, 'open')).toEqual({ text: 'due in 3 h', overdue: false });
    expect(followUpText(0, 2 * 24 * hour, 'in_review')).toEqual({ text: 'overdue by 2 d', overdue: true });
    expect(followUpText(0, 2 * 24 * hour, 'resolved')).toEqual({ text: 'resolved', overdue: false });
    expect(followUpText(60_000 * 5, 0, 'open').text).toBe('due in 5 min');
  });
  test('status labels read as words', () => {
    expect(statusLabel('waiting_on_customer')).toBe('Waiting on customer');
    expect(statusLabel('in_review')).toBe('In review');
  });
  test('slots come out as label/value rows in the order the flow asked', () => {
    const rows = slotRows({ details: { slots: { orderId: { label: 'Order id', value: '48213977' }, merchant: { label: 'Merchant', value: 'Zalando' } } } });
    expect(rows).toEqual([
      { label: 'Order id', value: '48213977' },
      { label: 'Merchant', value: 'Zalando' },
    ]);
    expect(slotRows({ details: {} })).toEqual([]);
  });
  test('ratings show as stars and a number', () => {
    expect(ratingText(2)).toBe('★★☆☆☆ 2/5');
    expect(ratingText(9)).toBe('★★★★★ 5/5');
  });
});

describe('console: intents seen in a chat, for one-click "what was this about?"', () => {
  const msg = (seq: number, from: 'customer' | 'bot', intent?: string) => ({
    seq,
    id: `m${seq}`,
    from,
    text: 'x',
    createdAt: seq,
    ...(intent ? { nlu: { intent, category: 'refund', confidence: 0.5 } } : {}),
  });
  test('the topic first, then customer messages newest first, without repeats or out_of_scope', () => {
    const c = {
      topic: { intent: 'refund_missing', category: 'refund', confidence: 0.4 },
      messages: [msg(1, 'customer', 'billing_question'), msg(2, 'bot'), msg(3, 'customer', 'out_of_scope'), msg(4, 'customer', 'refund_missing'), msg(5, 'customer', 'human_handoff')],
    };
    expect(seenIntents(c)).toEqual(['refund_missing', 'human_handoff', 'billing_question']);
    expect(seenIntents(c, 1)).toEqual(['refund_missing']);
    expect(seenIntents({ messages: [] })).toEqual([]);
  });
});
