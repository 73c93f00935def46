import { randomUUID } from 'node:crypto';
import { DuplicateMessageError, NotFoundError, VersionConflictError } from '../../src/storage/errors';
import type { EscalationReason, NewConversation, NewMessage, Storage, TurnCommit } from '../../src/storage/types';

export interface ContractOptions {
  /**
   * A second, independent handle on the same database as `storage` (another connection, as a
   * second node or a restarted process would have). Enables the cross-handle tests.
   */
  openAnother?: (storage: Storage) => Promise<Storage>;
}

/** A conversation input with unique id and token hash. */
export function newConversation(overrides: Partial<NewConversation> = {}): NewConversation {
  return {
    id: `c-${randomUUID()}`,
    tokenHash: `h-${randomUUID()}`,
    state: 'bot',
    snapshot: { value: 'greeting', context: { misses: 0 } },
    context: { pageUrl: 'https://shop.example/checkout', orderId: 'A-1001', locale: 'en' },
    ...overrides,
  };
}

export function msg(id: string, text = `text of ${id}`, from: NewMessage['from'] = 'customer'): NewMessage {
  return { id, from, text };
}

/** commitTurn, re-reading the version and retrying on VersionConflictError, as the service does. */
export async function commitWithRetry(storage: Storage, turn: Omit<TurnCommit, 'expectedVersion'>) {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const conv = await storage.getConversation(turn.conversationId);
    if (!conv) throw new Error('conversation vanished');
    try {
      return await storage.commitTurn({ ...turn, expectedVersion: conv.version });
    } catch (err) {
      if (!(err instanceof VersionConflictError)) throw err;
    }
  }
  throw new Error('gave up after 1000 version conflicts');
}

/**
 * Escalates a conversation at `at` (read through the test clock `setClock`), as the service does:
 * state queued and a new escalation, or the open one it joins. Returns the escalation's id.
 */
export async function escalateAt(storage: Storage, setClock: (at: number) => void, id: string, reason: EscalationReason, at: number): Promise<string> {
  setClock(at);
  const conv = await storage.getConversation(id);
  const r = await storage.commitTurn({
    conversationId: id,
    expectedVersion: conv!.version,
    messages: [],
    state: 'queued',
    escalation: { reason, priority: 'normal', summary: {} },
  });
  return r.escalation!.id;
}

/**
 * The behaviour every Storage adapter must have. Run by test/storage/<adapter>.test.ts.
 * `make` returns a fresh, empty storage for each test; `cleanup` disposes of it (default: close).
 */
export function storageContract(
  name: string,
  make: () => Promise<Storage>,
  cleanup: (storage: Storage) => Promise<void> = (s) => s.close(),
  options: ContractOptions = {},
): void {
  describe(`Storage contract: ${name}`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await make();
    });
    afterEach(async () => {
      if (storage) await cleanup(storage);
    });

    describe('conversations', () => {
      it('creates a conversation at version 0 with no messages and reads it back by id and by token hash', async () => {
        const input = newConversation();
        const before = Date.now();
        const created = await storage.createConversation(input);
        expect(created).toEqual({
          id: input.id,
          state: 'bot',
          snapshot: input.snapshot,
          context: input.context,
          lastSeq: 0,
          version: 0,
          createdAt: expect.any(Number),
          updatedAt: created.createdAt,
        });
        expect(created.createdAt).toBeGreaterThanOrEqual(before);
        expect(await storage.getConversation(input.id)).toEqual(created);
        expect(await storage.getConversationByTokenHash(input.tokenHash)).toEqual(created);
      });

      it('returns undefined for an unknown id or token hash', async () => {
        await storage.createConversation(newConversation());
        expect(await storage.getConversation('no-such-id')).toBeUndefined();
        expect(await storage.getConversationByTokenHash('no-such-hash')).toBeUndefined();
      });

      it('refuses a second conversation with the same token hash', async () => {
        const first = newConversation();
        await storage.createConversation(first);
        // Matched on the message: the driver's error class may come from another jest realm
        // (native modules are shared between test files), which defeats instanceof checks.
        await expect(storage.createConversation(newConversation({ tokenHash: first.tokenHash }))).rejects.toHaveProperty(
          'message',
          expect.stringMatching(/unique|duplicate/i),
        );
        expect(await storage.getConversationByTokenHash(first.tokenHash)).toMatchObject({ id: first.id });
      });
    });

    describe('commitTurn', () => {
      it('assigns gap-free seq numbers from 1 across several turns and bumps the version each time', async () => {
        const c = await storage.createConversation(newConversation());
        const r1 = await storage.commitTurn({ conversationId: c.id, expectedVersion: 0, messages: [msg('m1'), msg('b1', 'hello', 'bot')] });
        const r2 = await storage.commitTurn({ conversationId: c.id, expectedVersion: 1, messages: [msg('m2')] });
        const r3 = await storage.commitTurn({
          conversationId: c.id,
          expectedVersion: 2,
          messages: [msg('m3'), msg('b3a', 'one', 'bot'), msg('b3b', 'two', 'bot')],
        });
        expect(r1.messages.map((m) => [m.seq, m.id])).toEqual([[1, 'm1'], [2, 'b1']]);
        expect(r2.messages.map((m) => [m.seq, m.id])).toEqual([[3, 'm2']]);
        expect(r3.messages.map((m) => [m.seq, m.id])).toEqual([[4, 'm3'], [5, 'b3a'], [6, 'b3b']]);
        expect([r1.version, r2.version, r3.version]).toEqual([1, 2, 3]);
        const after = await storage.getConversation(c.id);
        expect(after).toMatchObject({ lastSeq: 6, version: 3 });
        const all = await storage.messagesAfter(c.id, 0);
        expect(all.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
        expect(all).toEqual([...r1.messages, ...r2.messages, ...r3.messages]);
      });

      it('accepts a turn with no messages (snapshot only) without using a seq', async () => {
        const c = await storage.createConversation(newConversation());
        await storage.commitTurn({ conversationId: c.id, expectedVersion: 0, messages: [msg('m1')] });
        const r = await storage.commitTurn({ conversationId: c.id, expectedVersion: 1, messages: [], snapshot: { value: 'idle' } });
        expect(r).toEqual({ messages: [], version: 2 });
        const next = await storage.commitTurn({ conversationId: c.id, expectedVersion: 2, messages: [msg('m2')] });
        expect(next.messages[0]?.seq).toBe(2);
        expect(await storage.getConversation(c.id)).toMatchObject({ lastSeq: 2, version: 3, snapshot: { value: 'idle' } });
      });

      it('persists the snapshot and state, keeping them when a turn omits them', async () => {
        const c = await storage.createConversation(newConversation());
        const snapshot = { status: 'active', value: { flow: 'refund' }, context: { orderId: 'A-1', misses: 1, tags: ['x', 'y'] } };
        await storage.commitTurn({ conversationId: c.id, expectedVersion: 0, messages: [msg('m1')], snapshot, state: 'queued' });
        expect(await storage.getConversation(c.id)).toMatchObject({ snapshot, state: 'queued' });
        await storage.commitTurn({ conversationId: c.id, expectedVersion: 1, messages: [msg('m2')] });
        const after = await storage.getConversation(c.id);
        expect(after).toMatchObject({ snapshot, state: 'queued', version: 2 });
        expect(after!.updatedAt).toBeGreaterThanOrEqual(after!.createdAt);
        await storage.commitTurn({ conversationId: c.id, expectedVersion: 2, messages: [], state: 'closed' });
        expect(await storage.getConversation(c.id)).toMatchObject({ snapshot, state: 'closed' });
      });

      it('rejects a stale expectedVersion with VersionConflictError and writes nothing', async () => {
        const c = await storage.createConversation(newConversation());
        await storage.commitTurn({ conversationId: c.id, expectedVersion: 0, messages: [msg('m1')], snapshot: { v: 1 } });
        const stale = storage.commitTurn({
          conversationId: c.id,
          expectedVersion: 0,
          messages: [msg('m2')],
          snapshot: { v: 'stale' },
          state: 'closed',
          escalation: { reason: 'asked_for_human', priority: 'normal', summary: {} },
        });
        await expect(stale).rejects.toBeInstanceOf(VersionConflictError);
        await expect(stale).rejects.toMatchObject({ conversationId: c.id, expected: 0 });
        expect(await storage.getConversation(c.id)).toMatchObject({ version: 1, lastSeq: 1, snapshot: { v: 1 }, state: 'bot' });
        expect(await storage.findMessage(c.id, 'm2')).toBeUndefined();
        expect(await storage.listEscalations({ conversationId: c.id })).toEqual([]);
      });

      it('rejects a commit to an unknown conversation with NotFoundError', async () => {
        await expect(
          storage.commitTurn({ conversationId: 'missing', expectedVersion: 0, messages: [msg('m1')] }),
        ).rejects.toBeInstanceOf(NotFoundError);
      });

      it('rejects an already stored message id with DuplicateMessageError and writes nothing of that turn', async () => {
        const c = await storage.createConversation(newConversation());
        await storage.commitTurn({ conversationId: c.id, expectedVersion: 0, messages: [msg('m1'), msg('b1', 'hi', 'bot')], snapshot: { v: 1 } });
        const dup = storage.commitTurn({
          conversationId: c.id,
          expectedVersion: 1,
          messages: [msg('m2'), msg('m1', 'again')],
          snapshot: { v: 2 },
          state: 'queued',
          escalation: { reason: 'low_confidence', priority: 'normal', summary: { a: 1 } },
        });
        await expect(dup).rejects.toBeInstanceOf(DuplicateMessageError);
        await expect(dup).rejects.toMatchObject({ conversationId: c.id, messageId: 'm1' });
        expect(await storage.findMessage(c.id, 'm2')).toBeUndefined();
        expect(await storage.findMessage(c.id, 'm1')).toMatchObject({ seq: 1, text: 'text of m1' });
        expect(await storage.getConversation(c.id)).toMatchObject({ version: 1, lastSeq: 2, snapshot: { v: 1 }, state: 'bot' });
        expect(await storage.listEscalations({ conversationId: c.id })).toEqual([]);
        // The conversation is still usable, and the next message gets the next seq, not a gap.
        const next = await storage.commitTurn({ conversationId: c.id, expectedVersion: 1, messages: [msg('m2')] });
        expect(next.messages[0]?.seq).toBe(3);
      });

      it('rejects the same id twice within one turn', async () => {
        const c = await storage.createConversation(newConversation());
        await expect(
          storage.commitTurn({ conversationId: c.id, expectedVersion: 0, messages: [msg('x'), msg('x')] }),
        ).rejects.toMatchObject({ name: 'DuplicateMessageError', messageId: 'x' });
        expect(await storage.messagesAfter(c.id, 0)).toEqual([]);
        expect(await storage.getConversation(c.id)).toMatchObject({ version: 0, lastSeq: 0 });
      });

      it('lets the same message id exist in two different conversations', async () => {
        const a = await storage.createConversation(newConversation());
        const b = await storage.createConversation(newConversation());
        await storage.commitTurn({ conversationId: a.id, expectedVersion: 0, messages: [msg('m1')] });
        const r = await storage.commitTurn({ conversationId: b.id, expectedVersion: 0, messages: [msg('m1')] });
        expect(r.messages[0]).toMatchObject({ conversationId: b.id, seq: 1, id: 'm1' });
      });

      it('gives 20 concurrent writers (retrying on conflict) seq 1..20 with no gap or duplicate', async () => {
        const c = await storage.createConversation(newConversation());
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) => commitWithRetry(storage, { conversationId: c.id, messages: [msg(`w${i}`)] })),
        );
        const stored = await storage.messagesAfter(c.id, 0);
        expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        expect(new Set(stored.map((m) => m.id)).size).toBe(20);
        expect(results.map((r) => r.version).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        expect(await storage.getConversation(c.id)).toMatchObject({ lastSeq: 20, version: 20 });
      });

      it('keeps conversations independent under concurrent commits to several of them', async () => {
        const convs = await Promise.all([1, 2, 3].map(() => storage.createConversation(newConversation())));
        await Promise.all(
          convs.flatMap((c) =>
            Array.from({ length: 5 }, (_, i) => commitWithRetry(storage, { conversationId: c.id, messages: [msg(`m${i}`), msg(`b${i}`, 'r', 'bot')] })),
          ),
        );
        for (const c of convs) {
          const stored = await storage.messagesAfter(c.id, 0);
          expect(stored.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
          expect(stored.every((m) => m.conversationId === c.id)).toBe(true);
          // Each turn's customer message and bot reply are adjacent: turns never interleave.
          for (let i = 0; i < 10; i += 2) expect(stored[i + 1]!.id).toBe(stored[i]!.id.replace('m', 'b'));
        }
      });
    });

    describe('messages', () => {
      it('returns exactly the messages after a seq, in order, honouring the limit', async () => {
        const c = await storage.createConversation(newConversation());
        const other = await storage.createConversation(newConversation());
        for (let v = 0; v < 6; v++) {
          await storage.commitTurn({ conversationId: c.id, expectedVersion: v, messages: [msg(`m${v + 1}`)] });
        }
        await storage.commitTurn({ conversationId: other.id, expectedVersion: 0, messages: [msg('elsewhere')] });
        expect((await storage.messagesAfter(c.id, 0)).map((m) => m.id)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6']);
        expect((await storage.messagesAfter(c.id, 2)).map((m) => m.seq)).toEqual([3, 4, 5, 6]);
        expect((await storage.messagesAfter(c.id, 2, 2)).map((m) => m.seq)).toEqual([3, 4]);
        expect(await storage.messagesAfter(c.id, 6)).toEqual([]);
        expect(await storage.messagesAfter('no-such-conversation', 0)).toEqual([]);
      });

      it('caps messagesAfter at 1000 by default', async () => {
        const c = await storage.createConversation(newConversation());
        const many = Array.from({ length: 1005 }, (_, i) => msg(`m${i}`, 'x'));
        await storage.commitTurn({ conversationId: c.id, expectedVersion: 0, messages: many });
        const page = await storage.messagesAfter(c.id, 0);
        expect(page).toHaveLength(1000);
        expect(page[999]!.seq).toBe(1000);
        expect((await storage.messagesAfter(c.id, 1000)).map((m) => m.seq)).toEqual([1001, 1002, 1003, 1004, 1005]);
      });

      it('round-trips JSON fields and omits absent optional fields', async () => {
        const c = await storage.createConversation(newConversation());
        const rich: NewMessage = {
          id: 'b1',
          from: 'bot',
          text: 'Refunds take 5–10 days 💸 — "quoted" \\ back\nslash',
          quickReplies: [{ label: 'Yes', value: 'yes' }, { label: 'Talk to a person', value: 'human' }],
          article: { id: 'refund-timing', title: 'When will I get my refund?', url: '/help/refund-timing', category: 'refund' },
          replyTo: 'm1',
          meta: { intent: { name: 'refund_status', confidence: 0.93 }, entities: [{ type: 'order', value: 'A-1' }], nested: { deep: [1, null, true] } },
        };
        const r = await storage.commitTurn({ conversationId: c.id, expectedVersion: 0, messages: [msg('m1'), rich] });
        const [plain, stored] = await storage.messagesAfter(c.id, 0);
        expect(stored).toEqual({ ...rich, conversationId: c.id, seq: 2, createdAt: expect.any(Number) });
        expect(plain).toEqual({ id: 'm1', from: 'customer', text: 'text of m1', conversationId: c.id, seq: 1, createdAt: expect.any(Number) });
        for (const key of ['quickReplies', 'article', 'replyTo', 'meta']) expect(Object.keys(plain!)).not.toContain(key);
        expect(r.messages).toEqual([plain, stored]);
        expect(await storage.findMessage(c.id, 'b1')).toEqual(stored);
        expect(await storage.findMessage(c.id, 'nope')).toBeUndefined();
      });
    });

    describe('escalations', () => {
      it('opens an escalation once even when two turns ask for one', async () => {
        const c = await storage.createConversation(newConversation());
        const summary = { intent: 'card_stolen', category: 'security', entities: { amount: { value: '120.5', text: '€120.50' } } };
        const r1 = await storage.commitTurn({
          conversationId: c.id,
          expectedVersion: 0,
          messages: [msg('m1')],
          state: 'queued',
          escalation: { reason: 'urgent_security', priority: 'urgent', summary },
        });
        expect(r1.escalation).toEqual({
          id: expect.any(String),
          conversationId: c.id,
          reason: 'urgent_security',
          priority: 'urgent',
          status: 'queued',
          summary,
          createdAt: expect.any(Number),
        });
        const r2 = await storage.commitTurn({
          conversationId: c.id,
          expectedVersion: 1,
          messages: [msg('m2')],
          escalation: { reason: 'asked_for_human', priority: 'normal', summary: {} },
        });
        expect(r2.escalation).toEqual(r1.escalation);
        expect(r2.messages[0]?.seq).toBe(2);
        expect(await storage.listEscalations({ conversationId: c.id })).toEqual([r1.escalation]);
      });

      it('opens a new escalation once the previous one is closed', async () => {
        const c = await storage.createConversation(newConversation());
        const esc = { reason: 'asked_for_human', priority: 'normal', summary: {} } as const;
        const r1 = await storage.commitTurn({ conversationId: c.id, expectedVersion: 0, messages: [], escalation: esc });
        expect(await storage.updateEscalationStatus(r1.escalation!.id, 'closed')).toMatchObject({ id: r1.escalation!.id, status: 'closed' });
        const r2 = await storage.commitTurn({ conversationId: c.id, expectedVersion: 1, messages: [], escalation: esc });
        expect(r2.escalation!.id).not.toBe(r1.escalation!.id);
        expect((await storage.listEscalations({ conversationId: c.id })).map((e) => [e.id, e.status])).toEqual([
          [r1.escalation!.id, 'closed'],
          [r2.escalation!.id, 'queued'],
        ]);
      });

      it('moves an escalation only from the expected status (one agent wins a claim)', async () => {
        const c = await storage.createConversation(newConversation());
        const { escalation } = await storage.commitTurn({
          conversationId: c.id,
          expectedVersion: 0,
          messages: [],
          escalation: { reason: 'frustration', priority: 'normal', summary: {} },
        });
        const claims = await Promise.all([
          storage.updateEscalationStatus(escalation!.id, 'assigned', { from: ['queued'] }),
          storage.updateEscalationStatus(escalation!.id, 'assigned', { from: ['queued'] }),
        ]);
        expect(claims.filter(Boolean)).toHaveLength(1);
        expect(claims.find(Boolean)).toEqual({ ...escalation, status: 'assigned' });
        expect(await storage.updateEscalationStatus(escalation!.id, 'closed', { from: ['queued'] })).toBeUndefined();
        expect(await storage.updateEscalationStatus('no-such-escalation', 'closed')).toBeUndefined();
        expect(await storage.listEscalations({ conversationId: c.id })).toEqual([{ ...escalation, status: 'assigned' }]);
        // An assigned escalation still counts as open: no second one.
        const again = await storage.commitTurn({
          conversationId: c.id,
          expectedVersion: 1,
          messages: [],
          escalation: { reason: 'asked_for_human', priority: 'urgent', summary: {} },
        });
        expect(again.escalation).toMatchObject({ id: escalation!.id, status: 'assigned' });
      });

      it('lists escalations oldest first, filtered by status and conversation', async () => {
        const convs = await Promise.all([1, 2, 3].map(() => storage.createConversation(newConversation())));
        const ids: string[] = [];
        for (const c of convs) {
          const r = await storage.commitTurn({
            conversationId: c.id,
            expectedVersion: 0,
            messages: [],
            escalation: { reason: 'low_confidence', priority: 'normal', summary: { from: c.id } },
          });
          ids.push(r.escalation!.id);
        }
        await storage.updateEscalationStatus(ids[1]!, 'assigned');
        expect((await storage.listEscalations()).map((e) => e.id)).toEqual(ids);
        expect((await storage.listEscalations({})).map((e) => e.id)).toEqual(ids);
        expect((await storage.listEscalations({ status: 'queued' })).map((e) => e.id)).toEqual([ids[0], ids[2]]);
        expect((await storage.listEscalations({ status: 'assigned' })).map((e) => e.conversationId)).toEqual([convs[1]!.id]);
        expect((await storage.listEscalations({ conversationId: convs[2]!.id })).map((e) => e.summary)).toEqual([{ from: convs[2]!.id }]);
        expect(await storage.listEscalations({ status: 'assigned', conversationId: convs[0]!.id })).toEqual([]);
        expect(await storage.listEscalations({ status: 'closed' })).toEqual([]);
      });
      it('lists the queue in one read: queued escalations oldest first, each with its conversation state and latest customer texts', async () => {
        const esc = { reason: 'asked_for_human', priority: 'normal', summary: { intent: 'refund_status' } } as const;
        const talk = async (messages: NewMessage[], state: 'queued' | 'closed' = 'queued') => {
          const c = await storage.createConversation(newConversation());
          await storage.commitTurn({ conversationId: c.id, expectedVersion: 0, messages, state, escalation: esc });
          return c.id;
        };
        const chatty = await talk([msg('m1', 'first'), msg('b1', 'hello', 'bot'), msg('m2', 'second'), msg('m3', 'third'), msg('b2', 'ok', 'bot')]);
        const silent = await talk([]);
        const taken = await talk([msg('m1', 'taken')]);
        await storage.updateEscalationStatus((await storage.listEscalations({ conversationId: taken }))[0]!.id, 'assigned');
        // The customer's only line is 11 messages back: too old to preview.
        const stale = await talk([msg('m1', 'long ago'), ...Array.from({ length: 10 }, (_, i) => msg(`b${i}`, `bot ${i}`, 'bot'))]);
        const left = await talk([msg('m1', 'bye')], 'closed');

        const queue = await storage.listQueue();
        const queued = await storage.listEscalations({ status: 'queued' });
        expect(queue.map((q) => q.conversationId)).toEqual([chatty, silent, stale, left]);
        expect(queue.map(({ conversationState: _s, recentCustomerTexts: _t, ...e }) => e)).toEqual(queued);
        expect(queue.map((q) => [q.conversationState, q.recentCustomerTexts])).toEqual([
          ['queued', ['second', 'third']],
          ['queued', []],
          ['queued', []],
          ['closed', ['bye']],
        ]);
        expect(queue[0]!.summary).toEqual(esc.summary);
      });
    });

    if (options.openAnother) {
      const openAnother = options.openAnother;
      describe('two handles on one database', () => {
        it('sees everything committed through the other handle, after it is closed', async () => {
          const other = await openAnother(storage);
          const c = await other.createConversation(newConversation());
          await other.commitTurn({
            conversationId: c.id,
            expectedVersion: 0,
            messages: [msg('m1')],
            snapshot: { value: 'x' },
            state: 'queued',
            escalation: { reason: 'asked_for_human', priority: 'normal', summary: {} },
          });
          await other.close();
          expect(await storage.getConversation(c.id)).toMatchObject({ version: 1, lastSeq: 1, snapshot: { value: 'x' }, state: 'queued' });
          expect((await storage.messagesAfter(c.id, 0)).map((m) => m.id)).toEqual(['m1']);
          expect(await storage.listEscalations({ conversationId: c.id })).toHaveLength(1);
        });

        it('serialises concurrent commits from two handles into gap-free seq', async () => {
          const other = await openAnother(storage);
          try {
            const c = await storage.createConversation(newConversation());
            await Promise.all(
              Array.from({ length: 20 }, (_, i) =>
                commitWithRetry(i % 2 ? other : storage, { conversationId: c.id, messages: [msg(`w${i}`)] }),
              ),
            );
            const stored = await storage.messagesAfter(c.id, 0);
            expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
            expect(new Set(stored.map((m) => m.id)).size).toBe(20);
            // A stale handle loses against the other's commit.
            await expect(other.commitTurn({ conversationId: c.id, expectedVersion: 19, messages: [msg('late')] })).rejects.toBeInstanceOf(
              VersionConflictError,
            );
          } finally {
            await other.close();
          }
        });
      });
    }
  });
}
