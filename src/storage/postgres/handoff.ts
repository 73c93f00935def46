import type { Pool } from 'pg';
import type { HandoffStore } from '../handoff';

/** Migrations of the `handoff` schema module (see modules.ts). */
export const postgresHandoffMigrations: readonly string[] = [];

export function createPostgresHandoffStore(_pool: Pool, _now: () => number): HandoffStore {
  return {
    async eraseConversation() {
      // No tables yet.
    },
  };
}
