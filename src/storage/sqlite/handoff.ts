import type { HandoffStore } from '../handoff';
import type { SqliteDatabase } from './database';

/** Migrations of the `handoff` schema module (see modules.ts). */
export const sqliteHandoffMigrations: readonly string[] = [];

export function createSqliteHandoffStore(_db: SqliteDatabase, _now: () => number): HandoffStore {
  return {
    async eraseConversation() {
      // No tables yet.
    },
  };
}
