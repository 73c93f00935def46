export { createPostgresStorage } from './storage';
export type { PostgresStorageOptions } from './storage';
export { postgresMigrations } from './migrations';
