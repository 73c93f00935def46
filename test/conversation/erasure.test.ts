import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createErasureService } from '../../src/conversation/erasure';
import { createSqliteStorage } from '../../src/storage/sqlite';
import type { Storage } from '../../src/storage/types';
import { startAppWith } from './app-with';

const DAY = 86_400_000;
const T0 = Date.parse('2026-01-01T00:00:00Z');

/** A SQLite storage whose row times come from a clock the test moves. */
function storageAt(file: string) {
  const clock = { now: T0 };
  const storage = createSqliteStorage({ file, now: () => clock.now });
  return { storage, clock };
}

async function conversationWithCase(storage: Storage, id: string): Promise<void> {
  await storage.createConversation({ id, tokenHash: `h-${id}`, state: 'bot', snapshot: {}, context: {} });
  await storage.commitTurn({ conversationId: id, expectedVersion: 0, messages: [{ id: 'm1', from: 'customer', text: `text of ${id}` }] });
  await storage.cases.createCase({
    id: `CS-${id.slice(-6).toUpperCase().padStart(6, 'A')}`,
    conversationId: id,
    sourceMessageId: 'm1',
    kind: 'refund',
    priority: 'normal',
    details: {},
    followUpBy: 0,
  });
  await storage.cases.addFeedback({ conversationId: id, rating: 5 });
}

describe('retention', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'chat-retention-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('the sweep erases conversations idle longer than the retention period, with their cases and feedback', async () => {
    const { storage, clock } = storageAt(path.join(dir, 'sweep.db'));
    await conversationWithCase(storage, 'c-old222');
    clock.now = T0 + 300 * DAY;
    await conversationWithCase(storage, 'c-new333');
    const erasure = createErasureService({ storage, clock: () => T0 + 400 * DAY, logger: pino({ level: 'silent' }), settings: { retentionDays: 365 } });

    expect(await erasure.sweep()).toBe(1);
    expect(await storage.getConversation('c-old222')).toBeUndefined();
    expect(await storage.cases.listCases({ conversationId: 'c-old222' })).toEqual([]);
    expect(await storage.cases.listFeedback({ conversationId: 'c-old222' })).toEqual([]);
    expect(await storage.getConversation('c-new333')).toBeDefined();
    expect(await storage.cases.listCases({ conversationId: 'c-new333' })).toHaveLength(1);
    expect(await erasure.sweep()).toBe(0);
    await storage.close();
  });

  test('the app sweeps once at start (RETENTION_DAYS)', async () => {
    const { storage } = storageAt(path.join(dir, 'app.db'));
    await conversationWithCase(storage, 'c-ancient'); // updated in January 2026: older than 30 days
    const t = await startAppWith({ storage, retentionSweepMs: 3_600_000 }, { retentionDays: 30 });
    try {
      expect(await storage.getConversation('c-ancient')).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});
