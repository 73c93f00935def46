import { customerText, queueRow } from '../../src/web/console/queue-model';

test('a verified customer is named with a "verified" badge in the queue and chat header; anyone else is not', () => {
  expect(customerText({ name: 'Jane Doe', email: 'jane@shop.example', verified: true })).toBe('Jane Doe (jane@shop.example) · verified');
  expect(customerText({ email: 'jane@shop.example', verified: true })).toBe('jane@shop.example · verified');
  expect(customerText({ verified: true })).toBe('Customer · verified');
  expect(customerText({ name: 'Claimed Name', verified: false })).toBe('');
  expect(customerText(undefined)).toBe('');
  const row = queueRow({ conversationId: 'c1', reason: 'asked_for_human', priority: 'normal', waitingSince: 0, customer: { name: 'Sam', verified: true } }, 61_000);
  expect(row.customerText).toBe('Sam · verified');
  expect(row.label).toContain('Sam · verified.');
});
