import { weeklyStatsReader, type InsightsDialect, type WeeklyStatsRow } from '../insights';
import type { SqliteDatabase } from './database';

const dialect: InsightsDialect = {
  placeholder: () => '?',
  integer: (placeholder) => `CAST(${placeholder} AS INTEGER)`,
  insertionOrder: 'rowid',
};

/** `Storage.weeklyStats` on SQLite (see ../insights.ts). */
export function createSqliteWeeklyStats(db: SqliteDatabase) {
  let stmt: { all(...params: unknown[]): unknown[] } | undefined;
  return weeklyStatsReader(dialect, (sql, params) => {
    // Compiled on first use: the text never changes.
    stmt ??= db.prepare<unknown[]>(sql);
    return stmt.all(...params) as WeeklyStatsRow[];
  });
}
