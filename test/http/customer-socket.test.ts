import type { ServerFrame } from '../../src/protocol/customer';
import type { TestApp } from '../helpers/app';
import { startAppWith } from '../conversation/app-with';
import { ChatClient, startChat } from '../helpers/ws-client';

type Msg = Extract<ServerFrame, { type: 'message' }>;
type Ack = Extract<ServerFrame, { type: 'ack' }>;
type Err = Extract<ServerFrame, { type: 'error' }>;

const isMsg = (pred: (m: Msg) => boolean) => (f: ServerFrame) => f.type === 'message' && pred(f);

let t: TestApp;
beforeAll(async () => {
  // Someone is at the desk: these tests are about the queue (no one there: customer-flows.test.ts).
  t = await startAppWith({ availability: { check: async () => ({ available: true }) } });
});
afterAll(async () => {
  await t.close();
});

describe('customer socket: a whole conversation', () => {
  test('greets, answers from the knowledge base with a link, asks if it helped, clarifies on "No", escalates on a second miss', async () => {
    const { client, session } = await startChat(t.wsUrl, { context: { pageUrl: 'http://shop.test/p/1', orderId: '48213977' } });
    expect(session.state).toBe('bot');
    expect(session.token.length).toBeGreaterThan(20);
    const greeting = await client.waitFor<Msg>(isMsg((m) => m.from === 'bot'));
    expect(greeting.seq).toBe(1);

    // A missing refund is answered from the knowledge base first; the guided refund flow is for
    // returns still being billed.
    client.send({ type: 'message', id: 'c1', text: 'I returned my shoes two weeks ago and still have no refund' });
    const ack = await client.waitFor<Ack>((f) => f.type === 'ack' && f.id === 'c1');
    const answer = await client.waitFor<Msg>(isMsg((m) => m.from === 'bot' && !!m.article));
    expect(answer.article?.category).toBe('refund');
    expect(answer.article?.url).toMatch(new RegExp(`^${t.url}/help/`));
    expect(answer.replyTo).toBe('c1');
    expect(answer.seq).toBeGreaterThan(ack.seq);
    const helped = await client.waitFor<Msg>(isMsg((m) => (m.quickReplies ?? []).some((q) => q.value === 'no')));
    expect(helped.text).toMatch(/answer your question/i);

    // The article link works.
    const page = await fetch(answer.article!.url);
    expect(page.status).toBe(200);

    const before = client.frames.length;
    client.send({ type: 'choice', id: 'c2', value: 'no' });
    const clarification = await client.waitFor<Msg>(isMsg((m) => m.from === 'bot' && (m.quickReplies ?? []).length >= 2), 5000, before);
    const values = clarification.quickReplies!.map((q) => q.value);
    expect(values).toContain('human');
    expect(values.some((v) => v.startsWith('intent:'))).toBe(true);
    // The customer's click is stored as their message, with the label they saw.
    await client.waitFor<Msg>(isMsg((m) => m.from === 'customer' && m.id === 'c2' && m.text === 'No'));

    client.send({ type: 'message', id: 'c3', text: 'qwxz plorb zzzt' });
    const status = await client.waitFor<Extract<ServerFrame, { type: 'status' }>>((f) => f.type === 'status');
    expect(status.state).toBe('queued');
    const escalations = await t.storage.listEscalations({ conversationId: session.conversationId });
    expect(escalations).toHaveLength(1);
    expect(escalations[0]!.reason).toBe('low_confidence');
    expect((await t.storage.getConversation(session.conversationId))!.state).toBe('queued');

    // seq is gap-free and in order over everything the client received.
    const seqs = client.messages().map((m) => m.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    await client.close();
  });

  test('"I want to talk to a person" escalates at once with its reason', async () => {
    const { client, session } = await startChat(t.wsUrl);
    client.send({ type: 'message', id: 'h1', text: 'I want to talk to a person' });
    const status = await client.waitFor<Extract<ServerFrame, { type: 'status' }>>((f) => f.type === 'status');
    expect(status.state).toBe('queued');
    const [escalation] = await t.storage.listEscalations({ conversationId: session.conversationId });
    expect(escalation?.reason).toBe('asked_for_human');
    // Asking again does not queue the conversation twice.
    client.send({ type: 'message', id: 'h2', text: 'human please, a real agent' });
    await client.waitFor<Ack>((f) => f.type === 'ack' && f.id === 'h2');
    expect(await t.storage.listEscalations({ conversationId: session.conversationId })).toHaveLength(1);
    await client.close();
  });
});

describe('resume and idempotency', () => {
  test('a client that reconnects with lastSeq gets exactly the messages it missed, in order', async () => {
    const first = await startChat(t.wsUrl);
    first.client.send({ type: 'message', id: 'r1', text: 'how do I change my payment method' });
    await first.client.waitFor(isMsg((m) => (m.quickReplies ?? []).some((q) => q.value === 'yes')));
    const seen = first.client.messages();
    const lastSeq = seen[seen.length - 1]!.seq;
    await first.client.close();

    // While it is away, the same conversation moves on from another socket.
    const other = await startChat(t.wsUrl, { token: first.session.token, lastSeq });
    other.client.send({ type: 'message', id: 'r2', text: 'when is my next payment due' });
    await other.client.waitFor(isMsg((m) => m.replyTo === 'r2' && (m.quickReplies ?? []).some((q) => q.value === 'yes')));
    const missed = other.client.messages();
    await other.client.close();

    const back = await startChat(t.wsUrl, { token: first.session.token, lastSeq });
    expect(back.session.conversationId).toBe(first.session.conversationId);
    const expectedSeqs = missed.map((m) => m.seq);
    await back.client.waitFor(isMsg((m) => m.seq === expectedSeqs[expectedSeqs.length - 1]));
    await new Promise((r) => setTimeout(r, 200));
    const got = back.client.messages();
    expect(got.map((m) => m.seq)).toEqual(expectedSeqs);
    expect(got[0]!.seq).toBe(lastSeq + 1);
    expect(got.map((m) => m.id)).toEqual(missed.map((m) => m.id));
    // The customer's own message is part of the history too.
    expect(got.some((m) => m.from === 'customer' && m.id === 'r2')).toBe(true);
    await back.client.close();
  });

  test('the same client id twice is stored once and answered once', async () => {
    const { client, session } = await startChat(t.wsUrl);
    client.send({ type: 'message', id: 'dup-1', text: 'my payment failed' });
    client.send({ type: 'message', id: 'dup-1', text: 'my payment failed' });
    const acks: Ack[] = [];
    await client.waitFor((f) => {
      if (f.type === 'ack' && f.id === 'dup-1') acks.push(f);
      return acks.length === 2;
    });
    expect(acks[0]!.seq).toBe(acks[1]!.seq);
    await new Promise((r) => setTimeout(r, 200));
    const stored = await t.storage.messagesAfter(session.conversationId, 0);
    expect(stored.filter((m) => m.id === 'dup-1')).toHaveLength(1);
    const answers = stored.filter((m) => m.replyTo === 'dup-1' && m.from === 'bot');
    expect(answers.length).toBeGreaterThan(0);
    expect(new Set(answers.map((m) => m.text)).size).toBe(answers.length);
    // Resent after a reconnect: still once.
    const again = await startChat(t.wsUrl, { token: session.token, lastSeq: 99999 });
    again.client.send({ type: 'message', id: 'dup-1', text: 'my payment failed' });
    const ack3 = await again.client.waitFor<Ack>((f) => f.type === 'ack');
    expect(ack3.seq).toBe(acks[0]!.seq);
    expect((await t.storage.messagesAfter(session.conversationId, 0)).length).toBe(stored.length);
    await client.close();
    await again.client.close();
  });

  test('an unknown token starts a fresh conversation instead of failing', async () => {
    const { client, session } = await startChat(t.wsUrl, { token: 'not-a-real-token-0000000000000', lastSeq: 5 });
    expect(session.token).not.toBe('not-a-real-token-0000000000000');
    const greeting = await client.waitFor<Msg>(isMsg(() => true));
    expect(greeting.seq).toBe(1);
    await client.close();
  });
});

describe('bad input gets a clear error and loses nothing', () => {
  test('malformed, oversized and out-of-order frames', async () => {
    const client = await ChatClient.connect(t.wsUrl);
    client.send({ type: 'message', id: 'x', text: 'hi' });
    expect((await client.waitFor<Err>((f) => f.type === 'error')).code).toBe('HELLO_REQUIRED');
    client.sendRaw('{not json');
    expect((await client.waitFor<Err>((f) => f.type === 'error' && f.code === 'BAD_FRAME')).retryable).toBe(false);
    client.send({ type: 'hello' });
    const session = await client.waitFor<Extract<ServerFrame, { type: 'session' }>>((f) => f.type === 'session');
    client.send({ type: 'message', id: 'long', text: 'a'.repeat(t.config.maxMessageChars + 1) });
    const tooLong = await client.waitFor<Err>((f) => f.type === 'error' && f.code === 'MESSAGE_TOO_LONG');
    expect(tooLong.id).toBe('long');
    client.sendRaw(JSON.stringify({ type: 'message', id: 'big', text: 'b'.repeat(t.config.maxMessageChars * 5) }));
    await client.waitFor<Err>((f) => f.type === 'error' && f.code === 'FRAME_TOO_LARGE');
    client.send({ type: 'wat' });
    expect((await client.waitFor<Err>((f) => f.type === 'error' && /unknown frame type/.test(f.message))).code).toBe('BAD_FRAME');
    // The socket still works and nothing bad was stored.
    client.send({ type: 'message', id: 'ok-1', text: 'thanks' });
    await client.waitFor<Ack>((f) => f.type === 'ack' && f.id === 'ok-1');
    const stored = await t.storage.messagesAfter(session.conversationId, 0);
    expect(stored.map((m) => m.id)).not.toContain('long');
    expect(stored.map((m) => m.id)).not.toContain('big');
    await client.close();
  });

  test('HTML in a message is kept as text, exactly as typed', async () => {
    const { client, session } = await startChat(t.wsUrl);
    const html = '<img src=x onerror="alert(1)"><script>alert(2)</script> where is my refund';
    client.send({ type: 'message', id: 'html-1', text: html });
    const echo = await client.waitFor<Msg>(isMsg((m) => m.id === 'html-1'));
    expect(echo.text).toBe(html);
    const [stored] = (await t.storage.messagesAfter(session.conversationId, 0)).filter((m) => m.id === 'html-1');
    expect(stored?.text).toBe(html);
    await client.close();
  });

  test('a flood is told to slow down; unacknowledged messages can be resent and are kept once', async () => {
    const { client, session } = await startChat(t.wsUrl);
    const n = t.config.rateLimitFrames + 10;
    for (let i = 0; i < n; i++) client.send({ type: 'message', id: `f${i}`, text: `hello ${i}` });
    const limited = await client.waitFor<Err>((f) => f.type === 'error' && f.code === 'RATE_LIMITED');
    expect(limited.retryable).toBe(true);
    await new Promise((r) => setTimeout(r, 1500));
    const acked = new Set(client.frames.filter((f): f is Ack => f.type === 'ack').map((a) => a.id));
    expect(acked.size).toBeGreaterThan(0);
    expect(acked.size).toBeLessThan(n);
    const stored = await t.storage.messagesAfter(session.conversationId, 0);
    const storedIds = new Set(stored.filter((m) => m.from === 'customer').map((m) => m.id));
    expect(storedIds).toEqual(acked);
    await client.close();
  });

  test('a card number typed into the chat is masked before it is stored or shown, and the customer is warned', async () => {
    const { client, session } = await startChat(t.wsUrl);
    client.send({ type: 'message', id: 'card-1', text: 'my card 4111 1111 1111 1111 was charged twice' });
    const echo = await client.waitFor<Msg>(isMsg((m) => m.id === 'card-1'));
    expect(echo.text).not.toMatch(/4111 1111 1111 1111/);
    expect(echo.text).toMatch(/1111/);
    await client.waitFor<Msg>(isMsg((m) => m.from === 'system' && /card number/i.test(m.text)));
    const stored = await t.storage.messagesAfter(session.conversationId, 0);
    expect(JSON.stringify(stored)).not.toMatch(/4111 1111 1111 1111/);
    await client.close();
  });
});

describe('REST', () => {
  test('POST /api/nlu/parse answers in the NLU contract', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/nlu/parse', payload: { text: 'someone hacked my account' } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.text).toBe('someone hacked my account');
    expect(body.intent.category).toBe('security');
    expect(typeof body.intent.confidence).toBe('number');
    expect(body.ranking[0]).toEqual(body.intent);
    expect(Array.isArray(body.entities)).toBe(true);
    expect(typeof body.lowConfidence).toBe('boolean');
    const bad = await t.app.inject({ method: 'POST', url: '/api/nlu/parse', payload: { nope: 1 } });
    expect(bad.statusCode).toBe(400);
  });

  test('GET /health reports storage and the model', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', storage: 'ok' });
  });
});
