import type { CaseStore } from '../cases';
import type { SqliteDatabase } from './database';

/** Migrations of the `cases` schema module (see modules.ts). */
export const sqliteCasesMigrations: readonly string[] = [];

export function createSqliteCasesStore(_db: SqliteDatabase, _now: () => number): CaseStore {
  return {
    async eraseConversation() {
      // No tables yet.
    },
  };
}
