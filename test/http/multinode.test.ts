import { createRedisBus } from '../../src/bus/redis';
import { buildApp } from '../../src/app';
import { loadOrTrainModel } from '../../src/nlu/model-cache';
import { createPostgresStorage } from '../../src/storage/postgres';
import type { ServerFrame } from '../../src/protocol/customer';
import { dropSchema, freshSchemaName, requirePostgres, TEST_DATABASE_URL } from '../storage/pg-test-db';
import { ROOT, testConfig } from '../helpers/app';
import { startChat } from '../helpers/ws-client';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Storage } from '../../src/storage/types';
import type { TestApp } from '../helpers/app';
import { AgentClient, addAgent, login } from './agent-helpers';

const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

type Msg = Extract<ServerFrame, { type: 'message' }>;

/** Two identical nodes sharing one PostgreSQL schema and one Redis, as behind a load balancer. */
describe('several nodes: PostgreSQL + Redis', () => {
  const schema = freshSchemaName();
  const prefix = `test-${schema}:`;
  const nodes: { app: FastifyInstance; url: string; wsUrl: string; storage: Storage }[] = [];

  beforeAll(async () => {
    await requirePostgres();
    const { model } = await loadOrTrainModel({ intentsDir: path.join(ROOT, 'intents'), dataDir: path.join(ROOT, 'test-output', 'model-cache') });
    for (let i = 0; i < 2; i++) {
      const config = testConfig();
      const storage = await createPostgresStorage({ connectionString: TEST_DATABASE_URL, schema });
      const bus = await createRedisBus({ url: TEST_REDIS_URL, prefix, name: `node-${i}` });
      // No agent logs in here; hand-over is what is under test, so say a person is available.
      const app = await buildApp(config, { storage, bus, model, availability: { check: async () => ({ available: true }) } });
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      nodes.push({ app, url: address, wsUrl: address.replace(/^http/, 'ws') + '/ws/chat', storage });
    }
  });

  afterAll(async () => {
    for (const n of nodes) await n.app.close();
    await dropSchema(schema);
  });

  test('a socket on node B sees, live and in order, what the same conversation does on node A', async () => {
    const a = await startChat(nodes[0]!.wsUrl);
    await a.client.waitFor((f) => f.type === 'message' && f.seq === 1);
    const b = await startChat(nodes[1]!.wsUrl, { token: a.session.token, lastSeq: 1 });
    expect(b.session.conversationId).toBe(a.session.conversationId);

    a.client.send({ type: 'message', id: 'm1', text: 'how can I pay off my plan early' });
    const answerOnB = await b.client.waitFor<Msg>((f) => f.type === 'message' && f.from === 'bot' && f.replyTo === 'm1', 10_000);
    expect(answerOnB.text.length).toBeGreaterThan(0);
    const onB = b.client.messages();
    expect(onB.some((m) => m.id === 'm1' && m.from === 'customer')).toBe(true);
    expect(onB.map((m) => m.seq)).toEqual(onB.map((_, i) => i + 2));

    // And the other way round: node B writes, node A sees it.
    b.client.send({ type: 'message', id: 'm2', text: 'I want to talk to a person' });
    const status = await a.client.waitFor<Extract<ServerFrame, { type: 'status' }>>((f) => f.type === 'status', 10_000);
    expect(status.state).toBe('queued');
    await a.client.waitFor<Msg>((f) => f.type === 'message' && f.id === 'm2', 10_000);
    await a.client.close();
    await b.client.close();
  });

  test('writes to one conversation from both nodes at once keep seq gap-free and every message once', async () => {
    const a = await startChat(nodes[0]!.wsUrl);
    const b = await startChat(nodes[1]!.wsUrl, { token: a.session.token });
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      ids.push(`a${i}`, `b${i}`);
      a.client.send({ type: 'message', id: `a${i}`, text: 'thanks' });
      b.client.send({ type: 'message', id: `b${i}`, text: 'thank you' });
    }
    const idsOf = (frames: ServerFrame[]) => frames.filter((f) => f.type === 'ack').map((f) => (f as { id: string }).id);
    await a.client.waitFor(() => idsOf(a.client.frames).length === 6, 20_000);
    await b.client.waitFor(() => idsOf(b.client.frames).length === 6, 20_000);
    const history = await startChat(nodes[0]!.wsUrl, { token: a.session.token, lastSeq: 0 });
    const last = Math.max(...[...a.client.frames, ...b.client.frames].filter((f) => f.type === 'ack').map((f) => (f as { seq: number }).seq));
    await history.client.waitFor((f) => f.type === 'message' && f.seq >= last, 10_000);
    const all = history.client.messages();
    expect(all.map((m) => m.seq)).toEqual(all.map((_, i) => i + 1));
    const customerIds = all.filter((m) => m.from === 'customer').map((m) => m.id).sort();
    expect(customerIds).toEqual([...ids].sort());
    await Promise.all([a.client.close(), b.client.close(), history.client.close()]);
  });

  test('an agent on node B takes a chat from node A: the customer, on either node, hears one join notice and sees the agent’s name on the agent’s message', async () => {
    const nodeB = nodes[1]! as unknown as TestApp;
    const ada = await addAgent(nodeB, 'Ada');
    const agent = await AgentClient.connect(nodeB, await login(nodeB, ada.email));
    await agent.waitFor('hello');
    agent.send({ type: 'presence', status: 'online' });
    await agent.waitFor('agents', (f) => f.agents.some((x) => x.id === ada.id && x.status === 'online'));

    const onA = await startChat(nodes[0]!.wsUrl);
    const onB = await startChat(nodes[1]!.wsUrl, { token: onA.session.token });
    onA.client.send({ type: 'message', id: 'h1', text: 'I want to talk to a person' });
    const id = onA.session.conversationId;
    await agent.waitFor('queue', (f) => f.entries.some((e) => e.conversationId === id), 10_000);
    agent.send({ type: 'claim', conversationId: id });
    await agent.waitFor('transcript', (f) => f.conversationId === id, 10_000);
    agent.send({ type: 'message', conversationId: id, id: 'ada-1', text: 'Ada here.' });
    for (const c of [onA.client, onB.client]) await c.waitFor<Msg>((f) => f.type === 'message' && f.id === 'ada-1', 10_000);
    // Late duplicates would arrive by now: the status and the message went out after the notice.
    await new Promise((r) => setTimeout(r, 300));
    for (const c of [onA.client, onB.client]) {
      expect(c.messages().filter((m) => /joined/.test(m.text)).map((m) => m.text)).toEqual(['Ada joined the chat']);
      expect(c.messages().find((m) => m.id === 'ada-1')?.agent).toEqual({ name: 'Ada' });
    }
    await Promise.all([onA.client.close(), onB.client.close(), agent.close()]);
  });
});
