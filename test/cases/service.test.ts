import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CASE_ID_ALPHABET, CASE_ID_PATTERN, caseIdFromSeed, newCaseId, newCaseSeed } from '../../src/cases/ids';
import { createCaseService } from '../../src/cases/service';
import { CASE_ID_ALPHABET as NLU_CASE_ID_ALPHABET, extractEntities } from '../../src/nlu/entities';
import { createSqliteStorage } from '../../src/storage/sqlite';

describe('case ids', () => {
  it('are CS- + 6 characters without look-alikes, recognised by the NLU', () => {
    expect(CASE_ID_ALPHABET).toBe(NLU_CASE_ID_ALPHABET);
    expect(CASE_ID_ALPHABET).not.toMatch(/[01IO]/);
    for (let i = 0; i < 200; i++) {
      const id = newCaseId();
      expect(id).toMatch(CASE_ID_PATTERN);
      expect(extractEntities(`status of ${id}?`)).toEqual([expect.objectContaining({ type: 'case_id', value: id })]);
    }
  });

  it('are drawn uniformly enough that 2000 draws do not repeat', () => {
    expect(new Set(Array.from({ length: 2000 }, () => newCaseId())).size).toBe(2000);
  });

  it('derived from a seed: every 30-bit seed is its own valid id, and random seeds do not repeat', () => {
    expect(caseIdFromSeed(0)).toBe('CS-222222');
    expect(caseIdFromSeed(2 ** 30 - 1)).toBe('CS-ZZZZZZ');
    expect(caseIdFromSeed(1)).not.toBe(caseIdFromSeed(32));
    const ids = Array.from({ length: 2000 }, () => caseIdFromSeed(newCaseSeed()));
    for (const id of ids) expect(id).toMatch(CASE_ID_PATTERN);
    expect(new Set(ids).size).toBe(2000);
  });
});

describe('case service', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'chat-case-service-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('retries with a fresh id on a collision and sets the follow-up time from config', async () => {
    const storage = createSqliteStorage({ file: path.join(dir, 'a.db') });
    const ids = ['CS-AAAAAA', 'CS-AAAAAA', 'CS-BBBBBB'];
    const cases = createCaseService({ storage, clock: () => 1_000, settings: { followUpHours: 48 }, newId: () => ids.shift()! });
    const first = await cases.open({ conversationId: 'c1', sourceMessageId: 'm1', kind: 'refund', details: {} });
    const second = await cases.open({ conversationId: 'c2', sourceMessageId: 'm1', kind: 'dispute', details: {} });
    expect([first.id, second.id]).toEqual(['CS-AAAAAA', 'CS-BBBBBB']);
    expect(first.followUpBy).toBe(1_000 + 48 * 3_600_000);
    expect(await cases.get(first.id)).toEqual(first);
    await storage.close();
  });
});
