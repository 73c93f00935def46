import type { ConversationListFilter, ConversationListPage } from '../../src/storage/conversation-list';
import type { EscalationReason, NewMessage, Storage } from '../../src/storage/types';
import { escalateAt, newConversation } from './contract';
import { testClock, type TestClock } from './handoff.contract';

const T0 = 1_700_000_000_000;

/**
 * `Storage.listConversations` (the operators' transcript list), run against every adapter by
 * test/storage/conversation-list-{sqlite,postgres}.test.ts. `make` returns a fresh, empty storage
 * reading time from `clock`, so updatedAt values (and ties between them) are chosen here.
 */
export function conversationListContract(name: string, make: (clock: TestClock) => Promise<Storage>, cleanup: (s: Storage) => Promise<void>): void {
  describe(`Conversation list contract: ${name}`, () => {
    let storage: Storage;
    let clock: TestClock;
    beforeEach(async () => {
      clock = testClock(T0);
      storage = await make(clock);
    });
    afterEach(async () => {
      await cleanup(storage);
    });

    /** A conversation created at `at` whose messages (if any) are committed at `at` too, so updatedAt = at. */
    async function chat(id: string, at: number, messages: NewMessage[] = [], state?: 'bot' | 'queued' | 'agent' | 'closed'): Promise<void> {
      clock.set(at);
      await storage.createConversation(newConversation({ id }));
      if (messages.length || state) await storage.commitTurn({ conversationId: id, expectedVersion: 0, messages, ...(state ? { state } : {}) });
    }
    const customer = (id: string, text: string): NewMessage => ({ id, from: 'customer', text });
    const bot = (id: string, text: string): NewMessage => ({ id, from: 'bot', text });

    const escalate = (id: string, reason: EscalationReason, at: number): Promise<string> => escalateAt(storage, clock.set, id, reason, at);

    const ids = (page: ConversationListPage) => page.rows.map((r) => r.id);
    const list = (filter: ConversationListFilter = {}) => storage.listConversations(filter);

    it('summarises each conversation: counts without system lines, first customer message as preview, latest escalation and rating', async () => {
      const long = `I was charged twice for order A-1001 ${'and nobody answers '.repeat(10)}`;
      await chat('c-full', T0, [
        bot('b0', 'Hi! How can I help?'),
        customer('m1', long),
        bot('b1', 'Sorry to hear that.'),
        { id: 's1', from: 'system', text: 'An agent joined' },
        { id: 'a1', from: 'agent', text: 'Let me check.' },
        customer('m2', 'thanks'),
      ]);
      const first = await escalate('c-full', 'low_confidence', T0 + 10);
      await storage.updateEscalationStatus(first, 'closed');
      await escalate('c-full', 'frustration', T0 + 20);
      await storage.cases.addFeedback({ conversationId: 'c-full', rating: 4 });
      clock.set(T0 + 30);
      await storage.cases.addFeedback({ conversationId: 'c-full', rating: 1, comment: 'changed my mind' });
      await chat('c-empty', T0 + 5);

      const page = await list();
      expect(page.next).toBeUndefined();
      expect(page.rows).toEqual([
        {
          id: 'c-full',
          state: 'queued',
          createdAt: T0,
          updatedAt: T0 + 20,
          messageCount: 5,
          preview: long.slice(0, 140),
          escalation: { reason: 'frustration', status: 'queued' },
          rating: 1,
        },
        { id: 'c-empty', state: 'bot', createdAt: T0 + 5, updatedAt: T0 + 5, messageCount: 0, preview: '', escalation: null, rating: null },
      ]);
      expect(page.rows[0]!.preview).toHaveLength(140);
    });

    it('filters on updatedAt: from inclusive, to exclusive', async () => {
      for (const [id, at] of [['c-1', T0], ['c-2', T0 + 1000], ['c-3', T0 + 2000], ['c-4', T0 + 3000]] as const) await chat(id, at);
      expect(ids(await list({ from: T0 + 1000, to: T0 + 3000 }))).toEqual(['c-3', 'c-2']);
      expect(ids(await list({ from: T0 + 1001 }))).toEqual(['c-4', 'c-3']);
      expect(ids(await list({ to: T0 + 1000 }))).toEqual(['c-1']);
      expect(ids(await list({ from: T0 + 3001 }))).toEqual([]);
    });

    it('filters on state', async () => {
      await chat('c-bot', T0);
      await chat('c-closed', T0 + 1, [customer('m1', 'bye')], 'closed');
      await chat('c-agent', T0 + 2, [], 'agent');
      expect(ids(await list({ state: 'closed' }))).toEqual(['c-closed']);
      expect(ids(await list({ state: 'bot' }))).toEqual(['c-bot']);
      expect(ids(await list({ state: 'queued' }))).toEqual([]);
    });

    it('filters on whether the chat was ever escalated, whatever became of the escalation', async () => {
      await chat('c-never', T0);
      await chat('c-open', T0 + 1);
      await escalate('c-open', 'asked_for_human', T0 + 2);
      await chat('c-done', T0 + 3);
      const e = await escalate('c-done', 'urgent_security', T0 + 4);
      await storage.updateEscalationStatus(e, 'cancelled');
      expect(ids(await list({ escalated: true }))).toEqual(['c-done', 'c-open']);
      expect(ids(await list({ escalated: false }))).toEqual(['c-never']);
      expect((await list({ escalated: true })).rows[0]!.escalation).toEqual({ reason: 'urgent_security', status: 'cancelled' });
    });

    it('maxRating keeps rated chats whose latest rating is at most that; unrated chats never match', async () => {
      for (const [id, at] of [['c-unrated', T0], ['c-1', T0 + 1], ['c-3', T0 + 2], ['c-5', T0 + 3], ['c-better', T0 + 4]] as const) await chat(id, at);
      await storage.cases.addFeedback({ conversationId: 'c-1', rating: 1 });
      await storage.cases.addFeedback({ conversationId: 'c-3', rating: 3 });
      await storage.cases.addFeedback({ conversationId: 'c-5', rating: 5 });
      // Rated twice in the same millisecond: the later rating counts.
      clock.set(T0 + 10);
      await storage.cases.addFeedback({ conversationId: 'c-better', rating: 2 });
      await storage.cases.addFeedback({ conversationId: 'c-better', rating: 5 });
      expect(ids(await list({ maxRating: 2 }))).toEqual(['c-1']);
      expect(ids(await list({ maxRating: 3 }))).toEqual(['c-3', 'c-1']);
      expect(ids(await list({ maxRating: 5 }))).toEqual(['c-better', 'c-5', 'c-3', 'c-1']);
    });

    it('q matches a substring of any customer, bot or agent message, ignoring case; system lines are not searched', async () => {
      await chat('c-customer', T0, [customer('m1', 'My REFUND never arrived')]);
      await chat('c-bot', T0 + 1, [customer('m1', 'hello'), bot('b1', 'Refunds take 5 days')]);
      await chat('c-agent', T0 + 2, [customer('m1', 'hi'), { id: 'a1', from: 'agent', text: 'I have issued the rEfUnD' }]);
      await chat('c-system', T0 + 3, [customer('m1', 'hi'), { id: 's1', from: 'system', text: 'refund policy updated' }]);
      await chat('c-other', T0 + 4, [customer('m1', 'late fee')]);
      expect(ids(await list({ q: 'refund' }))).toEqual(['c-agent', 'c-bot', 'c-customer']);
      expect(ids(await list({ q: 'REFUND NEVER' }))).toEqual(['c-customer']);
      expect(ids(await list({ q: 'chargeback' }))).toEqual([]);
    });

    it('q takes %, _ and \\ literally, not as LIKE wildcards or escapes', async () => {
      await chat('c-percent', T0, [customer('m1', 'I am 100% sure')]);
      await chat('c-percent-not', T0 + 1, [customer('m1', 'I am 100 percent sure')]);
      await chat('c-underscore', T0 + 2, [customer('m1', 'my order_id is gone')]);
      await chat('c-underscore-not', T0 + 3, [customer('m1', 'my order id is gone')]);
      await chat('c-backslash', T0 + 4, [customer('m1', 'path C:\\orders')]);
      expect(ids(await list({ q: '100%' }))).toEqual(['c-percent']);
      expect(ids(await list({ q: '%' }))).toEqual(['c-percent']);
      expect(ids(await list({ q: 'r_i' }))).toEqual(['c-underscore']);
      expect(ids(await list({ q: '_' }))).toEqual(['c-underscore']);
      expect(ids(await list({ q: ':\\o' }))).toEqual(['c-backslash']);
    });

    it('combines filters (all must hold)', async () => {
      await chat('c-match', T0 + 100, [customer('m1', 'where is my refund')], 'closed');
      await escalate('c-match', 'low_confidence', T0 + 110);
      await storage.cases.addFeedback({ conversationId: 'c-match', rating: 1 });
      // Each of these fails exactly one condition.
      await chat('c-wrong-time', T0 + 500, [customer('m1', 'refund please')], 'closed');
      await escalate('c-wrong-time', 'low_confidence', T0 + 510);
      await storage.cases.addFeedback({ conversationId: 'c-wrong-time', rating: 1 });
      await chat('c-not-escalated', T0 + 101, [customer('m1', 'refund please')]);
      await storage.cases.addFeedback({ conversationId: 'c-not-escalated', rating: 1 });
      await chat('c-good-rating', T0 + 102, [customer('m1', 'refund please')]);
      await escalate('c-good-rating', 'frustration', T0 + 103);
      await storage.cases.addFeedback({ conversationId: 'c-good-rating', rating: 5 });
      await chat('c-other-topic', T0 + 104, [customer('m1', 'late fee')]);
      await escalate('c-other-topic', 'frustration', T0 + 105);
      await storage.cases.addFeedback({ conversationId: 'c-other-topic', rating: 2 });
      const filter = { from: T0, to: T0 + 400, escalated: true, maxRating: 2, q: 'Refund' };
      expect(ids(await list(filter))).toEqual(['c-match']);
      expect(ids(await list({ ...filter, state: 'queued' as const }))).toEqual(['c-match']);
      expect(ids(await list({ ...filter, state: 'closed' as const }))).toEqual([]);
    });

    it('pages by (updatedAt, id) newest first: equal times are ordered by id, nothing repeats or goes missing, new chats do not shift later pages', async () => {
      // Ids in mixed case: both databases must order them bytewise (uppercase before lowercase).
      const tied = ['c-b', 'c-A', 'c-a', 'c-B', 'c-0', 'c-_', 'c-z'];
      for (const id of tied) await chat(id, T0 + 500);
      await chat('c-newest', T0 + 900);
      await chat('c-oldest', T0 + 100);
      const expected = ['c-newest', ...[...tied].sort().reverse(), 'c-oldest'];

      const seen: string[] = [];
      let page = await list({ limit: 3 });
      seen.push(...ids(page));
      // A chat arriving mid-walk lands above the cursor: later pages are unaffected.
      await chat('c-arrived', T0 + 1000);
      while (page.next) {
        expect(page.rows).toHaveLength(3);
        page = await list({ limit: 3, after: page.next });
        seen.push(...ids(page));
      }
      expect(seen).toEqual(expected);
      expect(ids(await list({ limit: 100 }))).toEqual(['c-arrived', ...expected]);
    });

    it('gives no next key when the rows end exactly at the page size, and keeps filters across pages', async () => {
      for (let i = 0; i < 4; i++) await chat(`c-${i}`, T0 + i, [customer('m1', i % 2 ? 'refund' : 'late fee')]);
      const first = await list({ q: 'refund', limit: 1 });
      expect(ids(first)).toEqual(['c-3']);
      const second = await list({ q: 'refund', limit: 1, after: first.next! });
      expect(ids(second)).toEqual(['c-1']);
      expect(second.next).toBeUndefined();
      expect((await list({ limit: 4 })).next).toBeUndefined();
      expect((await list({ limit: 3 })).next).toEqual({ updatedAt: T0 + 1, id: 'c-1' });
    });
  });
}
