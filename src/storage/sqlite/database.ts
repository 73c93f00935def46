import Database from 'better-sqlite3';
import type { Logger } from 'pino';
import { sqliteModules } from './modules';

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
 * - `secure_delete = ON`: deleted rows are overwritten with zeros, so erased text is gone from the file.
 * - `temp_store = MEMORY`: statement journals and sorts stay in memory instead of temp files.
 */
export function openSqliteDatabase(file: string, logger?: Logger): SqliteDatabase {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('foreign_keys = ON');
    // Erased conversations must not linger in freed pages of the file (admin erasure, retention).
    db.pragma('secure_delete = ON');
    db.pragma('temp_store = MEMORY');
    migrate(db, logger);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

function migrate(db: SqliteDatabase, logger?: Logger): void {
  // IMMEDIATE takes the write lock before reading the versions, so two processes opening a new
  // file at once cannot both apply the same migration.
  const apply = db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (module TEXT PRIMARY KEY, version INTEGER NOT NULL) STRICT');
    const read = db.prepare('SELECT version FROM schema_migrations WHERE module = ?').pluck();
    const write = db.prepare(
      'INSERT INTO schema_migrations (module, version) VALUES (?, ?) ON CONFLICT (module) DO UPDATE SET version = excluded.version',
    );
    for (const { module, migrations } of sqliteModules) {
      const current = (read.get(module) as number | undefined) ?? 0;
      if (current > migrations.length) {
        throw new Error(
          `SQLite file has "${module}" schema version ${current}, newer than this build knows (${migrations.length}); ` +
            'upgrade the service instead of downgrading it',
        );
      }
      for (let v = current; v < migrations.length; v++) {
        db.exec(migrations[v] as string);
        write.run(module, v + 1);
        logger?.info({ module, version: v + 1 }, 'sqlite migration applied');
      }
    }
  });
  apply.immediate();
}
