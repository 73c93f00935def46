import { freeSlots, type AgentPresence } from './presence';

/** How many of the most recent pickups the estimate looks at. */
export const PICKUP_WINDOW = 20;
/** Estimates are rounded up to this step, so the widget does not flicker between 2:10 and 2:20. */
export const WAIT_STEP_SECONDS = 30;

export interface WaitEstimateInput {
  /** 1-based place in the queue (1 = next). Values below 1 count as 1. */
  position: number;
  /** The agents known to the node; only `online` ones count. Their capacity gives free slots. */
  onlineAgents: ReadonlyArray<Pick<AgentPresence, 'status' | 'capacity' | 'activeChats'>>;
  /**
   * Seconds from entering the queue to being claimed, for recent pickups, most recent last.
   * Only the last {@link PICKUP_WINDOW} count; negative or non-finite values are ignored.
   * @example [45, 130, 90]
   */
  recentPickupSeconds: readonly number[];
  /** Pickup time assumed while there is no history yet. Default 120. */
  defaultPickupSeconds?: number;
}

/**
 * Estimated seconds until the customer at `position` is picked up, or undefined when no agent is
 * online (the caller then says so honestly and offers a case instead).
 *
 * Formula:
 * ```
 * pickup  = median(last 20 valid recentPickupSeconds)   (defaultPickupSeconds when none)
 * lanes   = max(1, onlineAgentCount, freeSlots)
 * rounds  = ceil(position / lanes)
 * seconds = roundUpTo30(pickup × rounds), at least 30
 * ```
 * The median ignores the odd chat that sat unclaimed for an hour. `lanes` is how many customers are
 * served in parallel: every free slot can take someone now, and when everyone is busy each online
 * agent still frees a slot about once per pickup time. Taking the larger of the two keeps the
 * estimate monotone: one more agent or one more free slot never makes it longer.
 * @example estimateWaitSeconds({ position: 3, onlineAgents: [agentWithRoom], recentPickupSeconds: [60] }) // 180
 */
export function estimateWaitSeconds(input: WaitEstimateInput): number | undefined {
  const online = input.onlineAgents.filter((a) => a.status === 'online').length;
  if (online === 0) return undefined;
  const fallback = input.defaultPickupSeconds ?? 120;
  const pickup = median(validPickups(input.recentPickupSeconds)) ?? (Number.isFinite(fallback) ? Math.max(0, fallback) : 120);
  const lanes = Math.max(1, online, freeSlots(input.onlineAgents));
  const position = Number.isFinite(input.position) ? Math.max(1, Math.floor(input.position)) : 1;
  const raw = pickup * Math.ceil(position / lanes);
  return Math.max(WAIT_STEP_SECONDS, Math.ceil(raw / WAIT_STEP_SECONDS) * WAIT_STEP_SECONDS);
}

function validPickups(seconds: readonly number[]): number[] {
  return seconds.slice(-PICKUP_WINDOW).filter((s) => Number.isFinite(s) && s >= 0);
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * A wait for people: "less than a minute", "about 1 minute", "about 3 minutes", "about 2 hours".
 * Minutes and hours are rounded to the nearest whole one; negative input counts as 0.
 * @throws RangeError for NaN or infinite input (an estimate is either a number or absent).
 */
export function formatWait(seconds: number): string {
  if (!Number.isFinite(seconds)) throw new RangeError(`formatWait needs a finite number of seconds, got ${seconds}`);
  const s = Math.max(0, seconds);
  if (s < 60) return 'less than a minute';
  const minutes = Math.round(s / 60);
  if (minutes < 60) return minutes === 1 ? 'about 1 minute' : `about ${minutes} minutes`;
  const hours = Math.round(s / 3600);
  return hours === 1 ? 'about 1 hour' : `about ${hours} hours`;
}
