import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createSqliteStorage, openSqliteDatabase, sqliteMigrations } from '../../src/storage/sqlite';
import type { Storage } from '../../src/storage/types';
import { msg, newConversation, storageContract } from './contract';

const dirs: string[] = [];
const fileOf = new Map<Storage, string>();

function tempFile(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'chat-sqlite-'));
  dirs.push(dir);
  return path.join(dir, 'chat.db');
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

storageContract(
  'sqlite',
  async () => {
    const file = tempFile();
    const storage = createSqliteStorage({ file });
    fileOf.set(storage, file);
    return storage;
  },
  async (storage) => storage.close(),
  { openAnother: async (storage) => createSqliteStorage({ file: fileOf.get(storage)! }) },
);

describe('SQLite adapter', () => {
  it('opens with WAL, synchronous=FULL, a busy timeout and foreign keys on', () => {
    const db = openSqliteDatabase(tempFile());
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL
      expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      db.close();
    }
  });

  it('applies migrations once and keeps the data when reopened', async () => {
    const file = tempFile();
    const first = createSqliteStorage({ file });
    const c = await first.createConversation(newConversation());
    await first.commitTurn({ conversationId: c.id, expectedVersion: 0, messages: [msg('m1')] });
    await first.close();

    const second = createSqliteStorage({ file });
    try {
      expect((await second.messagesAfter(c.id, 0)).map((m) => m.id)).toEqual(['m1']);
    } finally {
      await second.close();
    }
    const raw = new Database(file, { readonly: true });
    try {
      const version = raw.prepare("SELECT version FROM schema_migrations WHERE module = 'core'").pluck().get();
      expect(version).toBe(sqliteMigrations.length);
    } finally {
      raw.close();
    }
  });

  it('refuses a file written by a newer schema instead of guessing', () => {
    const file = tempFile();
    createSqliteStorage({ file }).close();
    const raw = new Database(file);
    raw.prepare("UPDATE schema_migrations SET version = ? WHERE module = 'core'").run(sqliteMigrations.length + 1);
    raw.close();
    expect(() => createSqliteStorage({ file })).toThrow(/newer than this build/);
  });

  it('enforces at most one open escalation per conversation in the schema itself', async () => {
    const file = tempFile();
    const storage = createSqliteStorage({ file });
    const c = await storage.createConversation(newConversation());
    await storage.commitTurn({
      conversationId: c.id,
      expectedVersion: 0,
      messages: [],
      escalation: { reason: 'asked_for_human', priority: 'normal', summary: {} },
    });
    await storage.close();
    const raw = new Database(file);
    try {
      const insert = raw.prepare(
        `INSERT INTO escalations (id, conversation_id, reason, priority, status, summary, created_at) VALUES (?, ?, 'x', 'normal', ?, '{}', 0)`,
      );
      expect(() => insert.run('e2', c.id, 'assigned')).toThrow(/UNIQUE/);
      expect(() => insert.run('e3', c.id, 'closed')).not.toThrow();
    } finally {
      raw.close();
    }
  });

  it('keeps an acknowledged turn when the process is killed with SIGKILL right after the commit', async () => {
    const file = tempFile();
    const script = path.join(__dirname, 'fixtures', 'commit-then-hang.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script, file], {
      cwd: path.join(__dirname, '..', '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
      child.on('exit', (code, signal) => resolve(signal ?? code)),
    );
    const conversationId = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /committed (\S+)\n/.exec(out);
        if (m) {
          // No close(), no checkpoint: the process dies holding the database open.
          child.kill('SIGKILL');
          resolve(m[1]!);
        }
      });
      void exited.then((how) => reject(new Error(`child exited (${how}) before committing: ${stderr}`)));
    });
    expect(await exited).toBe('SIGKILL');

    const storage = createSqliteStorage({ file });
    try {
      expect(await storage.getConversation(conversationId)).toMatchObject({ version: 1, lastSeq: 2, state: 'queued', snapshot: { value: 'after' } });
      expect((await storage.messagesAfter(conversationId, 0)).map((m) => [m.seq, m.id, m.text])).toEqual([
        [1, 'm1', 'my card was stolen'],
        [2, 'b1', 'Connecting you to an agent'],
      ]);
      expect(await storage.listEscalations({ conversationId })).toHaveLength(1);
    } finally {
      await storage.close();
    }
  });
});
