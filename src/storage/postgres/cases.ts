import type { Pool } from 'pg';
import type { CaseStore } from '../cases';

/** Migrations of the `cases` schema module (see modules.ts). */
export const postgresCasesMigrations: readonly string[] = [];

export function createPostgresCasesStore(_pool: Pool, _now: () => number): CaseStore {
  return {
    async eraseConversation() {
      // No tables yet.
    },
  };
}
