import type { StatusFrame } from '../../src/protocol/customer';
import { startChat } from '../helpers/ws-client';
import { startTestApp, type TestApp } from '../helpers/app';
import { AgentClient, addAgent, login } from './agent-helpers';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(async () => {
  await t.close();
});

async function onlineAgent(name: string, role: 'agent' | 'operator' = 'agent') {
  const record = await addAgent(t, name, role);
  const session = await login(t, record.email);
  const socket = await AgentClient.connect(t, session);
  await socket.waitFor('hello');
  socket.send({ type: 'presence', status: 'online' });
  await socket.waitFor('agents', (f) => f.agents.some((a) => a.id === record.id && a.status === 'online'));
  return { record, session, socket };
}

describe('agent socket', () => {
  test('customer asks for a person → agent sees the entry with its reason → claim → messages both ways → release → bot answers again', async () => {
    const ada = await onlineAgent('Ada');
    const { client: customer, session } = await startChat(t.wsUrl);
    customer.send({ type: 'message', id: 'c1', text: 'I want to talk to a person' });

    const queue = await ada.socket.waitFor('queue', (f) => f.entries.some((e) => e.conversationId === session.conversationId));
    expect(queue.entries[0]).toMatchObject({ conversationId: session.conversationId, reason: 'asked_for_human' });
    expect(queue.entries[0]!.preview).toContain('talk to a person');
    await ada.socket.waitFor('alert', (f) => f.conversationId === session.conversationId);
    const waiting = await customer.waitFor<StatusFrame>((f) => f.type === 'status' && f.queuePosition === 1);
    expect(waiting.estimatedWaitSeconds).toBeGreaterThan(0);

    ada.socket.send({ type: 'claim', conversationId: session.conversationId });
    await ada.socket.waitFor('assigned', (f) => f.conversationId === session.conversationId);
    const transcript = await ada.socket.waitFor('transcript', (f) => f.conversationId === session.conversationId);
    expect(transcript.readOnly).toBe(false);
    expect(transcript.messages.find((m) => m.id === 'c1')?.nlu?.intent).toBeTruthy();
    await customer.waitFor((f) => f.type === 'status' && f.state === 'agent' && f.agent?.name === 'Ada');

    ada.socket.send({ type: 'message', conversationId: session.conversationId, id: 'a1', text: 'Hi, Ada here. How can I help?' });
    await customer.waitFor((f) => f.type === 'message' && f.from === 'agent' && f.text === 'Hi, Ada here. How can I help?');
    customer.send({ type: 'message', id: 'c2', text: 'my refund is late' });
    await ada.socket.waitFor('message', (f) => f.message.id === 'c2' && f.message.from === 'customer');
    const botMessagesWhileAgent = customer.messages().filter((m) => m.from === 'bot' && m.replyTo === 'c2');
    expect(botMessagesWhileAgent).toEqual([]);

    ada.socket.send({ type: 'note', conversationId: session.conversationId, text: 'VIP customer' });
    await ada.socket.waitFor('note', (f) => f.note.text === 'VIP customer');

    ada.socket.send({ type: 'release', conversationId: session.conversationId });
    await ada.socket.waitFor('released', (f) => f.conversationId === session.conversationId);
    await customer.waitFor((f) => f.type === 'status' && f.state === 'bot');
    customer.send({ type: 'message', id: 'c3', text: 'how do I get a refund?' });
    await customer.waitFor((f) => f.type === 'message' && f.from === 'bot' && f.replyTo === 'c3');
    expect(customer.messages().some((m) => m.text.includes('VIP customer'))).toBe(false);
    await customer.close();
    await ada.socket.close();
  });

  test('an agent cannot read or act on another agent’s chat: the socket and REST both refuse', async () => {
    const ada = await onlineAgent('Ada');
    const bob = await onlineAgent('Bob');
    const { client: customer, session } = await startChat(t.wsUrl);
    customer.send({ type: 'message', id: 'c1', text: 'I want to talk to a person' });
    await ada.socket.waitFor('queue', (f) => f.entries.length === 1);
    ada.socket.send({ type: 'claim', conversationId: session.conversationId });
    await ada.socket.waitFor('transcript');
    const id = session.conversationId;

    for (const [i, frame] of [
      { type: 'open', conversationId: id },
      { type: 'message', conversationId: id, id: 'b1', text: 'hijack' },
      { type: 'note', conversationId: id, text: 'x' },
      { type: 'release', conversationId: id },
      { type: 'close', conversationId: id, resolution: 'x' },
      { type: 'transfer', conversationId: id, toAgentId: bob.record.id },
      { type: 'claim', conversationId: id },
    ].entries()) {
      bob.socket.send({ ...frame, ref: `r${i}` });
      const err = await bob.socket.waitFor('error', (f) => f.ref === (frame.type === 'message' ? `r${i}` : `r${i}`));
      expect(['FORBIDDEN', 'ALREADY_CLAIMED', 'NOT_IN_QUEUE']).toContain(err.code);
    }
    expect(bob.socket.frames.some((f) => f.type === 'transcript')).toBe(false);

    const headers = { cookie: bob.session.cookie, 'x-csrf-token': bob.session.csrfToken, 'content-type': 'application/json' };
    expect((await fetch(`${t.url}/api/conversations/${id}`, { headers })).status).toBe(403);
    for (const [path, body] of [['messages', { text: 'hijack' }], ['release', {}], ['close', { resolution: 'x' }]] as const) {
      const res = await fetch(`${t.url}/api/conversations/${id}/${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { code: string }).code).toBe('FORBIDDEN');
    }
    expect((await t.storage.messagesAfter(id, 0)).some((m) => m.text === 'hijack')).toBe(false);

    // The owner may; an operator may read it, read-only.
    const adaHeaders = { cookie: ada.session.cookie };
    expect((await fetch(`${t.url}/api/conversations/${id}`, { headers: adaHeaders })).status).toBe(200);
    const op = await addAgent(t, 'Olga', 'operator');
    const opSession = await login(t, op.email);
    const opView = await fetch(`${t.url}/api/conversations/${id}`, { headers: { cookie: opSession.cookie } });
    expect(opView.status).toBe(200);
    expect(((await opView.json()) as { readOnly: boolean }).readOnly).toBe(true);
    await customer.close();
    await ada.socket.close();
    await bob.socket.close();
  });

  test('an operator who opens someone else’s chat read-only sees its new messages live, until opening another', async () => {
    const ada = await onlineAgent('Ada');
    const olga = await onlineAgent('Olga', 'operator');
    const first = await startChat(t.wsUrl);
    const second = await startChat(t.wsUrl);
    first.client.send({ type: 'message', id: 'c1', text: 'I want to talk to a person' });
    await ada.socket.waitFor('queue', (f) => f.entries.some((e) => e.conversationId === first.session.conversationId));
    ada.socket.send({ type: 'claim', conversationId: first.session.conversationId });
    await ada.socket.waitFor('transcript', (f) => f.conversationId === first.session.conversationId);

    olga.socket.send({ type: 'open', conversationId: first.session.conversationId });
    const view = await olga.socket.waitFor('transcript', (f) => f.conversationId === first.session.conversationId);
    expect(view.readOnly).toBe(true);
    first.client.send({ type: 'message', id: 'c2', text: 'are you still there?' });
    await olga.socket.waitFor('message', (f) => f.conversationId === first.session.conversationId && f.message.id === 'c2');
    ada.socket.send({ type: 'note', conversationId: first.session.conversationId, text: 'checking the order' });
    await olga.socket.waitFor('note', (f) => f.note.text === 'checking the order');

    // opening another chat stops the first one's frames
    olga.socket.send({ type: 'open', conversationId: second.session.conversationId });
    await olga.socket.waitFor('transcript', (f) => f.conversationId === second.session.conversationId);
    first.client.send({ type: 'message', id: 'c3', text: 'hello again' });
    await ada.socket.waitFor('message', (f) => f.message.id === 'c3');
    second.client.send({ type: 'message', id: 's1', text: 'how do I pay early?' });
    await olga.socket.waitFor('message', (f) => f.conversationId === second.session.conversationId && f.message.id === 's1');
    expect(olga.socket.frames.some((f) => f.type === 'message' && f.message.id === 'c3')).toBe(false);
    await first.client.close();
    await second.client.close();
    await ada.socket.close();
    await olga.socket.close();
  });

  test('two agents claiming the same chat at once: one gets it, the other is told ALREADY_CLAIMED', async () => {
    const ada = await onlineAgent('Ada');
    const bob = await onlineAgent('Bob');
    const { client: customer, session } = await startChat(t.wsUrl);
    customer.send({ type: 'message', id: 'c1', text: 'I want to talk to a person' });
    await ada.socket.waitFor('queue', (f) => f.entries.length === 1);
    await bob.socket.waitFor('queue', (f) => f.entries.length === 1);
    ada.socket.send({ type: 'claim', conversationId: session.conversationId, ref: 'x' });
    bob.socket.send({ type: 'claim', conversationId: session.conversationId, ref: 'x' });
    const outcome = await Promise.race([
      ada.socket.waitFor('error', (f) => f.ref === 'x').then(() => 'bob'),
      bob.socket.waitFor('error', (f) => f.ref === 'x').then(() => 'ada'),
    ]);
    const winner = outcome === 'ada' ? ada : bob;
    const loser = outcome === 'ada' ? bob : ada;
    await winner.socket.waitFor('assigned');
    expect(loser.socket.frames.find((f) => f.type === 'error')).toMatchObject({ code: 'ALREADY_CLAIMED' });
    expect(loser.socket.frames.some((f) => f.type === 'assigned')).toBe(false);
    await customer.close();
    await ada.socket.close();
    await bob.socket.close();
  });

  test('the upgrade needs a live session and the own origin', async () => {
    await expect(AgentClient.connect(t, { cookie: 'bnpl_agent_session=forged' })).rejects.toThrow(/401/);
    const a = await addAgent(t, 'Ada');
    const s = await login(t, a.email);
    await expect(AgentClient.connect(t, s, 'https://evil.example')).rejects.toThrow(/403/);
  });
});
