/**
 * Verified customers: the host site, where the customer is logged in, signs the customer's id
 * with a secret it shares with this server (HMAC-SHA256, hex), and the widget passes id and
 * signature in hello (`SupportWidget.identify`). Only the server and the site know the secret, so
 * a customer cannot claim another customer's id. The same scheme as Chatwoot's `identifier_hash`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** What the page says about the logged-in customer (hello `identity`). */
export interface ClaimedIdentity {
  id: string;
  email?: string;
  name?: string;
  /** hex HMAC-SHA256 of `id` under the shared secret. */
  hash: string;
}

/** A customer the server has verified: stored in the conversation's context. */
export interface VerifiedCustomer {
  id: string;
  email?: string;
  name?: string;
  verified: true;
}

/**
 * The signature the host site computes on its server for a customer id.
 * @example signIdentity(process.env.IDENTITY_SECRET, user.id) // '5f0c…' (64 hex characters)
 */
export function signIdentity(secret: string, id: string): string {
  return createHmac('sha256', secret).update(id, 'utf8').digest('hex');
}

/** The verified customer, or undefined when the hash is not the id's signature under `secret`. Constant time. */
export function verifyIdentity(secret: string, claim: ClaimedIdentity): VerifiedCustomer | undefined {
  const expected = Buffer.from(signIdentity(secret, claim.id), 'hex');
  const given = /^[0-9a-f]{64}$/i.test(claim.hash) ? Buffer.from(claim.hash, 'hex') : Buffer.alloc(0);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return { id: claim.id, ...(claim.email ? { email: claim.email } : {}), ...(claim.name ? { name: claim.name } : {}), verified: true };
}
