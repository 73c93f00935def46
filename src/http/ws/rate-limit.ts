/**
 * Token bucket per socket: `capacity` frames per `windowMs`, refilled continuously. A client that
 * keeps going after being told to slow down (three windows' worth of refused frames) is abusive.
 */
export function createRateLimiter(opts: { capacity: number; windowMs: number; now?: () => number }) {
  const now = opts.now ?? Date.now;
  const ratePerMs = opts.capacity / opts.windowMs;
  let tokens = opts.capacity;
  let last = now();
  let refused = 0;
  return {
    take(): boolean {
      const t = now();
      tokens = Math.min(opts.capacity, tokens + (t - last) * ratePerMs);
      last = t;
      if (tokens >= 1) {
        tokens -= 1;
        refused = 0;
        return true;
      }
      refused += 1;
      return false;
    },
    abusive(): boolean {
      return refused > opts.capacity * 3;
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
