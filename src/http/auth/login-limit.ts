/**
 * Login throttles: token buckets of `attempts` refilled over `windowMs`, one per key. In memory
 * per node, which is enough to make password guessing slow. The routes key one limiter on the
 * real peer address (see TRUST_PROXY) and one on the account, so neither rotating forged
 * X-Forwarded-For headers nor spreading guesses over many addresses gets more tries.
 */
export function createLoginLimiter(opts: { attempts?: number; windowMs?: number; clock?: () => number } = {}) {
  const attempts = opts.attempts ?? 10;
  const windowMs = opts.windowMs ?? 60_000;
  const clock = opts.clock ?? Date.now;
  const buckets = new Map<string, { tokens: number; at: number }>();

  function bucket(key: string) {
    const now = clock();
    const b = buckets.get(key) ?? { tokens: attempts, at: now };
    b.tokens = Math.min(attempts, b.tokens + ((now - b.at) / windowMs) * attempts);
    b.at = now;
    buckets.set(key, b);
    if (buckets.size > 10_000) {
      for (const [k, v] of buckets) if (v.tokens >= attempts) buckets.delete(k);
    }
    return b;
  }

  return {
    /** Whether `key` may try now; each try costs a token. */
    take(key: string): boolean {
      const b = bucket(key);
      if (b.tokens < 1) return false;
      b.tokens -= 1;
      return true;
    },
    /** Whether `key` has a try left, without spending it. */
    allowed(key: string): boolean {
      return bucket(key).tokens >= 1;
    },
    /** Spends a try of `key` (a failed attempt); answers whether this one used up the last. */
    fail(key: string): boolean {
      const b = bucket(key);
      b.tokens = Math.max(0, b.tokens - 1);
      return b.tokens < 1;
    },
    /** Seconds until the next try is allowed. */
    retryAfterSeconds(key: string): number {
      const b = bucket(key);
      return b.tokens >= 1 ? 0 : Math.ceil(((1 - b.tokens) * windowMs) / attempts / 1000);
    },
  };
}
