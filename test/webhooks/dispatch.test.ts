import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eventId } from '../../src/events/tap';
import type { DomainEvent } from '../../src/events/types';
import { createPostgresStorage } from '../../src/storage/postgres';
import { createSqliteStorage } from '../../src/storage/sqlite';
import type { Storage } from '../../src/storage/types';
import { createWebhookService, type WebhookService } from '../../src/webhooks/service';
import { verifyWebhookSignature } from '../../src/webhooks/signature';
import { startReceiver } from '../helpers/receiver';
import { dropSchema, freshSchemaName, requirePostgres, TEST_DATABASE_URL } from '../storage/pg-test-db';

const T0 = 1_700_000_000_000;

function feedbackEvent(n: number): DomainEvent {
  return {
    id: eventId('feedback.received', `c-${n}`),
    type: 'feedback.received',
    at: T0,
    feedback: { conversationId: `c-${n}`, rating: 4, comment: `fine ${n}`, createdAt: T0 },
  };
}

describe('webhook dispatch against a real HTTP receiver', () => {
  let dir: string;
  let file: string;
  const open: Storage[] = [];
  const services: WebhookService[] = [];
  let clock = T0;
  const sqlite = () => {
    const s = createSqliteStorage({ file, now: () => clock });
    open.push(s);
    return s;
  };
  const service = (storage: Storage, node: string, fail?: () => Promise<never>) => {
    const s = createWebhookService({
      store: storage.webhooks,
      clock: () => clock,
      node,
      random: () => 0.5,
      settings: { baseDelayMs: 1000, maxAttempts: 3, leaseMs: 30_000, timeoutMs: 2000, batch: 5 },
      ...(fail ? { send: fail } : {}),
    });
    services.push(s);
    return s;
  };
  beforeEach(() => {
    clock = T0;
    dir = mkdtempSync(path.join(os.tmpdir(), 'webhooks-'));
    file = path.join(dir, 'chat.db');
  });
  afterEach(async () => {
    for (const s of services.splice(0)) await s.stop();
    for (const s of open.splice(0)) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('an event is POSTed signed with the endpoint secret, with its event id and type, and recorded delivered', async () => {
    const receiver = await startReceiver(() => 204);
    try {
      const storage = sqlite();
      const webhooks = service(storage, 'n1');
      const endpoint = await webhooks.createEndpoint({ url: receiver.url, events: ['feedback.received'] });
      expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
      await webhooks.createEndpoint({ url: receiver.url, events: ['case.created'] });
      const [queued] = await webhooks.publish(feedbackEvent(1));
      expect(await webhooks.drain()).toBe(1);
      expect(receiver.requests).toHaveLength(1);
      const got = receiver.requests[0]!;
      expect(got.headers['content-type']).toBe('application/json');
      expect(got.headers['x-webhook-event']).toBe('feedback.received');
      expect(got.headers['x-webhook-id']).toBe(feedbackEvent(1).id);
      expect(JSON.parse(got.body)).toEqual({
        id: feedbackEvent(1).id,
        type: 'feedback.received',
        createdAt: T0,
        data: { feedback: { conversationId: 'c-1', rating: 4, comment: 'fine 1', createdAt: T0 } },
      });
      const header = got.headers['x-webhook-signature'] as string;
      expect(verifyWebhookSignature({ secret: endpoint.secret, header, body: got.body, now: clock })).toBe(true);
      expect(verifyWebhookSignature({ secret: 'whsec_other', header, body: got.body, now: clock })).toBe(false);
      expect(await webhooks.getDelivery(queued!.id)).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 204, deliveredAt: T0 });
      // Published again (a second node saw the same write): not sent twice.
      expect(await webhooks.publish(feedbackEvent(1))).toEqual([]);
      expect(await webhooks.drain()).toBe(0);
    } finally {
      await receiver.close();
    }
  });

  test('failures are retried with exponential back-off and given up after the last attempt', async () => {
    const receiver = await startReceiver(() => 503);
    try {
      const webhooks = service(sqlite(), 'n1');
      await webhooks.createEndpoint({ url: receiver.url, events: ['feedback.received'] });
      const [d] = await webhooks.publish(feedbackEvent(1));
      await webhooks.drain();
      expect(await webhooks.getDelivery(d!.id)).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 503, lastError: 'HTTP 503', nextAttemptAt: T0 + 1000 });
      clock = T0 + 999;
      expect(await webhooks.drain()).toBe(0);
      clock = T0 + 1000;
      await webhooks.drain();
      expect(await webhooks.getDelivery(d!.id)).toMatchObject({ status: 'pending', attempts: 2, nextAttemptAt: T0 + 1000 + 2000 });
      clock = T0 + 3000;
      await webhooks.drain();
      expect(await webhooks.getDelivery(d!.id)).toMatchObject({ status: 'failed', attempts: 3, lastError: 'HTTP 503' });
      expect(receiver.requests).toHaveLength(3);
      // An operator's resend tries once more, now.
      expect(await webhooks.resend(d!.id)).toMatchObject({ status: 'pending', nextAttemptAt: T0 + 3000 });
      await webhooks.drain();
      expect(receiver.requests).toHaveLength(4);
      expect(new Set(receiver.requests.map((r) => r.headers['x-webhook-id'])).size).toBe(1);
    } finally {
      await receiver.close();
    }
  });

  test('a receiver that is down: the error names the refusal and the delivery waits for its retry', async () => {
    const receiver = await startReceiver();
    const url = receiver.url;
    await receiver.close();
    const webhooks = service(sqlite(), 'n1');
    await webhooks.createEndpoint({ url, events: ['feedback.received'] });
    const [d] = await webhooks.publish(feedbackEvent(1));
    await webhooks.drain();
    const after = await webhooks.getDelivery(d!.id);
    expect(after).toMatchObject({ status: 'pending', attempts: 1 });
    expect(after?.lastError).toMatch(/ECONNREFUSED/);
    expect(after?.lastStatusCode).toBeUndefined();
  });

  test('a restart mid-retry loses nothing: the new process sends the pending delivery when it is due', async () => {
    let fail = true;
    const receiver = await startReceiver(() => (fail ? 500 : 200));
    try {
      const first = sqlite();
      const before = service(first, 'n1');
      await before.createEndpoint({ url: receiver.url, events: ['feedback.received'] });
      const [d] = await before.publish(feedbackEvent(1));
      await before.drain();
      expect(await before.getDelivery(d!.id)).toMatchObject({ status: 'pending', attempts: 1 });
      await before.stop();
      await first.close();

      fail = false;
      clock = T0 + 1000;
      const after = service(sqlite(), 'n1-restarted');
      after.start();
      await receiver.waitFor(2);
      await after.stop();
      expect(await after.getDelivery(d!.id)).toMatchObject({ status: 'delivered', attempts: 2, lastStatusCode: 200 });
    } finally {
      await receiver.close();
    }
  });

  test('a node that died holding a claim: once the lease runs out another node sends it', async () => {
    const receiver = await startReceiver();
    try {
      const storage = sqlite();
      const live = service(storage, 'n2');
      await live.createEndpoint({ url: receiver.url, events: ['feedback.received'] });
      const [d] = await live.publish(feedbackEvent(1));
      // The dead node claimed it and never recorded an outcome.
      await storage.webhooks.claimDue({ node: 'dead', now: clock, leaseMs: 30_000, limit: 10 });
      expect(await live.drain()).toBe(0);
      clock += 30_001;
      expect(await live.drain()).toBe(1);
      expect(receiver.requests).toHaveLength(1);
      expect(await live.getDelivery(d!.id)).toMatchObject({ status: 'delivered', attempts: 2 });
    } finally {
      await receiver.close();
    }
  });

  test('two nodes on one SQLite file send each event exactly once', async () => {
    const receiver = await startReceiver();
    try {
      const a = service(sqlite(), 'a');
      const b = service(sqlite(), 'b');
      await a.createEndpoint({ url: receiver.url, events: ['feedback.received'] });
      for (let i = 0; i < 20; i++) {
        await a.publish(feedbackEvent(i));
        await b.publish(feedbackEvent(i));
      }
      await Promise.all([a.drain(), b.drain(), a.drain(), b.drain()]);
      const ids = receiver.requests.map((r) => r.headers['x-webhook-id']);
      expect(ids).toHaveLength(20);
      expect(new Set(ids).size).toBe(20);
    } finally {
      await receiver.close();
    }
  });
});

describe('webhook dispatch: two nodes on PostgreSQL', () => {
  beforeAll(requirePostgres);

  test('both nodes publish every event and dispatch at once; the receiver gets each exactly once', async () => {
    const schema = freshSchemaName();
    const receiver = await startReceiver(async () => {
      await new Promise((r) => setTimeout(r, 5));
      return 200;
    });
    const a = await createPostgresStorage({ connectionString: TEST_DATABASE_URL, schema });
    const b = await createPostgresStorage({ connectionString: TEST_DATABASE_URL, schema });
    const settings = { pollMs: 20, batch: 3 };
    const na = createWebhookService({ store: a.webhooks, clock: Date.now, node: 'a', settings });
    const nb = createWebhookService({ store: b.webhooks, clock: Date.now, node: 'b', settings });
    try {
      await na.createEndpoint({ url: receiver.url, events: ['feedback.received'] });
      na.start();
      nb.start();
      await Promise.all(Array.from({ length: 30 }, (_, i) => Promise.all([na.publish(feedbackEvent(i)), nb.publish(feedbackEvent(i))])));
      await receiver.waitFor(30, 10_000);
      await new Promise((r) => setTimeout(r, 200));
      const ids = receiver.requests.map((r) => r.headers['x-webhook-id']);
      expect(ids).toHaveLength(30);
      expect(new Set(ids).size).toBe(30);
      const stored = await a.webhooks.listDeliveries({ limit: 100 });
      expect(stored).toHaveLength(30);
      expect(stored.every((d) => d.status === 'delivered' && d.attempts === 1)).toBe(true);
    } finally {
      await na.stop();
      await nb.stop();
      await a.close();
      await b.close();
      await receiver.close();
      await dropSchema(schema);
    }
  });
});
