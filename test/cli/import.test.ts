import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runImport } from '../../src/cli/import';
import { createSqliteStorage } from '../../src/storage/sqlite';
import { memoryIo } from '../helpers/cli-io';

const io = memoryIo;

describe('cli import', () => {
  let dir: string;
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'cli-import-'));
    process.env.DATA_DIR = dir;
    delete process.env.DATABASE_URL;
  });
  afterEach(() => {
    process.env.DATA_DIR = saved.DATA_DIR;
    if (saved.DATABASE_URL !== undefined) process.env.DATABASE_URL = saved.DATABASE_URL;
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports JSONL into the triage inbox with card numbers masked and duplicates removed', async () => {
    const file = path.join(dir, 'chats.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ text: 'my card 4111 1111 1111 1111 was charged twice', intent: 'charged_twice' }),
        JSON.stringify({ text: 'where is my refund' }),
        JSON.stringify({ text: 'Where is my   REFUND' }),
        '',
        JSON.stringify({ text: 'where is my refund' }),
      ].join('\n'),
    );
    const t = io();
    expect(await runImport(['--file', file], t.io)).toBe(0);
    expect(t.out()).toMatch(/imported 2 of 4 messages .*2 duplicates skipped.*1 with sensitive data masked/);

    // a second run adds nothing
    const again = io();
    expect(await runImport(['--file', file], again.io)).toBe(0);
    expect(again.out()).toMatch(/imported 0 of 4/);

    const storage = createSqliteStorage({ file: path.join(dir, 'chat.db') });
    try {
      const items = await storage.training.listTriage({ reason: 'imported' });
      expect(items).toHaveLength(2);
      const card = items.find((i) => i.text.includes('charged twice'))!;
      expect(card.text).not.toMatch(/4111 1111 1111 1111|4111111111111111/);
      expect(card.text).toMatch(/1111/); // the last four stay visible
      expect(card.topGuesses[0]).toMatchObject({ name: 'charged_twice', category: 'dispute' });
      expect(card).not.toHaveProperty('label');
    } finally {
      await storage.close();
    }
  });

  it('reads CSV with a text column, and explains a file without one', async () => {
    const good = path.join(dir, 'chats.csv');
    writeFileSync(good, 'text,intent\n"hello, is anyone there",greeting\nmy IBAN is DE89 3704 0044 0532 0130 00,\n');
    const t = io();
    expect(await runImport(['--file', good], t.io)).toBe(0);
    expect(t.out()).toMatch(/imported 2 of 2/);
    const storage = createSqliteStorage({ file: path.join(dir, 'chat.db') });
    try {
      const texts = (await storage.training.listTriage()).map((i) => i.text);
      expect(texts).toContain('hello, is anyone there');
      expect(texts.join(' ')).not.toContain('DE89 3704 0044 0532 0130 00');
    } finally {
      await storage.close();
    }
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, 'message\nhi\n');
    await expect(runImport(['--file', bad], io().io)).rejects.toThrow(/"text" column/);
  });

  it('has --help and refuses a missing --file', async () => {
    const h = io();
    expect(await runImport(['--help'], h.io)).toBe(0);
    expect(h.out()).toMatch(/Usage: support-bot import --file FILE/);
    const m = io();
    expect(await runImport([], m.io)).toBe(64);
    expect(m.err()).toMatch(/--file is required/);
  });
});
