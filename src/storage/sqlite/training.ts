import type { TrainingStore } from '../training';
import type { SqliteDatabase } from './database';

/** Migrations of the `training` schema module (see modules.ts). */
export const sqliteTrainingMigrations: readonly string[] = [];

export function createSqliteTrainingStore(_db: SqliteDatabase, _now: () => number): TrainingStore {
  return {
    async eraseConversation() {
      // No tables yet.
    },
  };
}
