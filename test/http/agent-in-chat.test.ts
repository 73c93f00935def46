/**
 * What the customer's socket sees of the people who take the chat: one join notice per agent
 * join, each agent message carrying its author's name (live and in history, after a transfer and
 * after the close), and a clear answer to anything sent once an agent has closed the chat.
 */
import type { ServerFrame } from '../../src/protocol/customer';
import { startChat } from '../helpers/ws-client';
import { startTestApp, type TestApp } from '../helpers/app';
import { AgentClient, addAgent, login } from './agent-helpers';

type Msg = Extract<ServerFrame, { type: 'message' }>;

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(async () => {
  await t.close();
});

async function onlineAgent(name: string) {
  const record = await addAgent(t, name);
  const socket = await AgentClient.connect(t, await login(t, record.email));
  await socket.waitFor('hello');
  socket.send({ type: 'presence', status: 'online' });
  await socket.waitFor('agents', (f) => f.agents.some((a) => a.id === record.id && a.status === 'online'));
  return { record, socket };
}

/** A customer handed to `agent`, who has claimed the chat. */
async function claimedChat(agent: Awaited<ReturnType<typeof onlineAgent>>) {
  const chat = await startChat(t.wsUrl);
  chat.client.send({ type: 'message', id: 'c1', text: 'I want to talk to a person' });
  await agent.socket.waitFor('queue', (f) => f.entries.some((e) => e.conversationId === chat.session.conversationId));
  agent.socket.send({ type: 'claim', conversationId: chat.session.conversationId });
  await agent.socket.waitFor('transcript', (f) => f.conversationId === chat.session.conversationId);
  await chat.client.waitFor((f) => f.type === 'status' && f.state === 'agent');
  return chat;
}

/** The whole history, as a widget resuming with `lastSeq: 0` gets it, once it reached what `live` saw. */
async function history(token: string, live: { messages(): Msg[] }) {
  const resumed = await startChat(t.wsUrl, { token, lastSeq: 0 });
  const last = Math.max(...live.messages().map((m) => m.seq));
  await resumed.client.waitFor((f) => f.type === 'message' && f.seq === last);
  return resumed.client;
}

const joinNotices = (messages: Msg[]) => messages.filter((m) => /joined/i.test(m.text)).map((m) => [m.from, m.text]);

describe('the customer and the agent', () => {
  test('one join notice per agent join, live and in the history a resumed widget gets', async () => {
    const ada = await onlineAgent('Ada');
    const bob = await onlineAgent('Bob');
    const { client, session } = await claimedChat(ada);
    await client.waitFor((f) => f.type === 'message' && /Ada joined/.test(f.text));
    ada.socket.send({ type: 'transfer', conversationId: session.conversationId, toAgentId: bob.record.id });
    await client.waitFor((f) => f.type === 'message' && /Bob joined/.test(f.text));
    await client.waitFor((f) => f.type === 'status' && f.agent?.name === 'Bob');
    expect(joinNotices(client.messages())).toEqual([
      ['system', 'Ada joined the chat'],
      ['system', 'Bob joined the chat'],
    ]);
    // The status frames name who has the chat; they are not messages and not a second notice.
    expect(client.frames.filter((f) => f.type === 'status' && f.state === 'agent').map((f) => (f as { agent?: { name: string } }).agent?.name)).toEqual(['Ada', 'Bob']);

    const resumed = await history(session.token, client);
    expect(joinNotices(resumed.messages())).toEqual(joinNotices(client.messages()));
    await Promise.all([client.close(), resumed.close(), ada.socket.close(), bob.socket.close()]);
  });

  test('each agent message names its author, after a transfer and after the chat closed, live and in history', async () => {
    const ada = await onlineAgent('Ada Lovelace');
    const bob = await onlineAgent('Bob');
    const { client, session } = await claimedChat(ada);
    const id = session.conversationId;
    ada.socket.send({ type: 'message', conversationId: id, id: 'a1', text: 'Hi, I am looking into it.' });
    await client.waitFor((f) => f.type === 'message' && f.id === 'a1');
    ada.socket.send({ type: 'transfer', conversationId: id, toAgentId: bob.record.id });
    await bob.socket.waitFor('assigned', (f) => f.conversationId === id);
    bob.socket.send({ type: 'message', conversationId: id, id: 'b1', text: 'Bob here, refund is sent.' });
    await client.waitFor((f) => f.type === 'message' && f.id === 'b1');
    bob.socket.send({ type: 'close', conversationId: id, resolution: 'refund sent' });
    await client.waitFor((f) => f.type === 'status' && f.state === 'closed');

    const authors = (messages: Msg[]) => messages.filter((m) => m.from === 'agent').map((m) => [m.id, m.agent?.name]);
    expect(authors(client.messages())).toEqual([
      ['a1', 'Ada Lovelace'],
      ['b1', 'Bob'],
    ]);
    // Bot and system messages name no agent.
    expect(client.messages().filter((m) => m.from !== 'agent' && m.agent !== undefined)).toEqual([]);
    const resumed = await history(session.token, client);
    expect(authors(resumed.messages())).toEqual(authors(client.messages()));
    await Promise.all([client.close(), resumed.close(), ada.socket.close(), bob.socket.close()]);
  });

  test('after an agent closes the chat, a message or a choice gets CONVERSATION_CLOSED with its id and is not stored; a resend of an earlier message is still acked', async () => {
    const ada = await onlineAgent('Ada');
    const { client, session } = await claimedChat(ada);
    client.send({ type: 'message', id: 'c2', text: 'thanks, one more thing' });
    const acked = await client.waitFor<Extract<ServerFrame, { type: 'ack' }>>((f) => f.type === 'ack' && f.id === 'c2');
    ada.socket.send({ type: 'close', conversationId: session.conversationId, resolution: 'answered' });
    await client.waitFor((f) => f.type === 'status' && f.state === 'closed');

    client.send({ type: 'message', id: 'late-1', text: 'hello? are you still there?' });
    client.send({ type: 'choice', id: 'late-2', value: 'human' });
    client.send({ type: 'message', id: 'c2', text: 'thanks, one more thing' });
    const refused = await client.waitFor((f) => f.type === 'error' && f.id === 'late-1');
    expect(refused).toMatchObject({ code: 'CONVERSATION_CLOSED', retryable: false });
    expect(await client.waitFor((f) => f.type === 'error' && f.id === 'late-2')).toMatchObject({ code: 'CONVERSATION_CLOSED' });
    const again = await client.waitFor((f) => f.type === 'ack' && f.id === 'c2', 5000, client.frames.indexOf(acked) + 1);
    expect(again).toEqual(acked);

    expect(client.frames.some((f) => f.type === 'ack' && (f.id === 'late-1' || f.id === 'late-2'))).toBe(false);
    const stored = await t.storage.messagesAfter(session.conversationId, 0);
    expect(stored.some((m) => m.id === 'late-1' || m.id === 'late-2')).toBe(false);
    // Feedback is still welcome after the end.
    client.send({ type: 'feedback', rating: 5 });
    await client.waitFor((f) => f.type === 'message' && f.from === 'system' && /thank you for your feedback/i.test(f.text));
    await Promise.all([client.close(), ada.socket.close()]);
  });

  test('a customer who ended the chat themselves gets the same answer', async () => {
    const { client, session } = await startChat(t.wsUrl);
    client.send({ type: 'end' });
    await client.waitFor((f) => f.type === 'status' && f.state === 'closed');
    client.send({ type: 'message', id: 'after-end', text: 'wait, one more question' });
    expect(await client.waitFor((f) => f.type === 'error' && f.id === 'after-end')).toMatchObject({ code: 'CONVERSATION_CLOSED' });
    expect((await t.storage.messagesAfter(session.conversationId, 0)).some((m) => m.id === 'after-end')).toBe(false);
    await client.close();
  });
});
