/** Reconnect delays: exponential from `baseMs`, capped at `capMs`, with jitter so clients do not reconnect in lockstep. */
export interface BackoffOptions {
  /** First delay before jitter, ms. Default 500. */
  baseMs: number;
  /** Longest delay, ms. Default 10 000. */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, capMs: 10_000 };

/**
 * Delay before reconnect attempt `attempt` (0 = first retry): "equal jitter", a random value
 * between half and all of min(cap, base·2^attempt).
 * @example backoffDelay(0) // 250..500
 */
export function backoffDelay(attempt: number, opts: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const ceiling = Math.min(opts.capMs, opts.baseMs * 2 ** Math.min(Math.max(attempt, 0), 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
