/**
 * Wire types of the operators' weekly figures (`GET /api/insights`, docs/agent-protocol.md): is the
 * bot getting better week by week? Types and constants only, no Node imports.
 */
import type { EscalationReason } from './agent';

/** Length of one bucket: seven days, counted back from the request's `now` (no time zone involved). */
export const INSIGHTS_WEEK_MS = 7 * 24 * 60 * 60 * 1000;
/** Weeks returned when the request does not say; at most `INSIGHTS_MAX_WEEKS`. */
export const INSIGHTS_DEFAULT_WEEKS = 8;
export const INSIGHTS_MAX_WEEKS = 52;

/** One week's conversations, counted by when each conversation started (`createdAt` in [from, to)). */
export interface InsightsWeek {
  /** Window start, inclusive (epoch ms). */
  from: number;
  /** Window end, exclusive (epoch ms). */
  to: number;
  /** Conversations started in the window in which the customer wrote at least once (an opened, unused widget is not one). */
  conversations: number;
  /**
   * Of those, how many were handed to a person at least once (any escalation, whatever became of
   * it, including one nobody was available to take): never counted as resolved by the bot.
   */
  handedOver: number;
  /** Of the handed over, how many had a hand-off nobody was available to take (escalation status `unmet`). */
  unmet: number;
  /** Of those, how many had an escalation with each reason (a conversation escalated twice for different reasons counts under both). */
  byReason: Record<EscalationReason, number>;
  /** Of the window's conversations, how many the customer rated (the latest rating counts when rated twice)… */
  rated: number;
  /** …and the sum of those ratings (1–5 each), so the mean is `ratingSum / rated`. */
  ratingSum: number;
}

/** A model activation inside the range, to mark on the charts (`versionId` null = the built-in model from intents/). */
export interface InsightsActivation {
  at: number;
  versionId: string | null;
  by: string;
}

export interface Insights {
  /** The end of the last week (epoch ms). */
  now: number;
  /** Oldest first; the last one ends at `now`. */
  weeks: InsightsWeek[];
  /** Oldest first, only those within the weeks' range. */
  activations: InsightsActivation[];
}
