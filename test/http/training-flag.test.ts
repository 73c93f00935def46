/**
 * POST /api/training/triage over the real app: an operator flags a customer message from a
 * transcript for labelling; it shows in the inbox with reason operator_flagged, once.
 */
import { randomUUID } from 'node:crypto';
import type { ConversationPage } from '../../src/protocol/agent';
import type { ServerFrame } from '../../src/protocol/customer';
import type { TriageItem } from '../../src/storage/training';
import type { NewMessage } from '../../src/storage/types';
import { startTestApp, type TestApp } from '../helpers/app';
import { startChat } from '../helpers/ws-client';
import { rest, signedIn, type LoggedIn } from './agent-helpers';

interface ErrorBody {
  code: string;
  message: string;
}
interface Inbox {
  items: Array<TriageItem & { context: Array<{ seq: number; from: string; text: string }> }>;
}

/** What the parser stores with a customer message (meta.nlu), trimmed to what triage reads. */
const nlu = (lowConfidence: boolean) => ({
  nlu: {
    intent: { name: 'refund_status', category: 'refund', confidence: lowConfidence ? 0.3 : 0.9 },
    ranking: [
      { name: 'refund_status', category: 'refund', confidence: lowConfidence ? 0.3 : 0.9 },
      { name: 'late_fee', category: 'billing', confidence: lowConfidence ? 0.2 : 0.05 },
    ],
    entities: [],
    lowConfidence,
  },
});

describe('POST /api/training/triage: flag a customer message for labelling', () => {
  let t: TestApp;
  let operator: LoggedIn;
  let agent: LoggedIn;
  beforeAll(async () => {
    t = await startTestApp();
    operator = await signedIn(t, 'Olive', 'operator');
    agent = await signedIn(t, 'Aaron', 'agent');
  });
  afterAll(async () => {
    await t.close();
  });

  const flag = <T = { item: TriageItem }>(who: LoggedIn | undefined, body: unknown, opts?: { csrf?: boolean }) =>
    rest<T>(t, who, 'POST', '/api/training/triage', body, opts);
  const flagged = async (conversationId: string) =>
    (await rest<Inbox>(t, operator, 'GET', '/api/training/triage?reason=operator_flagged&status=all&limit=500')).body.items.filter(
      (i) => i.conversationId === conversationId,
    );

  /** A stored chat: a confident customer message (m1), the bot's answer (b1), a customer message without NLU (m2), an unsure one (m3). */
  async function seed(): Promise<string> {
    const id = `c-${randomUUID()}`;
    await t.storage.createConversation({ id, tokenHash: `h-${id}`, state: 'bot', snapshot: {}, context: {} });
    const messages: NewMessage[] = [
      { id: 'm1', from: 'customer', text: 'I sent the shoes back two weeks ago', meta: nlu(false) },
      { id: 'b1', from: 'bot', text: 'Refunds take up to 5 days.', replyTo: 'm1' },
      { id: 'm2', from: 'customer', text: 'my refund has not arrived yet' },
      { id: 'm3', from: 'customer', text: 'the thing with the stuff', meta: nlu(true) },
    ];
    await t.storage.commitTurn({ conversationId: id, expectedVersion: 0, messages });
    return id;
  }

  test('needs an operator session and its CSRF token', async () => {
    const conversationId = await seed();
    const body = { conversationId, messageId: 'm1' };
    expect(await flag<ErrorBody>(undefined, body)).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    expect(await flag<ErrorBody>(agent, body)).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    expect(await flag<ErrorBody>(operator, body, { csrf: false })).toMatchObject({ status: 403, body: { code: 'CSRF_INVALID' } });
    expect(await flagged(conversationId)).toEqual([]);
  });

  test('creates one inbox item with the stored guesses (201), then answers the same item (200) however often it is flagged', async () => {
    const conversationId = await seed();
    const first = await flag(operator, { conversationId, messageId: 'm1' });
    expect(first.status).toBe(201);
    expect(first.body.item).toMatchObject({
      conversationId,
      messageId: 'm1',
      messageSeq: 1,
      text: 'I sent the shoes back two weeks ago',
      reason: 'operator_flagged',
      reasons: ['operator_flagged'],
      topGuesses: [
        { name: 'refund_status', category: 'refund', confidence: 0.9 },
        { name: 'late_fee', category: 'billing', confidence: 0.05 },
      ],
    });
    expect(first.body.item.label).toBeUndefined();

    const again = await flag(operator, { conversationId, messageId: 'm1' });
    expect(again.status).toBe(200);
    expect(again.body.item).toEqual(first.body.item);

    const inbox = await flagged(conversationId);
    expect(inbox.map((i) => i.id)).toEqual([first.body.item.id]);
    expect(inbox[0]!.context.map((c) => c.text)).toContain('Refunds take up to 5 days.');
  });

  test('a message stored without an NLU result gets the active model’s ranking as its guesses', async () => {
    const conversationId = await seed();
    const res = await flag(operator, { conversationId, messageId: 'm2' });
    expect(res.status).toBe(201);
    const guesses = res.body.item.topGuesses;
    expect(guesses.length).toBeGreaterThan(1);
    expect(guesses.length).toBeLessThanOrEqual(5);
    expect(guesses[0]!.category).toBe('refund'); // "my refund has not arrived yet"
    const confidences = guesses.map((g) => g.confidence);
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
  });

  test('a message already in the inbox (the model was unsure) gains the reason instead of becoming a second item', async () => {
    const conversationId = await seed();
    const res = await flag(operator, { conversationId, messageId: 'm3' });
    expect(res.status).toBe(200);
    expect(res.body.item).toMatchObject({ messageId: 'm3', reason: 'low_confidence', reasons: ['low_confidence', 'operator_flagged'] });
    const unsure = (await rest<Inbox>(t, operator, 'GET', '/api/training/triage?reason=low_confidence&limit=500')).body.items;
    expect(unsure.filter((i) => i.conversationId === conversationId).map((i) => i.id)).toEqual([res.body.item.id]);
    expect((await flagged(conversationId)).map((i) => i.id)).toEqual([res.body.item.id]);
  });

  test('404 for an unknown conversation or message, 400 for a message that is not the customer’s or a malformed body', async () => {
    const conversationId = await seed();
    expect(await flag<ErrorBody>(operator, { conversationId: 'c-nope', messageId: 'm1' })).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect(await flag<ErrorBody>(operator, { conversationId, messageId: 'm9' })).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    const fromBot = await flag<ErrorBody>(operator, { conversationId, messageId: 'b1' });
    expect(fromBot).toMatchObject({ status: 400, body: { code: 'VALIDATION' } });
    expect(fromBot.body.message).toMatch(/only customer messages/);
    expect(await flag<ErrorBody>(operator, { conversationId })).toMatchObject({ status: 400, body: { code: 'VALIDATION' } });
    expect(await flag<ErrorBody>(operator, { conversationId, messageId: '' })).toMatchObject({ status: 400, body: { code: 'VALIDATION' } });
    expect(await flagged(conversationId)).toEqual([]);
  });

  test('the operator’s path over a live chat: find it in the list, open the transcript, flag what the customer wrote', async () => {
    const word = `wombat${randomUUID().slice(0, 6)}`;
    const { client, session } = await startChat(t.wsUrl);
    const text = `can my ${word} pay for this order`;
    client.send({ type: 'message', id: 'w1', text });
    await client.waitFor((f: ServerFrame) => f.type === 'message' && f.from === 'bot' && f.replyTo === 'w1');
    await client.close();

    const found = await rest<ConversationPage>(t, operator, 'GET', `/api/conversations?q=${word}`);
    expect(found.body.conversations.map((c) => c.id)).toEqual([session.conversationId]);
    expect(found.body.conversations[0]!.preview).toBe(text);
    const transcript = await rest<{ messages: Array<{ id: string; from: string; text: string }> }>(t, operator, 'GET', `/api/conversations/${session.conversationId}`);
    const said = transcript.body.messages.find((m) => m.from === 'customer' && m.text === text)!;

    const res = await flag(operator, { conversationId: session.conversationId, messageId: said.id });
    expect([200, 201]).toContain(res.status); // 200 when the model was unsure of it and the sync had it already
    expect(res.body.item.reasons).toContain('operator_flagged');
    expect(res.body.item.topGuesses.length).toBeGreaterThan(0);
    expect((await flagged(session.conversationId)).map((i) => i.text)).toEqual([text]);
  });
});
