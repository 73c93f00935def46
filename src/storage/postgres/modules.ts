import { postgresMigrations } from './migrations';
import { postgresHandoffMigrations } from './handoff';
import { postgresCasesMigrations } from './cases';
import { postgresTrainingMigrations } from './training';
import { postgresWebhookMigrations } from './webhooks';

/**
 * Every schema module with its own ordered migrations, tracked per module in
 * `schema_migrations`, so a feature adds its tables in its own file without touching the others'.
 * Order matters only where a module references another's tables (core first).
 */
export const postgresModules: ReadonlyArray<{ module: string; migrations: readonly string[] }> = [
  { module: 'core', migrations: postgresMigrations },
  { module: 'handoff', migrations: postgresHandoffMigrations },
  { module: 'cases', migrations: postgresCasesMigrations },
  { module: 'training', migrations: postgresTrainingMigrations },
  { module: 'webhooks', migrations: postgresWebhookMigrations },
];
