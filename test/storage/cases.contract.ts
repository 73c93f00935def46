import { randomUUID } from 'node:crypto';
import { CaseIdTakenError, type NewCase } from '../../src/storage/cases';
import type { Storage } from '../../src/storage/types';

function newCase(conversationId: string, overrides: Partial<NewCase> = {}): NewCase {
  return {
    id: `CS-${randomUUID().replace(/[^A-Z2-9]/gi, '').toUpperCase().slice(0, 6).padEnd(6, 'X')}`,
    conversationId,
    sourceMessageId: `m-${randomUUID()}`,
    kind: 'dispute',
    priority: 'normal',
    details: { slots: { orderId: { label: 'Order id', value: '48213977' } } },
    followUpBy: 1_700_086_400_000,
    ...overrides,
  };
}

async function conversation(storage: Storage, id = `c-${randomUUID()}`): Promise<string> {
  await storage.createConversation({ id, tokenHash: `h-${id}`, state: 'bot', snapshot: {}, context: {} });
  return id;
}

/** The cases sub-store and the core erase/idle queries, the same on every adapter. */
export function casesContract(name: string, open: () => Promise<Storage>, close: (s: Storage) => Promise<void>): void {
  describe(`cases store contract: ${name}`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await open();
    });
    afterEach(async () => {
      await close(storage);
    });

    test('creates, reads back and lists cases newest first, filtered by status and conversation', async () => {
      const c1 = await conversation(storage);
      const c2 = await conversation(storage);
      const a = await storage.cases.createCase(newCase(c1, { id: 'CS-AAAAA2', email: 'jane@example.com' }));
      expect(a).toMatchObject({ id: 'CS-AAAAA2', status: 'open', email: 'jane@example.com', details: { slots: { orderId: { value: '48213977' } } } });
      await storage.cases.createCase(newCase(c2, { id: 'CS-BBBBB3', kind: 'refund' }));
      expect(await storage.cases.getCase('CS-AAAAA2')).toEqual(a);
      expect((await storage.cases.listCases()).map((c) => c.id)).toEqual(['CS-BBBBB3', 'CS-AAAAA2']);
      expect((await storage.cases.listCases({ conversationId: c1 })).map((c) => c.id)).toEqual(['CS-AAAAA2']);
      await storage.cases.updateCaseStatus('CS-BBBBB3', 'in_review');
      expect((await storage.cases.listCases({ status: 'in_review' })).map((c) => c.id)).toEqual(['CS-BBBBB3']);
      expect(await storage.cases.updateCaseStatus('CS-NOPE22', 'resolved')).toBeUndefined();
      expect(await storage.cases.getCase('CS-NOPE22')).toBeUndefined();
    });

    test('a verified customer\'s cases come from all their conversations, never from another customer\'s or an unverified claim', async () => {
      const mine1 = `c-${randomUUID()}`;
      const mine2 = `c-${randomUUID()}`;
      const other = `c-${randomUUID()}`;
      const anonymous = await conversation(storage);
      const ctx = (id: string, verified = true) => ({ customer: { id, email: `${id}@shop.example`, verified } as never });
      await storage.createConversation({ id: mine1, tokenHash: `h-${mine1}`, state: 'bot', snapshot: {}, context: ctx('cust-42') });
      await storage.createConversation({ id: mine2, tokenHash: `h-${mine2}`, state: 'bot', snapshot: {}, context: ctx('cust-42') });
      await storage.createConversation({ id: other, tokenHash: `h-${other}`, state: 'bot', snapshot: {}, context: ctx('cust-7') });
      await storage.cases.createCase(newCase(mine1, { id: 'CS-MINE12' }));
      await storage.cases.createCase(newCase(other, { id: 'CS-OTHER2' }));
      await storage.cases.createCase(newCase(mine2, { id: 'CS-MINE22' }));
      await storage.cases.createCase(newCase(anonymous, { id: 'CS-ANON22' }));
      expect((await storage.cases.listCustomerCases('cust-42')).map((c) => c.id)).toEqual(['CS-MINE22', 'CS-MINE12']);
      expect((await storage.cases.listCustomerCases('cust-42', 1)).map((c) => c.id)).toEqual(['CS-MINE22']);
      expect(await storage.cases.listCustomerCases('cust-404')).toEqual([]);
      // a stored context that was never verified does not count
      const forged = `c-${randomUUID()}`;
      await storage.createConversation({ id: forged, tokenHash: `h-${forged}`, state: 'bot', snapshot: {}, context: ctx('cust-99', false) });
      await storage.cases.createCase(newCase(forged, { id: 'CS-FORGE2' }));
      expect(await storage.cases.listCustomerCases('cust-99')).toEqual([]);
    });

    test('creating twice for one customer message returns the first case; a taken id is refused', async () => {
      const c = await conversation(storage);
      const first = await storage.cases.createCase(newCase(c, { id: 'CS-CCCCC4', sourceMessageId: 'm1' }));
      const again = await storage.cases.createCase(newCase(c, { id: 'CS-DDDDD5', sourceMessageId: 'm1' }));
      expect(again).toEqual(first);
      await expect(storage.cases.createCase(newCase(c, { id: 'CS-CCCCC4', sourceMessageId: 'm2' }))).rejects.toBeInstanceOf(CaseIdTakenError);
    });

    test('commitTurn writes the turn\'s case in the same transaction as its messages', async () => {
      const c = await conversation(storage);
      const { id: _ignored, conversationId: _c, ...rest } = newCase(c, { sourceMessageId: 'm1', kind: 'refund', priority: 'urgent', email: 'jane@example.com' });
      const result = await storage.commitTurn({
        conversationId: c,
        expectedVersion: 0,
        messages: [{ id: 'm1', from: 'customer', text: 'it was weeks ago' }, { id: 'b1', from: 'bot', text: 'I opened case CS-EEEEE6' }],
        state: 'bot',
        case: { ...rest, id: 'CS-EEEEE6' },
      });
      expect(result.case).toMatchObject({ id: 'CS-EEEEE6', conversationId: c, kind: 'refund', priority: 'urgent', status: 'open', email: 'jane@example.com', sourceMessageId: 'm1' });
      expect(await storage.cases.getCase('CS-EEEEE6')).toEqual(result.case);
      expect(result.messages.map((m) => m.seq)).toEqual([1, 2]);
    });

    test('commitTurn sets the email of a case the conversation opened earlier, in the turn; never another conversation\'s case', async () => {
      const c = await conversation(storage);
      const other = await conversation(storage);
      await storage.cases.createCase(newCase(c, { id: 'CS-HHHHH9', sourceMessageId: 'm1' }));
      await storage.cases.createCase(newCase(other, { id: 'CS-JJJJJ2', sourceMessageId: 'm1' }));
      const before = await storage.cases.getCase('CS-HHHHH9');
      expect(before?.email).toBeUndefined();
      const result = await storage.commitTurn({
        conversationId: c,
        expectedVersion: 0,
        messages: [{ id: 'm2', from: 'customer', text: 'jane@example.com' }, { id: 'b2', from: 'bot', text: 'Added to CS-HHHHH9' }],
        caseEmail: { caseId: 'CS-HHHHH9', email: 'jane@example.com' },
      });
      expect(result.caseEmailSet).toMatchObject({ id: 'CS-HHHHH9', conversationId: c, email: 'jane@example.com', status: 'open', kind: 'dispute' });
      expect(await storage.cases.getCase('CS-HHHHH9')).toEqual(result.caseEmailSet);
      expect(result.caseEmailSet!.updatedAt).toBeGreaterThanOrEqual(before!.updatedAt);
      // Another conversation's case (or an unknown id) is left alone, and the turn still commits.
      const stray = await storage.commitTurn({ conversationId: c, expectedVersion: 1, messages: [{ id: 'm3', from: 'customer', text: 'x@example.com' }], caseEmail: { caseId: 'CS-JJJJJ2', email: 'x@example.com' } });
      expect(stray.caseEmailSet).toBeUndefined();
      expect(stray.messages).toHaveLength(1);
      expect((await storage.cases.getCase('CS-JJJJJ2'))?.email).toBeUndefined();
      const unknown = await storage.commitTurn({ conversationId: c, expectedVersion: 2, messages: [], caseEmail: { caseId: 'CS-NOPE22', email: 'x@example.com' } });
      expect(unknown.caseEmailSet).toBeUndefined();
    });

    test('a turn that fails (stale version) does not set the case email', async () => {
      const c = await conversation(storage);
      await storage.cases.createCase(newCase(c, { id: 'CS-KKKKK3', sourceMessageId: 'm1' }));
      await expect(
        storage.commitTurn({ conversationId: c, expectedVersion: 5, messages: [{ id: 'm2', from: 'customer', text: 'jane@example.com' }], caseEmail: { caseId: 'CS-KKKKK3', email: 'jane@example.com' } }),
      ).rejects.toThrow();
      expect((await storage.cases.getCase('CS-KKKKK3'))?.email).toBeUndefined();
    });

    test('a turn whose case id is taken writes nothing: no message, no escalation, no case, same version', async () => {
      const other = await conversation(storage);
      await storage.cases.createCase(newCase(other, { id: 'CS-FFFFF7' }));
      const c = await conversation(storage);
      const turn = {
        conversationId: c,
        expectedVersion: 0,
        messages: [{ id: 'm1', from: 'customer' as const, text: 'the seller never delivered' }],
        state: 'queued' as const,
        escalation: { reason: 'asked_for_human' as const, priority: 'normal' as const, summary: {} },
        case: { id: 'CS-FFFFF7', sourceMessageId: 'm1', kind: 'dispute' as const, priority: 'normal' as const, details: {}, followUpBy: 1 },
      };
      await expect(storage.commitTurn(turn)).rejects.toBeInstanceOf(CaseIdTakenError);
      expect(await storage.messagesAfter(c, 0)).toEqual([]);
      expect(await storage.listEscalations({ conversationId: c })).toEqual([]);
      expect(await storage.cases.listCases({ conversationId: c })).toEqual([]);
      expect(await storage.getConversation(c)).toMatchObject({ version: 0, lastSeq: 0, state: 'bot' });
      // Retried with another id, the same turn goes through.
      const retried = await storage.commitTurn({ ...turn, case: { ...turn.case, id: 'CS-GGGGG8' } });
      expect(retried.case?.id).toBe('CS-GGGGG8');
      expect(retried.messages).toHaveLength(1);
    });

    test('feedback: stored, listed newest first, filtered by conversation and bad ratings', async () => {
      const c = await conversation(storage);
      await storage.cases.addFeedback({ conversationId: c, rating: 5 });
      await storage.cases.addFeedback({ conversationId: c, rating: 2, comment: 'slow' });
      expect(await storage.cases.listFeedback({ conversationId: c })).toEqual([
        expect.objectContaining({ rating: 2, comment: 'slow' }),
        expect.objectContaining({ rating: 5 }),
      ]);
      expect((await storage.cases.listFeedback({ maxRating: 2 })).map((f) => f.rating)).toEqual([2]);
    });

    test('eraseConversation removes that conversation\'s cases and feedback, and the core rows, nothing else', async () => {
      const gone = await conversation(storage);
      const kept = await conversation(storage);
      for (const c of [gone, kept]) {
        await storage.commitTurn({
          conversationId: c,
          expectedVersion: 0,
          messages: [{ id: 'm1', from: 'customer', text: 'hello' }],
          escalation: { reason: 'asked_for_human', priority: 'normal', summary: {} },
        });
        await storage.cases.createCase(newCase(c));
        await storage.cases.addFeedback({ conversationId: c, rating: 1 });
      }
      await storage.cases.eraseConversation(gone);
      await storage.eraseConversation(gone);
      await storage.eraseConversation('c-never-existed');
      expect(await storage.getConversation(gone)).toBeUndefined();
      expect(await storage.messagesAfter(gone, 0)).toEqual([]);
      expect(await storage.listEscalations({ conversationId: gone })).toEqual([]);
      expect(await storage.cases.listCases({ conversationId: gone })).toEqual([]);
      expect(await storage.cases.listFeedback({ conversationId: gone })).toEqual([]);
      expect(await storage.messagesAfter(kept, 0)).toHaveLength(1);
      expect(await storage.cases.listCases({ conversationId: kept })).toHaveLength(1);
      expect(await storage.cases.listFeedback({ conversationId: kept })).toHaveLength(1);
    });

    test('conversationsIdleSince lists conversations last updated before a time, oldest first', async () => {
      const a = await conversation(storage);
      const b = await conversation(storage);
      const later = Date.now() + 60_000;
      const ids = await storage.conversationsIdleSince(later, 1000);
      expect(ids).toEqual(expect.arrayContaining([a, b]));
      expect(await storage.conversationsIdleSince(0)).toEqual([]);
      expect(await storage.conversationsIdleSince(later, 1)).toHaveLength(1);
    });
  });
}
