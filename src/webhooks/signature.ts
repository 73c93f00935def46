import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const SIGNATURE_HEADER = 'x-webhook-signature';

/**
 * The signature header value for `body` sent at `timestampSeconds` (Stripe's scheme: the
 * timestamp is signed with the body, so a captured request cannot be replayed later).
 * @example signatureHeader('whsec_…', '{"id":"evt_1"}', 1700000000) // 't=1700000000,v1=5f0c…'
 */
export function signatureHeader(secret: string, body: string, timestampSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${mac}`;
}

export interface VerifyOptions {
  secret: string;
  /** The received header value. */
  header: string | undefined;
  /** The raw request body, exactly as received (not re-serialised JSON). */
  body: string;
  /** Oldest accepted timestamp, in seconds from now. Default 300. */
  toleranceSeconds?: number;
  /** Epoch ms; default `Date.now()`. */
  now?: number;
}

/**
 * What a receiver runs: true when the header's HMAC matches the body and the timestamp is within
 * the tolerance (older deliveries are refused as possible replays). Compares in constant time.
 * @example verifyWebhookSignature({ secret, header: req.headers['x-webhook-signature'], body: rawBody })
 */
export function verifyWebhookSignature(options: VerifyOptions): boolean {
  const { secret, header, body } = options;
  if (!header) return false;
  const parts = new Map<string, string[]>();
  for (const item of header.split(',')) {
    const eq = item.indexOf('=');
    if (eq <= 0) continue;
    const key = item.slice(0, eq).trim();
    parts.set(key, [...(parts.get(key) ?? []), item.slice(eq + 1).trim()]);
  }
  const t = Number(parts.get('t')?.[0]);
  if (!Number.isInteger(t)) return false;
  const nowSeconds = Math.floor((options.now ?? Date.now()) / 1000);
  if (Math.abs(nowSeconds - t) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.${body}`).digest('hex'));
  // Several v1 values may be present (a secret being rotated): any match is enough.
  return (parts.get('v1') ?? []).some((v) => {
    const got = Buffer.from(v);
    return got.length === expected.length && timingSafeEqual(got, expected);
  });
}
