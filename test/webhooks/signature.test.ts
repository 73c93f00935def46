import fc from 'fast-check';
import { retryDelayMs, DEFAULT_RETRY } from '../../src/webhooks/backoff';
import { signatureHeader, verifyWebhookSignature } from '../../src/webhooks/signature';

const NOW = 1_700_000_000_000;

describe('webhook signatures', () => {
  test('any body signed with the secret verifies; another secret, body or a stale timestamp does not', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string(), fc.string({ minLength: 1 }), (secret, body, other) => {
        const t = NOW / 1000;
        const header = signatureHeader(secret, body, t);
        expect(verifyWebhookSignature({ secret, header, body, now: NOW })).toBe(true);
        if (other !== secret) expect(verifyWebhookSignature({ secret: other, header, body, now: NOW })).toBe(false);
        expect(verifyWebhookSignature({ secret, header, body: body + 'x', now: NOW })).toBe(false);
        // Replayed six minutes later (default tolerance 300 s): refused.
        expect(verifyWebhookSignature({ secret, header, body, now: NOW + 360_000 })).toBe(false);
      }),
    );
  });

  test('the header is t=<seconds>,v1=<hex>; a forged timestamp breaks the HMAC; garbage is refused', () => {
    const header = signatureHeader('whsec_test', '{"a":1}', 1_700_000_000);
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    const moved = header.replace('t=1700000000', 't=1700000100');
    expect(verifyWebhookSignature({ secret: 'whsec_test', header: moved, body: '{"a":1}', now: 1_700_000_100_000 })).toBe(false);
    for (const bad of [undefined, '', 'v1=abc', 't=x,v1=abc', 't=1700000000', 't=1700000000,v1=' + 'a'.repeat(64)]) {
      expect(verifyWebhookSignature({ secret: 'whsec_test', header: bad, body: '{"a":1}', now: NOW })).toBe(false);
    }
    // Two v1 values (a secret being rotated): either one matching is enough.
    const both = `${header},v1=${'0'.repeat(64)}`;
    expect(verifyWebhookSignature({ secret: 'whsec_test', header: both, body: '{"a":1}', now: NOW })).toBe(true);
  });
});

describe('retry back-off', () => {
  test('doubles from the base, capped, with ±20 % jitter, and stops after the last attempt', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, DEFAULT_RETRY, mid))).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(retryDelayMs(7, DEFAULT_RETRY, mid)).toBe(640_000);
    expect(retryDelayMs(8, DEFAULT_RETRY, mid)).toBeUndefined();
    expect(retryDelayMs(5, { maxAttempts: 99, baseDelayMs: 1000, maxDelayMs: 5000 }, mid)).toBe(5000);
    expect(retryDelayMs(1, DEFAULT_RETRY, () => 0)).toBe(8000);
    expect(retryDelayMs(1, DEFAULT_RETRY, () => 0.9999999)).toBe(12_000);
  });
});
