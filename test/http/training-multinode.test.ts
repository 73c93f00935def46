/**
 * Model activation across nodes: two app instances on one PostgreSQL schema and one Redis.
 * Activating (or rolling back, or changing a threshold) on one node changes what the other
 * answers, without a restart; a node started later begins with the active version.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app';
import { createRedisBus } from '../../src/bus/redis';
import { hashPassword } from '../../src/http/auth/password';
import { loadOrTrainModel } from '../../src/nlu/model-cache';
import { trainModel, type IntentModel } from '../../src/nlu/model';
import { createPostgresStorage } from '../../src/storage/postgres';
import type { Storage } from '../../src/storage/types';
import { ROOT, testConfig } from '../helpers/app';
import { dropSchema, freshSchemaName, requirePostgres, TEST_DATABASE_URL } from '../storage/pg-test-db';

const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Node {
  app: FastifyInstance;
  url: string;
  storage: Storage;
}

describe('model versions across nodes: PostgreSQL + Redis', () => {
  const schema = freshSchemaName();
  const prefix = `test-${schema}:`;
  const nodes: Node[] = [];
  let base: IntentModel;

  async function startNode(i: number): Promise<Node> {
    const storage = await createPostgresStorage({ connectionString: TEST_DATABASE_URL, schema });
    const bus = await createRedisBus({ url: TEST_REDIS_URL, prefix, name: `node-${i}` });
    const app = await buildApp(testConfig(), { storage, bus, model: base });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const node = { app, url, storage };
    nodes.push(node);
    return node;
  }

  beforeAll(async () => {
    await requirePostgres();
    base = (await loadOrTrainModel({ intentsDir: path.join(ROOT, 'intents'), dataDir: path.join(ROOT, 'test-output', 'model-cache') })).model;
    await startNode(0);
    await startNode(1);
  });

  afterAll(async () => {
    for (const n of nodes) await n.app.close();
    await dropSchema(schema);
  });

  async function operatorSession(node: Node) {
    const email = `op-${randomUUID().slice(0, 6)}@support.example`;
    const password = `pw-${randomUUID()}`;
    await node.storage.handoff.createAgent({ id: randomUUID(), email, name: 'Op', role: 'operator', passwordHash: await hashPassword(password) });
    const res = await fetch(`${node.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] as string, csrf: csrfToken };
  }

  async function post(node: Node, s: { cookie: string; csrf: string }, p: string, body?: unknown) {
    const res = await fetch(`${node.url}${p}`, {
      method: body === undefined ? 'POST' : 'PUT',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return res.status;
  }

  async function parse(node: Node, text: string): Promise<{ intent: { name: string }; lowConfidence: boolean }> {
    const res = await fetch(`${node.url}/api/nlu/parse`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
    return (await res.json()) as { intent: { name: string }; lowConfidence: boolean };
  }

  async function eventually(what: string, check: () => Promise<boolean>): Promise<void> {
    const end = Date.now() + 10_000;
    while (!(await check())) {
      if (Date.now() > end) throw new Error(`never saw: ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  test('activate on A → B answers with it; a new node starts with it; roll back on B → A is back; thresholds follow', async () => {
    const [a, b] = nodes as [Node, Node];
    // A small stored version that knows an intent the built-in model does not.
    const tiny = trainModel(
      [
        ...['how many loyalty points', 'loyalty points balance', 'redeem my loyalty points', 'loyalty points expired', 'earn loyalty points'].map((text) => ({ text, intent: 'loyalty_points' })),
        ...['where is my refund', 'refund not arrived', 'refund status please', 'when do I get my refund', 'refund is late'].map((text) => ({ text, intent: 'refund_status' })),
      ],
      { categories: { loyalty_points: 'account', refund_status: 'refund' } },
    );
    await a.storage.training.createVersion({ id: 'tiny-1', dataHash: tiny.meta.dataHash, metrics: {}, author: 'test', artifact: tiny.toJSON() });
    const text = 'loyalty points please';
    expect((await parse(b, text)).intent.name).not.toBe('loyalty_points');

    const op = await operatorSession(a);
    expect(await post(a, op, '/api/training/models/tiny-1/activate')).toBe(200);
    expect((await parse(a, text)).intent.name).toBe('loyalty_points'); // at once on the node that activated
    await eventually('node B on the new version', async () => (await parse(b, text)).intent.name === 'loyalty_points');

    const c = await startNode(2);
    expect((await parse(c, text)).intent.name).toBe('loyalty_points');

    expect(await post(b, op, '/api/training/models/rollback')).toBe(200);
    await eventually('node A back on the built-in model', async () => (await parse(a, text)).intent.name !== 'loyalty_points');

    const refund = await parse(a, 'where is my refund');
    expect(refund.lowConfidence).toBe(false);
    expect(await post(b, op, `/api/training/thresholds/${refund.intent.name}`, { threshold: 1 })).toBe(200);
    await eventually('node A applying node B’s threshold', async () => (await parse(a, 'where is my refund')).lowConfidence);
  }, 60_000);
});
