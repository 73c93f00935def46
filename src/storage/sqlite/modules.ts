import { sqliteMigrations } from './migrations';
import { sqliteHandoffMigrations } from './handoff';
import { sqliteCasesMigrations } from './cases';
import { sqliteTrainingMigrations } from './training';
import { sqliteWebhookMigrations } from './webhooks';

/**
 * Every schema module with its own ordered migrations, tracked per module in
 * `schema_migrations`, so a feature adds its tables in its own file without touching the others'.
 * Order matters only where a module references another's tables (core first).
 */
export const sqliteModules: ReadonlyArray<{ module: string; migrations: readonly string[] }> = [
  { module: 'core', migrations: sqliteMigrations },
  { module: 'handoff', migrations: sqliteHandoffMigrations },
  { module: 'cases', migrations: sqliteCasesMigrations },
  { module: 'training', migrations: sqliteTrainingMigrations },
  { module: 'webhooks', migrations: sqliteWebhookMigrations },
];
