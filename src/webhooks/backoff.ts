/** When to retry a failed delivery, and when to give up. */
export interface RetryPolicy {
  /** Attempts in all, the first included; after the last failure the delivery is `failed`. Default 8. */
  maxAttempts: number;
  /** Delay after the first failure; doubles with each further one. Default 10 s. */
  baseDelayMs: number;
  /** Longest delay between two attempts. Default 1 h. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 10_000, maxDelayMs: 3_600_000 };

/**
 * Exponential back-off with ±20 % jitter (so many receivers failing at once do not retry in
 * lockstep): `base · 2^(attempts-1)`, capped. Undefined once `attempts` reached the maximum.
 * @example retryDelayMs(3, DEFAULT_RETRY, () => 0.5) // 40_000
 */
export function retryDelayMs(attempts: number, policy: RetryPolicy, random: () => number = Math.random): number | undefined {
  if (attempts >= policy.maxAttempts) return undefined;
  const raw = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(raw * (0.8 + 0.4 * random()));
}
