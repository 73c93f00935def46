/**
 * GET /api/conversations over the real app (SQLite, real login): who may list, how bad
 * parameters are refused, the filters, and a cursor walk. Conversations are stored the way the
 * conversation service stores them; each test tags its own with a marker word and filters on it.
 */
import { randomUUID } from 'node:crypto';
import type { ConversationPage } from '../../src/protocol/agent';
import type { ConversationRecord, EscalationReason, NewMessage } from '../../src/storage/types';
import { startTestApp, type TestApp } from '../helpers/app';
import { rest, signedIn, type LoggedIn } from './agent-helpers';

interface ErrorBody {
  code: string;
  message: string;
}

describe('GET /api/conversations: the operators’ transcript list', () => {
  let t: TestApp;
  let operator: LoggedIn;
  let admin: LoggedIn;
  let agent: LoggedIn;
  beforeAll(async () => {
    t = await startTestApp();
    operator = await signedIn(t, 'Olive', 'operator');
    admin = await signedIn(t, 'Ada', 'admin');
    agent = await signedIn(t, 'Aaron', 'agent');
  });
  afterAll(async () => {
    await t.close();
  });

  const list = <T = ConversationPage>(who: LoggedIn | undefined, query = '') => rest<T>(t, who, 'GET', `/api/conversations${query}`);

  /** A chat stored as the conversation service would: a customer message, the bot's answer, and optionally more. */
  async function seed(
    marker: string,
    opts: { text?: string; state?: ConversationRecord['state']; escalate?: EscalationReason; rating?: number } = {},
  ): Promise<ConversationRecord> {
    const id = `c-${randomUUID()}`;
    await t.storage.createConversation({ id, tokenHash: `h-${id}`, state: 'bot', snapshot: {}, context: {} });
    const messages: NewMessage[] = [
      { id: 'm1', from: 'customer', text: opts.text ?? `${marker} where is my refund` },
      { id: 'b1', from: 'bot', text: 'Refunds usually take 5 days.' },
      { id: 's1', from: 'system', text: 'Rate this conversation' },
    ];
    await t.storage.commitTurn({
      conversationId: id,
      expectedVersion: 0,
      messages,
      ...(opts.state ? { state: opts.state } : {}),
      ...(opts.escalate ? { escalation: { reason: opts.escalate, priority: 'normal' as const, summary: {} } } : {}),
    });
    if (opts.rating) await t.storage.cases.addFeedback({ conversationId: id, rating: opts.rating });
    return (await t.storage.getConversation(id))!;
  }

  /** The list order: newest activity first, then id descending. */
  const newestFirst = (rows: ConversationRecord[]) =>
    [...rows].sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)).map((c) => c.id);
  const ids = (page: ConversationPage) => page.conversations.map((c) => c.id);

  test('only operators and admins may list: 401 without a session, 403 for an agent, before any parameter is looked at', async () => {
    for (const query of ['', '?limit=0']) {
      const anonymous = await list<ErrorBody>(undefined, query);
      expect(anonymous).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
      const asAgent = await list<ErrorBody>(agent, query);
      expect(asAgent).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    }
    for (const who of [operator, admin]) {
      const ok = await list(who);
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({ conversations: expect.any(Array), nextCursor: null });
    }
  });

  test.each([
    ['?limit=0', '?limit=0', /limit must be >= 1/],
    ['?limit=101', '?limit=101', /limit must be <= 100/],
    ['?limit=ten', '?limit=ten', /limit must be integer/],
    ['?state=open', '?state=open', /state must be one of bot, queued, agent, closed/],
    ['?escalated=yes', '?escalated=yes', /escalated must be one of true, false/],
    ['?maxRating=0', '?maxRating=0', /maxRating must be >= 1/],
    ['?maxRating=6', '?maxRating=6', /maxRating must be <= 5/],
    ['?from=-1', '?from=-1', /from must be >= 0/],
    ['?to=yesterday', '?to=yesterday', /to must be integer/],
    ['?from=2000&to=1000', '?from=2000&to=1000', /from must not be after to/],
    ['?q=', '?q=', /q must NOT have fewer than 1 characters/],
    ['?q=<201 characters>', `?q=${'x'.repeat(201)}`, /q must NOT have more than 200 characters/],
    ['?cursor=not-a-cursor', '?cursor=not-a-cursor', /cursor must be a nextCursor from a previous page/],
    ['?cursor=<a cursor with no id>', `?cursor=${Buffer.from('{"updatedAt":1}').toString('base64url')}`, /cursor must be a nextCursor/],
    ['?cursor=<a cursor with an empty id>', `?cursor=${Buffer.from('[1,""]').toString('base64url')}`, /cursor must be a nextCursor/],
  ])('GET /api/conversations%s → 400 VALIDATION saying what is wrong', async (_label, query, message) => {
    const res = await list<ErrorBody>(operator, query);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION');
    expect(res.body.message).toMatch(message);
  });

  test('summaries and every filter: state, escalated, maxRating, the updatedAt window and case-insensitive text', async () => {
    const m = `zebra${randomUUID().slice(0, 8)}`;
    const unhappy = await seed(m, { text: `${m} My refund NEVER came`, escalate: 'asked_for_human', state: 'queued', rating: 1 });
    const happy = await seed(m, { text: `${m} where is my parcel`, state: 'closed', rating: 5 });
    const fresh = await seed(m, { text: `${m} hello` });
    await seed('unrelated');

    const all = await list(operator, `?q=${m}`);
    expect(all.status).toBe(200);
    expect(ids(all.body)).toEqual(newestFirst([unhappy, happy, fresh]));
    expect(all.body.nextCursor).toBeNull();
    expect(all.body.conversations.find((c) => c.id === unhappy.id)).toEqual({
      id: unhappy.id,
      state: 'queued',
      createdAt: unhappy.createdAt,
      updatedAt: unhappy.updatedAt,
      messageCount: 2,
      preview: `${m} My refund NEVER came`,
      escalation: { reason: 'asked_for_human', status: 'queued' },
      rating: 1,
    });
    expect(all.body.conversations.find((c) => c.id === fresh.id)).toMatchObject({ escalation: null, rating: null });

    expect(ids((await list(operator, `?q=${m}&escalated=true`)).body)).toEqual([unhappy.id]);
    expect(ids((await list(operator, `?q=${m}&escalated=false`)).body)).toEqual(newestFirst([happy, fresh]));
    expect(ids((await list(operator, `?q=${m}&state=closed`)).body)).toEqual([happy.id]);
    expect(ids((await list(operator, `?q=${m}&maxRating=2`)).body)).toEqual([unhappy.id]);
    expect(ids((await list(operator, `?q=${m}&maxRating=5&escalated=false`)).body)).toEqual([happy.id]);
    expect(ids((await list(operator, `?q=${encodeURIComponent(`${m.toUpperCase()} my refund never`)}`)).body)).toEqual([unhappy.id]);
    // The bot's answer is searched too; the system line is not.
    expect((await list(operator, '?q=usually%20TAKE&limit=100')).body.conversations.map((c) => c.id)).toEqual(
      expect.arrayContaining([unhappy.id, happy.id, fresh.id]),
    );
    expect((await list(operator, '?q=rate%20this%20conversation')).body.conversations).toEqual([]);

    // from ≤ updatedAt < to
    const at = happy.updatedAt;
    const window = (await list(operator, `?q=${m}&from=${at}&to=${at + 1}`)).body.conversations;
    expect(window.map((c) => c.id)).toContain(happy.id);
    expect(window.every((c) => c.updatedAt === at)).toBe(true);
    expect(ids((await list(operator, `?q=${m}&to=${at}`)).body)).not.toContain(happy.id);
    expect(ids((await list(operator, `?q=${m}&from=${at + 1}`)).body)).not.toContain(happy.id);
  });

  test('walks every page with nextCursor: no row twice, none missing, a chat arriving mid-walk does not disturb it', async () => {
    const m = `okapi${randomUUID().slice(0, 8)}`;
    const seeded: ConversationRecord[] = [];
    for (let i = 0; i < 5; i++) seeded.push(await seed(m));

    const first = await list(operator, `?q=${m}&limit=2`);
    expect(first.body.conversations).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const arrived = await seed(m);

    const walked = ids(first.body);
    let cursor = first.body.nextCursor;
    let pages = 1;
    while (cursor) {
      const page = await list(operator, `?q=${m}&limit=2&cursor=${encodeURIComponent(cursor)}`);
      expect(page.status).toBe(200);
      walked.push(...ids(page.body));
      cursor = page.body.nextCursor;
      pages++;
    }
    expect(pages).toBe(3);
    expect(walked).toEqual(newestFirst(seeded));
    // A walk from the top sees the newcomer first.
    expect(ids((await list(operator, `?q=${m}&limit=100`)).body)).toEqual(newestFirst([...seeded, arrived]));
  });
});
