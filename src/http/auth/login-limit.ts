/**
 * Failed-login throttle per client IP: a token bucket of `attempts` refilled over `windowMs`.
 * In memory per node, which is enough to make password guessing slow.
 */
export function createLoginLimiter(opts: { attempts?: number; windowMs?: number; clock?: () => number } = {}) {
  const attempts = opts.attempts ?? 10;
  const windowMs = opts.windowMs ?? 60_000;
  const clock = opts.clock ?? Date.now;
  const buckets = new Map<string, { tokens: number; at: number }>();

  function bucket(ip: string) {
    const now = clock();
    const b = buckets.get(ip) ?? { tokens: attempts, at: now };
    b.tokens = Math.min(attempts, b.tokens + ((now - b.at) / windowMs) * attempts);
    b.at = now;
    buckets.set(ip, b);
    if (buckets.size > 10_000) {
      for (const [key, v] of buckets) if (v.tokens >= attempts) buckets.delete(key);
    }
    return b;
  }

  return {
    /** Whether this IP may try now; each try costs a token. */
    take(ip: string): boolean {
      const b = bucket(ip);
      if (b.tokens < 1) return false;
      b.tokens -= 1;
      return true;
    },
    /** Seconds until the next try is allowed. */
    retryAfterSeconds(ip: string): number {
      const b = bucket(ip);
      return b.tokens >= 1 ? 0 : Math.ceil(((1 - b.tokens) * windowMs) / attempts / 1000);
    },
  };
}
