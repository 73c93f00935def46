import { INSIGHTS_WEEK_MS, type InsightsWeek } from '../../src/protocol/insights';

/**
 * Week `i` of a range starting at `start`, all figures 0 unless given.
 * @example insightsWeek(Date.UTC(2023, 10, 20), 0, { conversations: 8, handedOver: 2 })
 */
export function insightsWeek(start: number, i: number, w: Partial<InsightsWeek> = {}): InsightsWeek {
  const from = start + i * INSIGHTS_WEEK_MS;
  return {
    from,
    to: from + INSIGHTS_WEEK_MS,
    conversations: 0,
    handedOver: 0,
    unmet: 0,
    byReason: { asked_for_human: 0, low_confidence: 0, frustration: 0, urgent_security: 0 },
    rated: 0,
    ratingSum: 0,
    ...w,
  };
}
