import type { ServerFrame } from '../../src/protocol/customer';
import type { TestApp } from '../helpers/app';
import { startAppWith } from '../conversation/app-with';
import { ChatClient, startChat } from '../helpers/ws-client';
import { AgentClient, addAgent, login } from './agent-helpers';

type Err = Extract<ServerFrame, { type: 'error' }>;
type Ack = Extract<ServerFrame, { type: 'ack' }>;

let t: TestApp;
beforeAll(async () => {
  // Someone is at the desk, so asking for a person queues the chat.
  t = await startAppWith({ availability: { check: async () => ({ available: true }) } });
});
afterAll(async () => {
  await t.close();
});

describe('customer socket: frames are taken in arrival order', () => {
  test('a message sent in the same tick as hello is processed after the session opens', async () => {
    const client = await ChatClient.connect(t.wsUrl);
    // Both frames leave in one tick, before the server has opened anything.
    client.send({ type: 'hello' });
    client.send({ type: 'message', id: 'p1', text: 'how do I get a refund?' });
    client.send({ type: 'typing' });
    client.send({ type: 'message', id: 'p2', text: 'I want to talk to a person' });
    const session = await client.waitFor<Extract<ServerFrame, { type: 'session' }>>((f) => f.type === 'session');
    const ack1 = await client.waitFor<Ack>((f) => f.type === 'ack' && f.id === 'p1');
    const ack2 = await client.waitFor<Ack>((f) => f.type === 'ack' && f.id === 'p2');
    expect(ack2.seq).toBeGreaterThan(ack1.seq);
    await client.waitFor((f) => f.type === 'message' && f.from === 'bot' && f.replyTo === 'p1');
    expect(client.frames.filter((f) => f.type === 'error')).toEqual([]);
    // The session frame comes first: nothing is answered before the conversation exists.
    expect(client.frames[0]!.type).toBe('session');
    const stored = await t.storage.messagesAfter(session.conversationId, 0, 100);
    expect(stored.filter((m) => m.from === 'customer').map((m) => m.id)).toEqual(['p1', 'p2']);
    await client.close();
  });

  test('a frame that really comes before hello is refused with HELLO_REQUIRED and its id, and the socket still opens', async () => {
    const client = await ChatClient.connect(t.wsUrl);
    client.send({ type: 'message', id: 'early', text: 'hi' });
    const err = await client.waitFor<Err>((f) => f.type === 'error');
    expect(err).toMatchObject({ code: 'HELLO_REQUIRED', id: 'early', retryable: false });
    client.send({ type: 'hello' });
    client.send({ type: 'message', id: 'early', text: 'hi' });
    await client.waitFor<Ack>((f) => f.type === 'ack' && f.id === 'early');
    await client.close();
  });

  test('a second hello pipelined behind the first is ALREADY_STARTED, and frames after it still run', async () => {
    const client = await ChatClient.connect(t.wsUrl);
    client.send({ type: 'hello' });
    client.send({ type: 'hello' });
    client.send({ type: 'message', id: 'after', text: 'hello there' });
    const err = await client.waitFor<Err>((f) => f.type === 'error');
    expect(err.code).toBe('ALREADY_STARTED');
    await client.waitFor<Ack>((f) => f.type === 'ack' && f.id === 'after');
    expect(client.frames.filter((f) => f.type === 'session')).toHaveLength(1);
    await client.close();
  });

  test('a resumed conversation takes pipelined frames too, after the history', async () => {
    const first = await startChat(t.wsUrl);
    await first.client.waitFor((f) => f.type === 'message' && f.from === 'bot');
    await first.client.close();
    const client = await ChatClient.connect(t.wsUrl);
    client.send({ type: 'hello', token: first.session.token, lastSeq: 0 });
    client.send({ type: 'message', id: 'r1', text: 'hello again' });
    const ack = await client.waitFor<Ack>((f) => f.type === 'ack' && f.id === 'r1');
    const seqs = client.messages().map((m) => m.seq);
    // The history (seq 1…) arrives before the new message's seq, gap-free.
    expect(seqs.slice(0, ack.seq)).toEqual(Array.from({ length: ack.seq }, (_, i) => i + 1));
    await client.close();
  });
});

describe('agent socket: frames sent while it opens wait for it', () => {
  test('presence and claim sent at connect are handled after the hello, in order', async () => {
    const { client: customer, session } = await startChat(t.wsUrl);
    customer.send({ type: 'message', id: 'c1', text: 'I want to talk to a person' });
    await customer.waitFor((f) => f.type === 'status' && f.state === 'queued');

    const record = await addAgent(t, 'Pip');
    const who = await login(t, record.email);
    const agent = await AgentClient.connect(t, who);
    // Sent the moment the socket is open, before the server has subscribed or sent hello.
    agent.send({ type: 'presence', status: 'online' });
    agent.send({ type: 'claim', conversationId: session.conversationId, ref: 'k1' });
    await agent.waitFor('assigned', (f) => f.conversationId === session.conversationId);
    const transcript = await agent.waitFor('transcript', (f) => f.conversationId === session.conversationId);
    expect(transcript.readOnly).toBe(false);
    expect(agent.frames[0]!.type).toBe('hello');
    // Without the queue, the claim could run before the presence change and be NOT_ONLINE.
    expect(agent.frames.filter((f) => f.type === 'error')).toEqual([]);
    await customer.waitFor((f) => f.type === 'status' && f.state === 'agent');
    await agent.close();
    await customer.close();
  });
});
