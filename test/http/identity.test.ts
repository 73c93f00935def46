import { signIdentity } from '../../src/identity/verify';
import type { CasesFrame, ServerFrame } from '../../src/protocol/customer';
import { startTestApp, type TestApp } from '../helpers/app';
import { ChatClient, startChat } from '../helpers/ws-client';
import { AgentClient, addAgent, login } from './agent-helpers';

const SECRET = 'shop-shared-secret-0123456789';
const who = (id: string, extra: Record<string, string> = {}) => ({ id, hash: signIdentity(SECRET, id), ...extra });

async function helloFails(t: TestApp, hello: Record<string, unknown>) {
  const client = await ChatClient.connect(t.wsUrl);
  client.send({ type: 'hello', ...hello });
  const error = await client.waitFor<Extract<ServerFrame, { type: 'error' }>>((f) => f.type === 'error');
  return { client, error };
}

describe('verified customers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ identitySecret: SECRET });
  });
  afterAll(async () => {
    await t.close();
  });

  test('a forged or malformed signature is refused with IDENTITY_INVALID, and the same socket may then chat anonymously', async () => {
    for (const identity of [{ id: 'cust-1', hash: signIdentity('another-secret-0123456', 'cust-1') }, { id: 'cust-2', hash: who('cust-1').hash }, { id: 'cust-1', hash: 'zz' }]) {
      const { client, error } = await helloFails(t, { identity });
      expect(error).toMatchObject({ code: 'IDENTITY_INVALID', retryable: false });
      expect(client.frames.some((f) => f.type === 'session')).toBe(false);
      client.send({ type: 'hello' });
      await client.waitFor((f) => f.type === 'session');
      await client.close();
    }
    const { error } = await helloFails(t, { identity: { id: 'cust-1' } });
    expect(error.code).toBe('BAD_FRAME');
  });

  test('a verified customer sees their cases from earlier conversations and can ask about one; another customer cannot', async () => {
    const first = await startChat(t.wsUrl, { identity: who('cust-42', { name: 'Jane Doe', email: 'jane@shop.example' }) });
    const stored = await t.storage.getConversation(first.session.conversationId);
    expect(stored?.context.customer).toEqual({ id: 'cust-42', name: 'Jane Doe', email: 'jane@shop.example', verified: true });
    await t.storage.cases.createCase({
      id: 'CS-JANE42',
      conversationId: first.session.conversationId,
      sourceMessageId: 'm0',
      kind: 'refund',
      priority: 'normal',
      details: {},
      followUpBy: Date.now() + 86_400_000,
    });
    await first.client.close();

    // A new conversation (no resume token) for the same customer lists the case...
    const second = await startChat(t.wsUrl, { identity: who('cust-42') });
    expect(second.session.conversationId).not.toBe(first.session.conversationId);
    const cases = await second.client.waitFor<CasesFrame>((f) => f.type === 'cases');
    expect(cases.cases).toEqual([expect.objectContaining({ id: 'CS-JANE42', kind: 'refund', status: 'open' })]);
    second.client.send({ type: 'message', id: 'q1', text: 'What is the status of case CS-JANE42?' });
    const answer = await second.client.waitFor((f) => f.type === 'message' && f.from === 'bot' && f.replyTo === 'q1');
    expect(answer).toMatchObject({ text: expect.stringContaining('Refund case CS-JANE42 is open') });
    await second.client.close();

    // ...but another verified customer, or an anonymous one, gets the same answer as for no such case.
    for (const hello of [{ identity: who('cust-7') }, {}]) {
      const other = await startChat(t.wsUrl, hello);
      await new Promise((r) => setTimeout(r, 100));
      expect(other.client.frames.filter((f) => f.type === 'cases').flatMap((f) => (f as CasesFrame).cases)).toEqual([]);
      other.client.send({ type: 'message', id: 'q2', text: 'What is the status of case CS-JANE42?' });
      const reply = await other.client.waitFor((f) => f.type === 'message' && f.from === 'bot' && f.replyTo === 'q2');
      expect(reply).toMatchObject({ text: expect.stringContaining("I can't find a case CS-JANE42") });
      await other.client.close();
    }
  });

  test('a verified customer\'s conversation is resumed only by that customer, never by whoever uses the device next', async () => {
    const mine = await startChat(t.wsUrl, { identity: who('cust-9') });
    await mine.client.close();
    const token = mine.session.token;
    for (const [hello, same] of [
      [{ token, identity: who('cust-9') }, true],
      [{ token, identity: who('cust-10') }, false],
      [{ token }, false],
    ] as const) {
      const again = await startChat(t.wsUrl, hello);
      expect(again.session.conversationId === mine.session.conversationId).toBe(same);
      await again.client.close();
    }
  });

  test('the agent sees the customer the site vouched for on the queue entry', async () => {
    const record = await addAgent(t, 'Ada');
    const ada = await AgentClient.connect(t, await login(t, record.email));
    await ada.waitFor('hello');
    ada.send({ type: 'presence', status: 'online' });
    await ada.waitFor('agents', (f) => f.agents.some((a) => a.id === record.id && a.status === 'online'));
    const { client, session } = await startChat(t.wsUrl, { identity: who('cust-77', { name: 'Sam Lee', email: 'sam@shop.example' }) });
    client.send({ type: 'message', id: 'h1', text: 'I want to talk to a person' });
    const queue = await ada.waitFor('queue', (f) => f.entries.some((e) => e.conversationId === session.conversationId));
    expect(queue.entries.find((e) => e.conversationId === session.conversationId)?.customer).toEqual({ id: 'cust-77', name: 'Sam Lee', email: 'sam@shop.example', verified: true });
    await client.close();
    await ada.close();
  });
});

describe('verified customers without IDENTITY_SECRET', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  test('every identity is refused (nothing can be checked), saying why', async () => {
    const { error, client } = await helloFails(t, { identity: who('cust-1') });
    expect(error.code).toBe('IDENTITY_INVALID');
    expect(error.message).toMatch(/IDENTITY_SECRET/);
    await client.close();
  });
});
