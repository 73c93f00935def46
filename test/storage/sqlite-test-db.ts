import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSqliteStorage } from '../../src/storage/sqlite';
import type { Storage } from '../../src/storage/types';

/**
 * `make`/`cleanup` for a contract suite on SQLite: every test gets a fresh file in a temporary
 * directory (reading time from `clock` when given); the directories go after the file's tests.
 * Call it at the top level of a test file (it registers an afterAll).
 * @example const sqlite = sqlitePerTest(); casesContract('sqlite', sqlite.make, sqlite.cleanup);
 */
export function sqlitePerTest(): {
  make: (clock?: { now: () => number }) => Promise<Storage>;
  cleanup: (storage: Storage) => Promise<void>;
} {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  return {
    async make(clock) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'chat-contract-'));
      dirs.push(dir);
      return createSqliteStorage({ file: path.join(dir, 'chat.db'), ...(clock ? { now: clock.now } : {}) });
    },
    cleanup: (storage) => storage.close(),
  };
}
