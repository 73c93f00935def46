import { followUpText, ratingText, slotRows, statusLabel } from '../../src/web/console/cases/format';

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
