import type { Pool } from 'pg';
import type { TrainingStore } from '../training';

/** Migrations of the `training` schema module (see modules.ts). */
export const postgresTrainingMigrations: readonly string[] = [];

export function createPostgresTrainingStore(_pool: Pool, _now: () => number): TrainingStore {
  return {
    async eraseConversation() {
      // No tables yet.
    },
  };
}
