/**
 * Issue 13, defect 10: agent and customer message ids are separate spaces. An agent message that
 * reuses an id of the customer's, the bot's (or anyone else's) message is refused with ID_TAKEN —
 * it used to get 201 with someone else's message while the agent's text was dropped — and the
 * same holds the other way round. A sender's own repeat is still stored once and acknowledged.
 */
import type { ServerFrame } from '../../src/protocol/customer';
import { startTestApp, type TestApp } from '../helpers/app';
import { startChat } from '../helpers/ws-client';
import { AgentClient, addAgent, login, rest, type LoggedIn } from '../http/agent-helpers';

type Msg = Extract<ServerFrame, { type: 'message' }>;

describe('separate message id spaces', () => {
  let t: TestApp;
  let ada: LoggedIn;
  let socket: AgentClient;
  beforeAll(async () => {
    t = await startTestApp();
    ada = await login(t, (await addAgent(t, 'Ada')).email);
    socket = await AgentClient.connect(t, ada);
    await socket.waitFor('hello');
    socket.send({ type: 'presence', status: 'online' });
    await socket.waitFor('agents', (f) => f.agents.some((a) => a.id === ada.agent.id && a.status === 'online'));
  });
  afterAll(async () => {
    await socket.close();
    await t.close();
  });

  async function heldChat() {
    const chat = await startChat(t.wsUrl);
    chat.client.send({ type: 'message', id: 'cust-1', text: 'I want to talk to a person' });
    await socket.waitFor('queue', (f) => f.entries.some((e) => e.conversationId === chat.session.conversationId), 10_000);
    expect((await rest(t, ada, 'POST', `/api/conversations/${chat.session.conversationId}/claim`)).status).toBe(200);
    await chat.client.waitFor((f) => f.type === 'status' && f.state === 'agent', 10_000);
    return chat;
  }

  it('an agent reusing any id of another sender in the chat gets ID_TAKEN, over REST and the socket; nothing is dropped silently', async () => {
    const { client, session } = await heldChat();
    const taken = client.messages().filter((m) => m.from !== 'agent');
    expect(taken.map((m) => m.from)).toEqual(expect.arrayContaining(['customer', 'bot']));
    for (const m of taken) {
      const r = await rest<{ code: string }>(t, ada, 'POST', `/api/conversations/${session.conversationId}/messages`, { id: m.id, text: `agent text for ${m.id}` });
      expect({ id: m.id, status: r.status, code: r.body.code }).toEqual({ id: m.id, status: 409, code: 'ID_TAKEN' });
      socket.send({ type: 'message', conversationId: session.conversationId, id: m.id, text: `agent text for ${m.id}` });
      expect((await socket.waitFor('error', (f) => f.ref === m.id)).code).toBe('ID_TAKEN');
    }
    // The customer's messages are as they were, and no agent text went anywhere.
    const transcript = await rest<{ messages: Array<{ id: string; from: string; text: string }> }>(t, ada, 'GET', `/api/conversations/${session.conversationId}`);
    for (const m of taken) expect(transcript.body.messages.find((x) => x.id === m.id)).toMatchObject({ from: m.from, text: m.text });
    expect(transcript.body.messages.filter((x) => x.text.startsWith('agent text for'))).toEqual([]);

    // Sent again with an id of its own, it goes through; repeating that id is stored once.
    const first = await rest<{ message: { seq: number } }>(t, ada, 'POST', `/api/conversations/${session.conversationId}/messages`, { id: 'ada-1', text: 'Hello, Ada here' });
    const again = await rest<{ message: { seq: number } }>(t, ada, 'POST', `/api/conversations/${session.conversationId}/messages`, { id: 'ada-1', text: 'Hello, Ada here' });
    expect(first.status).toBe(201);
    expect(again).toMatchObject({ status: 201, body: { message: { seq: first.body.message.seq } } });
    await client.waitFor<Msg>((f) => f.type === 'message' && f.id === 'ada-1' && f.from === 'agent');
    await client.close();
  });

  it('a customer reusing an agent or bot message id gets ID_TAKEN, not an ack of that message; their own repeat is acked again', async () => {
    const { client, session } = await heldChat();
    expect((await rest(t, ada, 'POST', `/api/conversations/${session.conversationId}/messages`, { id: 'ada-2', text: 'How can I help?' })).status).toBe(201);
    await client.waitFor<Msg>((f) => f.type === 'message' && f.id === 'ada-2');
    const bot = client.messages().find((m) => m.from === 'bot')!;
    for (const id of ['ada-2', bot.id]) {
      const from = client.frames.length;
      client.send({ type: 'message', id, text: 'my own words' });
      const answer = await client.waitFor((f) => (f.type === 'error' && f.id === id) || (f.type === 'ack' && f.id === id), 5000, from);
      expect(answer).toMatchObject({ type: 'error', code: 'ID_TAKEN', id });
    }
    const from = client.frames.length;
    client.send({ type: 'message', id: 'cust-1', text: 'I want to talk to a person' });
    const ack = await client.waitFor<Extract<ServerFrame, { type: 'ack' }>>((f) => f.type === 'ack' && f.id === 'cust-1', 5000, from);
    expect(ack.seq).toBe(client.messages().find((m) => m.id === 'cust-1')!.seq);
    const transcript = await rest<{ messages: Array<{ text: string }> }>(t, ada, 'GET', `/api/conversations/${session.conversationId}`);
    expect(transcript.body.messages.filter((m) => m.text === 'my own words')).toEqual([]);
    await client.close();
  });
});
