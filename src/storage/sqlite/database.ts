import Database from 'better-sqlite3';
import type { Logger } from 'pino';
import { sqliteMigrations } from './migrations';

export type SqliteDatabase = Database.Database;

/** How long a writer waits for another process's lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating if needed) the SQLite file, sets the pragmas the storage relies on and applies
 * pending migrations.
 *
 * - `journal_mode = WAL`: readers never block the writer.
 * - `synchronous = FULL`: every commit is fsynced before it returns, so a message we acknowledged
 *   survives kill -9 and power loss (NORMAL in WAL mode may lose the last commits on power loss).
 * - `busy_timeout`: a second process (the CLI, say) waits for the lock instead of failing.
 * - `foreign_keys = ON`: off by default in SQLite.
 */
export function openSqliteDatabase(file: string, logger?: Logger): SqliteDatabase {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('foreign_keys = ON');
    migrate(db, logger);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

function migrate(db: SqliteDatabase, logger?: Logger): void {
  // IMMEDIATE takes the write lock before reading user_version, so two processes opening a new
  // file at once cannot both apply the same migration.
  const apply = db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > sqliteMigrations.length) {
      throw new Error(
        `SQLite file is at schema version ${current}, newer than this build knows (${sqliteMigrations.length}); ` +
          'upgrade the service instead of downgrading it',
      );
    }
    for (let v = current; v < sqliteMigrations.length; v++) {
      db.exec(sqliteMigrations[v] as string);
      db.pragma(`user_version = ${v + 1}`);
      logger?.info({ version: v + 1 }, 'sqlite migration applied');
    }
  });
  apply.immediate();
}
