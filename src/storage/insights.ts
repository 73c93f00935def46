/**
 * The operators' weekly figures (`Storage.weeklyStats`): what both adapters share, the SQL
 * (dialect differences passed in) and the row mapping. The counting happens in the database, one
 * row per week that has conversations; the weeks without any are filled in here.
 */
import type { EscalationReason } from '../protocol/agent';
import { INSIGHTS_WEEK_MS, type InsightsWeek } from '../protocol/insights';

/** Where the two SQL dialects differ. */
export interface InsightsDialect {
  /** The placeholder of the n-th parameter (1-based): `?` or `$n`. */
  placeholder(n: number): string;
  /**
   * The placeholder as a 64-bit integer. better-sqlite3 binds every JS number as REAL, which
   * would turn the bucket's division into a fractional one.
   */
  integer(placeholder: string): string;
  /** Column giving insertion order, to break created_at ties (`rowid` / `ord`). */
  insertionOrder: string;
}

// A Record, so the compiler insists on every EscalationReason: the query has one column per reason.
const REASON_KEYS: Record<EscalationReason, null> = { low_confidence: null, asked_for_human: null, frustration: null, urgent_security: null };
const REASONS = Object.keys(REASON_KEYS) as EscalationReason[];

/**
 * One row per week that has conversations: `bucket` is the week's index from the oldest (0), by
 * integer division of the conversation's age within the range. Each conversation is first
 * reduced to 0/1 flags and its latest rating, so one with two escalations counts once.
 * Parameters: the range's start (the buckets' origin), then again start and end (`now`) for the range.
 */
function weeklyStatsQuery(d: InsightsDialect): string {
  let n = 0;
  const param = () => d.integer(d.placeholder(++n));
  const escalated = (condition: string) =>
    `CASE WHEN EXISTS (SELECT 1 FROM escalations e WHERE e.conversation_id = c.id${condition}) THEN 1 ELSE 0 END`;
  // Placeholders are handed out in the order they appear in the text (SQLite's `?` are positional).
  const bucket = `(c.created_at - ${param()}) / ${INSIGHTS_WEEK_MS}`;
  const range = `c.created_at >= ${param()} AND c.created_at < ${param()}`;
  return `
    SELECT w.bucket,
           count(*) AS conversations,
           sum(w.handed_over) AS handed_over,
           sum(w.unmet) AS unmet,
           ${REASONS.map((r) => `sum(w.${r}) AS ${r}`).join(',\n           ')},
           count(w.rating) AS rated,
           COALESCE(sum(w.rating), 0) AS rating_sum
      FROM (SELECT ${bucket} AS bucket,
                   ${escalated('')} AS handed_over,
                   ${escalated(" AND e.status = 'unmet'")} AS unmet,
                   ${REASONS.map((r) => `${escalated(` AND e.reason = '${r}'`)} AS ${r}`).join(',\n                   ')},
                   -- The latest rating counts: a customer who rated twice changed their mind.
                   (SELECT f.rating FROM feedback f WHERE f.conversation_id = c.id
                     ORDER BY f.created_at DESC, f.${d.insertionOrder} DESC LIMIT 1) AS rating
              FROM conversations c
             WHERE ${range}
               -- A widget opened and never written in is not a conversation to count.
               AND EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.sender = 'customer')) w
     GROUP BY w.bucket`;
}

/** A row of `weeklyStatsQuery` as either driver returns it (PostgreSQL BIGINT/NUMERIC as strings). */
export type WeeklyStatsRow = { bucket: number | string } & Record<
  'conversations' | 'handed_over' | 'unmet' | EscalationReason | 'rated' | 'rating_sum',
  number | string
>;

/**
 * `Storage.weeklyStats` for an adapter: runs the query (the same text on every call) in its
 * dialect with `run` and maps its rows to every week of the range, oldest first, zeros where no
 * row came back.
 */
export function weeklyStatsReader(
  dialect: InsightsDialect,
  run: (sql: string, params: number[]) => Promise<WeeklyStatsRow[]> | WeeklyStatsRow[],
): (now: number, weeks: number) => Promise<InsightsWeek[]> {
  const sql = weeklyStatsQuery(dialect);
  return async (now, weeks) => {
    // A fractional `now` would be truncated by one database and refused by the other.
    if (!Number.isSafeInteger(now) || !Number.isSafeInteger(weeks) || weeks < 0) {
      throw new RangeError(`weeklyStats needs an integer now and a non-negative integer weeks (got ${now}, ${weeks})`);
    }
    const start = now - weeks * INSIGHTS_WEEK_MS;
    // In placeholder order: the buckets' origin, then the range [start, now).
    const rows = await run(sql, [start, start, now]);
    const byBucket = new Map(rows.map((r) => [Number(r.bucket), r]));
    return Array.from({ length: weeks }, (_, i) => {
      const from = now - (weeks - i) * INSIGHTS_WEEK_MS;
      return toWeek(from, from + INSIGHTS_WEEK_MS, byBucket.get(i));
    });
  };
}

function toWeek(from: number, to: number, r: WeeklyStatsRow | undefined): InsightsWeek {
  const count = (v: number | string | undefined) => Number(v ?? 0);
  return {
    from,
    to,
    conversations: count(r?.conversations),
    handedOver: count(r?.handed_over),
    unmet: count(r?.unmet),
    byReason: Object.fromEntries(REASONS.map((reason) => [reason, count(r?.[reason])])) as Record<EscalationReason, number>,
    rated: count(r?.rated),
    ratingSum: count(r?.rating_sum),
  };
}
