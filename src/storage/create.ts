import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { maskSensitive } from '../privacy';
import { withMasking, type TextMask } from './masked';
import { createPostgresStorage } from './postgres';
import { createSqliteStorage } from './sqlite';
import type { Storage } from './types';

/** Name of the SQLite file inside `DATA_DIR`. */
export const SQLITE_FILE_NAME = 'chat.db';

/**
 * The storage the configuration asks for: PostgreSQL when `DATABASE_URL` is set (several nodes),
 * otherwise SQLite at `<DATA_DIR>/chat.db` (the directory is created). Migrations are applied
 * before it resolves. Every write goes through the masking gate (masked.ts) with `mask`
 * (default: privacy's maskSensitive with the default order-id pattern).
 * @example const storage = await createStorage(config, logger.child({ part: 'storage' }));
 */
export async function createStorage(
  config: Pick<Config, 'dataDir' | 'databaseUrl'>,
  logger?: Logger,
  mask: TextMask = (text) => maskSensitive(text).text,
): Promise<Storage> {
  if (config.databaseUrl) {
    logger?.info('storage: postgresql');
    return withMasking(await createPostgresStorage({ connectionString: config.databaseUrl, logger }), mask);
  }
  mkdirSync(config.dataDir, { recursive: true });
  const file = path.join(config.dataDir, SQLITE_FILE_NAME);
  logger?.info({ file }, 'storage: sqlite');
  return withMasking(createSqliteStorage({ file, logger }), mask);
}
