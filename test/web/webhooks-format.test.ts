import type { WebhookDeliveryView } from '../../src/protocol/webhooks';
import { canResend, outcomeText, untilText } from '../../src/web/console/webhooks/format';

const NOW = 1_700_000_000_000;
const base: WebhookDeliveryView = {
  id: 'd1', endpointId: 'we_1', eventId: 'evt_1', eventType: 'case.created', body: '{}', status: 'pending', attempts: 0,
  nextAttemptAt: NOW, createdAt: NOW, updatedAt: NOW,
};

describe('webhook deliveries wording', () => {
  test('says what the last attempt got and what happens next', () => {
    expect(outcomeText(base, NOW)).toBe('First try now');
    expect(outcomeText({ ...base, attempts: 2, lastStatusCode: 503, lastError: 'HTTP 503', nextAttemptAt: NOW + 40_000 }, NOW)).toBe('HTTP 503 — retry in 40 s');
    expect(outcomeText({ ...base, attempts: 1, lastError: 'connect ECONNREFUSED 127.0.0.1:9', nextAttemptAt: NOW + 600_000 }, NOW)).toBe('connect ECONNREFUSED 127.0.0.1:9 — retry in 10 min');
    expect(outcomeText({ ...base, status: 'failed', attempts: 8, lastError: 'timed out after 10000 ms' }, NOW)).toBe('timed out after 10000 ms — gave up');
    expect(outcomeText({ ...base, status: 'delivered', attempts: 1, lastStatusCode: 204 }, NOW)).toBe('HTTP 204');
    expect(outcomeText({ ...base, status: 'delivering', attempts: 1 }, NOW)).toBe('Sending now…');
  });

  test('durations and which deliveries may be resent', () => {
    expect([0, -5_000, 89_000, 91_000, 5_400_000, 7_200_000].map((d) => untilText(NOW + d, NOW))).toEqual(['now', 'now', 'in 89 s', 'in 2 min', 'in 2 h', 'in 2 h']);
    expect(canResend({ ...base, status: 'delivering' })).toBe(false);
    expect(['pending', 'delivered', 'failed'].every((s) => canResend({ ...base, status: s as WebhookDeliveryView['status'] }))).toBe(true);
  });
});
