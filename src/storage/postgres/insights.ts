import type { Pool } from 'pg';
import { weeklyStatsReader, type InsightsDialect, type WeeklyStatsRow } from '../insights';

const dialect: InsightsDialect = {
  placeholder: (n) => `$${n}`,
  integer: (placeholder) => `${placeholder}::bigint`,
  insertionOrder: 'ord',
};

/** `Storage.weeklyStats` on PostgreSQL (see ../insights.ts). */
export function createPostgresWeeklyStats(pool: Pool) {
  return weeklyStatsReader(dialect, async (text, values) => (await pool.query<WeeklyStatsRow>({ name: 'chat_weekly_stats', text, values })).rows);
}
