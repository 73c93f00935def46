import { INSIGHTS_WEEK_MS as W, type InsightsWeek } from '../../src/protocol/insights';
import type { EscalationReason, Storage } from '../../src/storage/types';
import { escalateAt, msg, newConversation } from './contract';
import { testClock, type TestClock } from './handoff.contract';

// Not a multiple of the week or of a day: the windows are counted back from `now`, not aligned to a calendar.
const NOW = 1_700_000_123_457;

/**
 * `Storage.weeklyStats` (the operators' weekly figures), run against every adapter by
 * test/storage/insights-{sqlite,postgres}.test.ts. `make` returns a fresh, empty storage reading
 * time from `clock`, so createdAt values (and the feedback's order) are chosen here.
 */
export function insightsContract(name: string, make: (clock: TestClock) => Promise<Storage>, cleanup: (s: Storage) => Promise<void>): void {
  describe(`Insights contract: ${name}`, () => {
    let storage: Storage;
    let clock: TestClock;
    beforeEach(async () => {
      clock = testClock(NOW - 60 * W);
      storage = await make(clock);
    });
    afterEach(async () => {
      await cleanup(storage);
    });

    /** A conversation started at `at` in which the customer wrote (unless `wrote` is false: a widget opened and left). */
    async function chat(id: string, at: number, wrote = true): Promise<void> {
      clock.set(at);
      const conv = await storage.createConversation(newConversation({ id }));
      const messages = [msg(`${id}-greeting`, 'Hi!', 'bot'), ...(wrote ? [msg(`${id}-q`, 'where is my refund')] : [])];
      await storage.commitTurn({ conversationId: id, expectedVersion: conv.version, messages });
    }

    /** Opens an escalation at `at`, then closes it (unless `open`), so the next one can be opened. */
    async function escalate(id: string, reason: EscalationReason, at: number, open = false): Promise<void> {
      const escalation = await escalateAt(storage, clock.set, id, reason, at);
      if (!open) await storage.updateEscalationStatus(escalation, 'closed');
    }

    async function rate(id: string, rating: number, at: number): Promise<void> {
      clock.set(at);
      await storage.cases.addFeedback({ conversationId: id, rating });
    }

    const noReasons = { low_confidence: 0, asked_for_human: 0, frustration: 0, urgent_security: 0 };
    /** Window i of `weeks` ending at NOW, with the given figures (zeros otherwise). */
    function week(i: number, weeks: number, figures: Partial<Omit<InsightsWeek, 'from' | 'to'>> = {}): InsightsWeek {
      const from = NOW - (weeks - i) * W;
      return { from, to: from + W, conversations: 0, handedOver: 0, unmet: 0, byReason: noReasons, rated: 0, ratingSum: 0, ...figures };
    }

    it('gives every week, oldest first, with zeros when there are no conversations', async () => {
      expect(await storage.weeklyStats(NOW, 3)).toEqual([week(0, 3), week(1, 3), week(2, 3)]);
      const one = await storage.weeklyStats(NOW, 1);
      expect(one).toEqual([{ from: NOW - W, to: NOW, conversations: 0, handedOver: 0, unmet: 0, byReason: noReasons, rated: 0, ratingSum: 0 }]);
      expect(await storage.weeklyStats(NOW, 0)).toEqual([]);
    });

    it('puts a conversation in the window holding its start: a window start belongs to it, now and earlier than the range do not', async () => {
      await chat('c-range-start', NOW - 3 * W);
      await chat('c-week0-last-ms', NOW - 2 * W - 1);
      await chat('c-week1-start', NOW - 2 * W);
      await chat('c-week1-mid', NOW - W - W / 2);
      await chat('c-week2-start', NOW - W);
      await chat('c-week2-last-ms', NOW - 1);
      await chat('c-at-now', NOW);
      await chat('c-too-old', NOW - 3 * W - 1);
      expect((await storage.weeklyStats(NOW, 3)).map((w) => w.conversations)).toEqual([2, 2, 2]);
      // The same chats seen from one millisecond earlier: every window edge moves with `now`.
      expect((await storage.weeklyStats(NOW - 1, 3)).map((w) => w.conversations)).toEqual([2, 3, 1]);
      expect((await storage.weeklyStats(NOW, 5)).map((w) => w.conversations)).toEqual([0, 1, 2, 2, 2]);
    });

    it('counts a conversation once in handedOver however often it was escalated, and once under each of its reasons', async () => {
      // Week 0: escalated for two reasons (the second after the week ended: it still counts in week 0).
      await chat('c-two-reasons', NOW - 2 * W);
      await escalate('c-two-reasons', 'low_confidence', NOW - 2 * W + 10);
      await escalate('c-two-reasons', 'frustration', NOW - W + 10, true);
      // Week 0: escalated twice for the same reason, the first cancelled.
      await chat('c-same-reason-twice', NOW - 2 * W + 1);
      await escalate('c-same-reason-twice', 'asked_for_human', NOW - 2 * W + 20);
      await escalate('c-same-reason-twice', 'asked_for_human', NOW - 2 * W + 30, true);
      await chat('c-never', NOW - 2 * W + 2);
      // Week 1.
      await chat('c-urgent', NOW - W + 5);
      await escalate('c-urgent', 'urgent_security', NOW - W + 6);
      await chat('c-asked', NOW - W + 7);
      await escalate('c-asked', 'asked_for_human', NOW - W + 8, true);

      expect(await storage.weeklyStats(NOW, 2)).toEqual([
        week(0, 2, {
          conversations: 3,
          handedOver: 2,
          byReason: { low_confidence: 1, asked_for_human: 1, frustration: 1, urgent_security: 0 },
        }),
        week(1, 2, {
          conversations: 2,
          handedOver: 2,
          byReason: { low_confidence: 0, asked_for_human: 1, frustration: 0, urgent_security: 1 },
        }),
      ]);
    });

    it('counts the latest rating of each rated conversation: by time, then by insertion order', async () => {
      await chat('c-changed-mind', NOW - W + 1);
      await rate('c-changed-mind', 5, NOW - W + 100);
      await rate('c-changed-mind', 2, NOW - W + 200);
      // Rated several times in the same millisecond: the last insertion counts.
      await chat('c-same-ms', NOW - W + 2);
      for (const rating of [1, 5, 2, 3, 4]) await rate('c-same-ms', rating, NOW - W + 300);
      // The later rating was stored first (clocks of two nodes): the time decides, not the insertion.
      await chat('c-out-of-order', NOW - W + 3);
      await rate('c-out-of-order', 3, NOW - W + 500);
      await rate('c-out-of-order', 5, NOW - W + 400);
      await chat('c-unrated', NOW - W + 4);
      // Rated after its week ended: counts in the week it started.
      await chat('c-rated-late', NOW - 2 * W);
      await rate('c-rated-late', 4, NOW - 1);

      expect(await storage.weeklyStats(NOW, 2)).toEqual([
        week(0, 2, { conversations: 1, rated: 1, ratingSum: 4 }),
        week(1, 2, { conversations: 4, rated: 3, ratingSum: 2 + 4 + 3 }),
      ]);
    });

    it('ignores conversations started before the range or at now, with their escalations and ratings', async () => {
      await chat('c-old', NOW - 2 * W - 1);
      await escalate('c-old', 'frustration', NOW - W, true);
      await rate('c-old', 1, NOW - W);
      await chat('c-at-now', NOW);
      await escalate('c-at-now', 'urgent_security', NOW, true);
      await rate('c-at-now', 2, NOW);
      await chat('c-in', NOW - W);
      await rate('c-in', 5, NOW - W);

      expect(await storage.weeklyStats(NOW, 2)).toEqual([week(0, 2), week(1, 2, { conversations: 1, rated: 1, ratingSum: 5 })]);
      // The wider range takes the old one in.
      expect((await storage.weeklyStats(NOW, 3))[0]).toEqual(
        week(0, 3, { conversations: 1, handedOver: 1, byReason: { ...noReasons, frustration: 1 }, rated: 1, ratingSum: 1 }),
      );
    });

    it('does not count a conversation in which the customer never wrote (a widget opened and left)', async () => {
      await chat('c-opened-only', NOW - W + 1, false);
      await chat('c-wrote', NOW - W + 2);
      // Even a hand-off recorded in it does not make an unused widget a conversation.
      await escalate('c-opened-only', 'asked_for_human', NOW - W + 3);
      expect(await storage.weeklyStats(NOW, 1)).toEqual([week(0, 1, { conversations: 1 })]);
    });

    it('counts a hand-off nobody could take as handed over (and unmet), never as resolved by the bot', async () => {
      await chat('c-unmet', NOW - W + 1);
      clock.set(NOW - W + 2);
      const conv = await storage.getConversation('c-unmet');
      const r = await storage.commitTurn({
        conversationId: 'c-unmet',
        expectedVersion: conv!.version,
        messages: [msg('c-unmet-nobody', 'No one from our team is available right now', 'bot')],
        escalation: { reason: 'urgent_security', priority: 'urgent', summary: {}, status: 'unmet' },
      });
      expect(r.escalation).toMatchObject({ reason: 'urgent_security', priority: 'urgent', status: 'unmet' });
      // Recorded, never queued: a later hand-off of the same chat opens its own queued escalation.
      expect(await storage.listEscalations({ status: 'queued' })).toEqual([]);
      await escalate('c-unmet', 'asked_for_human', NOW - W + 3, true);
      expect((await storage.listEscalations({ conversationId: 'c-unmet' })).map((e) => e.status)).toEqual(['unmet', 'queued']);
      await chat('c-resolved', NOW - W + 4);

      expect(await storage.weeklyStats(NOW, 1)).toEqual([
        week(0, 1, { conversations: 2, handedOver: 1, unmet: 1, byReason: { ...noReasons, urgent_security: 1, asked_for_human: 1 } }),
      ]);
    });

    it('refuses a fractional now or a negative number of weeks instead of shifting the windows', async () => {
      await expect(storage.weeklyStats(NOW + 0.5, 2)).rejects.toThrow(RangeError);
      await expect(storage.weeklyStats(NOW, -1)).rejects.toThrow(RangeError);
      await expect(storage.weeklyStats(NOW, 1.5)).rejects.toThrow(RangeError);
    });
  });
}
