import { NOT_A_REQUEST } from '../../src/storage/training';
import type { Storage } from '../../src/storage/types';
import { newConversation } from './contract';

const nlu = (intent: string, confidence: number, lowConfidence: boolean) => ({
  nlu: {
    intent: { name: intent, category: 'refund', confidence },
    ranking: [
      { name: intent, category: 'refund', confidence },
      { name: 'late_fee', category: 'billing', confidence: 1 - confidence },
    ],
    entities: [],
    lowConfidence,
  },
});

/**
 * The training sub-store's behaviour, run against every adapter by
 * test/storage/training-{sqlite,postgres}.test.ts. `make` returns a fresh, empty storage.
 */
export function trainingStoreContract(name: string, make: () => Promise<Storage>, cleanup: (s: Storage) => Promise<void>): void {
  describe(`Training store contract: ${name}`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await make();
    });
    afterEach(async () => {
      await cleanup(storage);
    });

    /** A conversation with one unsure message, one confident message and one escalation. */
    async function chatWithMisses() {
      const c = await storage.createConversation(newConversation());
      await storage.commitTurn({
        conversationId: c.id,
        expectedVersion: 0,
        messages: [
          { id: 'm1', from: 'customer', text: 'my thingy got double charged', meta: nlu('charged_twice', 0.31, true) },
          { id: 'b1', from: 'bot', text: 'Did you mean…' },
        ],
      });
      await storage.commitTurn({
        conversationId: c.id,
        expectedVersion: 1,
        messages: [
          { id: 'm2', from: 'customer', text: 'where is my refund', meta: nlu('refund_status', 0.92, false) },
          { id: 'b2', from: 'bot', text: 'Connecting you' },
        ],
        escalation: { reason: 'frustration', priority: 'normal', summary: {} },
      });
      return c.id;
    }

    it('syncs unsure messages and the message before a hand-off into the inbox, once', async () => {
      const id = await chatWithMisses();
      expect(await storage.training.syncTriage()).toEqual({ added: 2 });
      expect(await storage.training.syncTriage()).toEqual({ added: 0 });
      const items = await storage.training.listTriage();
      const byText = Object.fromEntries(items.map((i) => [i.text, i]));
      expect(byText['my thingy got double charged']).toMatchObject({
        conversationId: id,
        messageId: 'm1',
        messageSeq: 1,
        reason: 'low_confidence',
        topGuesses: [
          { name: 'charged_twice', category: 'refund', confidence: 0.31 },
          { name: 'late_fee', category: 'billing', confidence: 0.69 },
        ],
      });
      expect(byText['where is my refund']).toMatchObject({ reason: 'handoff', messageSeq: 3 });
      expect(await storage.training.listTriage({ reason: 'handoff' })).toHaveLength(1);
      expect(await storage.training.listTriage({ intent: 'charged_twice' })).toHaveLength(1);
    });

    it('adds the messages of a badly rated conversation, and a second reason to an item already there', async () => {
      const id = await chatWithMisses();
      await storage.training.syncTriage();
      await storage.cases.addFeedback({ conversationId: id, rating: 1, comment: 'useless' });
      const good = await storage.createConversation(newConversation());
      await storage.commitTurn({
        conversationId: good.id,
        expectedVersion: 0,
        messages: [{ id: 'g1', from: 'customer', text: 'thanks a lot', meta: nlu('thanks', 0.99, false) }],
      });
      await storage.cases.addFeedback({ conversationId: good.id, rating: 5 });
      await storage.training.syncTriage();
      const bad = await storage.training.listTriage({ reason: 'bad_rating' });
      expect(bad.map((i) => i.text).sort()).toEqual(['my thingy got double charged', 'where is my refund']);
      expect(bad.find((i) => i.messageId === 'm1')?.reasons).toEqual(['low_confidence', 'bad_rating']);
      expect(await storage.training.listTriage({ status: 'all' })).toHaveLength(2);
    });

    it('dedupes added items by key and filters by date', async () => {
      const r1 = await storage.training.addTriageItems([
        { text: 'a', reason: 'imported', dedupeKey: 'import:a', createdAt: 1000 },
        { text: 'b', reason: 'imported', dedupeKey: 'import:b', createdAt: 2000 },
        { text: 'a', reason: 'imported', dedupeKey: 'import:a', createdAt: 3000 },
      ]);
      expect(r1).toEqual({ added: 2, duplicates: 1 });
      expect((await storage.training.listTriage({ from: 1500 })).map((i) => i.text)).toEqual(['b']);
      expect((await storage.training.listTriage({ to: 1500 })).map((i) => i.text)).toEqual(['a']);
      const [a] = await storage.training.listTriage({ to: 1500 });
      expect(a).not.toHaveProperty('conversationId');
    });

    it('records who labelled what, when and from which conversation; labelled items leave the inbox', async () => {
      const id = await chatWithMisses();
      await storage.training.syncTriage();
      const [first, second] = await storage.training.listTriage();
      const labels = await storage.training.setLabels(
        [
          { itemId: first!.id, intent: 'card_declined', isNewIntent: true, category: 'billing', labelledBy: 'op-1' },
          { itemId: second!.id, intent: NOT_A_REQUEST, isNewIntent: false, labelledBy: 'op-1' },
          { itemId: 'no-such-item', intent: 'x', isNewIntent: false, labelledBy: 'op-1' },
        ],
        5000,
      );
      expect(labels).toHaveLength(2);
      expect(labels.find((l) => l.itemId === first!.id)).toEqual({
        itemId: first!.id,
        intent: 'card_declined',
        isNewIntent: true,
        category: 'billing',
        labelledBy: 'op-1',
        labelledAt: 5000,
        conversationId: id,
      });
      expect(await storage.training.listTriage()).toEqual([]);
      const labelled = await storage.training.listLabelled();
      expect(labelled.map((l) => l.label.intent).sort()).toEqual([NOT_A_REQUEST, 'card_declined']);
      // relabelling replaces
      await storage.training.setLabels([{ itemId: first!.id, intent: 'charged_twice', isNewIntent: false, labelledBy: 'op-2' }], 6000);
      const [again] = await storage.training.getTriageItems([first!.id]);
      expect(again?.label).toMatchObject({ intent: 'charged_twice', labelledBy: 'op-2', labelledAt: 6000, isNewIntent: false });
    });

    it('keeps model versions with their artifact; one active at a time; logs activations', async () => {
      const artifact = { format: 'x', weights: 'AAAA', nested: [1, 2, { a: 'b' }] };
      const v1 = await storage.training.createVersion({ id: 'v1', dataHash: 'h1', metrics: { accuracy: 0.9 }, author: 'op-1', artifact });
      expect(v1).toMatchObject({ id: 'v1', dataHash: 'h1', metrics: { accuracy: 0.9 }, author: 'op-1', active: false });
      await storage.training.createVersion({ id: 'v2', dataHash: 'h2', metrics: {}, author: 'op-2', artifact: { other: true } });
      expect(await storage.training.getArtifact('v1')).toEqual(artifact);
      expect(await storage.training.getArtifact('nope')).toBeUndefined();
      expect(await storage.training.activeVersion()).toBeUndefined();

      expect(await storage.training.activateVersion('v1', 'op-1')).toBe(true);
      expect(await storage.training.activateVersion('v2', 'op-2')).toBe(true);
      expect(await storage.training.activateVersion('missing', 'op-2')).toBe(false);
      expect(await storage.training.activeVersion()).toMatchObject({ id: 'v2', active: true, activatedBy: 'op-2' });
      expect((await storage.training.listVersions()).filter((v) => v.active).map((v) => v.id)).toEqual(['v2']);
      expect(await storage.training.activateVersion(null, 'op-3')).toBe(true);
      expect(await storage.training.activeVersion()).toBeUndefined();
      expect((await storage.training.activationHistory()).map((a) => [a.versionId, a.by])).toEqual([
        [null, 'op-3'],
        ['v2', 'op-2'],
        ['v1', 'op-1'],
      ]);
    });

    it('stores, replaces and removes per-intent thresholds', async () => {
      await storage.training.setThreshold('refund_status', 0.7, 'op-1');
      await storage.training.setThreshold('late_fee', 0.4, 'op-1');
      await storage.training.setThreshold('refund_status', 0.65, 'op-2');
      expect((await storage.training.listThresholds()).map((t) => [t.intent, t.threshold, t.updatedBy])).toEqual([
        ['late_fee', 0.4, 'op-1'],
        ['refund_status', 0.65, 'op-2'],
      ]);
      await storage.training.setThreshold('late_fee', null, 'op-2');
      expect((await storage.training.listThresholds()).map((t) => t.intent)).toEqual(['refund_status']);
    });

    it('keeps promoted agent replies as canned answers or draft articles', async () => {
      await storage.training.addPromotion({ kind: 'canned_answer', text: 'Refunds take 5 days.', intent: 'refund_status', createdBy: 'a1', conversationId: 'c1', messageId: 'x' });
      await storage.training.addPromotion({ kind: 'kb_draft', text: 'Long answer', title: 'Refund timing', createdBy: 'a1' });
      expect((await storage.training.listPromotions()).map((p) => p.kind).sort()).toEqual(['canned_answer', 'kb_draft']);
      const [canned] = await storage.training.listPromotions('canned_answer');
      expect(canned).toMatchObject({ text: 'Refunds take 5 days.', intent: 'refund_status', conversationId: 'c1' });
      expect(canned).not.toHaveProperty('title');
    });

    it('erases a conversation’s triage items and labels, and keeps the rest', async () => {
      const id = await chatWithMisses();
      await storage.training.syncTriage();
      await storage.training.addTriageItems([{ text: 'imported one', reason: 'imported', dedupeKey: 'import:1' }]);
      const items = await storage.training.listTriage();
      await storage.training.setLabels(items.map((i) => ({ itemId: i.id, intent: 'late_fee', isNewIntent: false, labelledBy: 'op' })));
      await storage.training.addPromotion({ kind: 'canned_answer', text: 'ok', createdBy: 'a', conversationId: id });
      // erasure as the retention job does it: every sub-store, then the core tables
      await storage.training.eraseConversation(id);
      await storage.eraseConversation(id);
      const left = await storage.training.listTriage({ status: 'all' });
      expect(left.map((i) => i.text)).toEqual(['imported one']);
      expect((await storage.training.listLabelled()).map((l) => l.item.text)).toEqual(['imported one']);
      expect((await storage.training.listPromotions())[0]).not.toHaveProperty('conversationId');
      // nothing comes back on the next sync either
      await storage.training.syncTriage();
      expect(await storage.training.listTriage({ conversationId: id, status: 'all' })).toEqual([]);
    });
  });
}
