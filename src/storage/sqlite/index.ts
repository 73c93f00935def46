export { createSqliteStorage } from './storage';
export type { SqliteStorageOptions } from './storage';
export { openSqliteDatabase } from './database';
export { sqliteMigrations } from './migrations';
