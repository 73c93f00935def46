import Redis from 'ioredis';
import { createRedisBus } from '../../src/bus/redis';
import type { Bus } from '../../src/bus/types';
import { busContract, collector, flush, uniqueChannel } from './contract';

/** The Redis the bus tests use. CI starts one. */
const TEST_REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/** A bus on the test Redis; when Redis is down the test fails saying which server and env var. */
async function makeBus(): Promise<Bus> {
  try {
    return await createRedisBus({ url: TEST_REDIS_URL, connectTimeoutMs: 3000 });
  } catch (err) {
    throw new Error(
      `Redis is not reachable at ${TEST_REDIS_URL} (${(err as Error).message}). ` +
        'These tests need it: start Redis or point TEST_REDIS_URL at one.',
    );
  }
}

/** Subscriber count for a channel across the whole Redis server (every node). */
async function numsub(admin: Redis, channel: string): Promise<number> {
  const reply = (await admin.pubsub('NUMSUB', channel)) as [string, number];
  return Number(reply[1]);
}

busContract('redis', makeBus);

describe('redis bus', () => {
  let admin: Redis;
  const open: Bus[] = [];
  const bus = async (): Promise<Bus> => {
    const b = await makeBus();
    open.push(b);
    return b;
  };

  beforeAll(async () => {
    await makeBus().then((b) => b.close()); // fail fast, with the message above, when Redis is down
    admin = new Redis(TEST_REDIS_URL, { lazyConnect: true });
    await admin.connect();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((b) => b.close()));
  });
  afterAll(async () => {
    await admin?.quit();
  });

  it('lets two nodes see each other\'s events, each node its own too', async () => {
    const nodeA = await bus();
    const nodeB = await bus();
    const ch = uniqueChannel('conversation');
    const onA = collector();
    const onB = collector();
    await nodeA.subscribe(ch, onA.handler);
    await nodeB.subscribe(ch, onB.handler);
    await nodeA.publish(ch, { type: 'message', from: 'customer', text: 'hello from A' });
    await nodeB.publish(ch, { type: 'message', from: 'agent', text: 'hello from B' });
    for (const c of [onA, onB]) {
      const got = await c.waitFor(2);
      expect(got.map((e) => e.text).sort()).toEqual(['hello from A', 'hello from B']);
    }
  });

  it('holds one Redis subscription per channel however many local handlers, dropped with the last one', async () => {
    const node = await bus();
    const ch = uniqueChannel('refcount');
    const off1 = await node.subscribe(ch, () => undefined);
    const off2 = await node.subscribe(ch, () => undefined);
    expect(await numsub(admin, ch)).toBe(1);
    await off1();
    expect(await numsub(admin, ch)).toBe(1);
    await off2();
    expect(await numsub(admin, ch)).toBe(0);
  });

  it('stops delivery to a node whose handlers all unsubscribed, while another node still receives', async () => {
    const nodeA = await bus();
    const nodeB = await bus();
    const ch = uniqueChannel('leave');
    const onA = collector();
    const onB = collector();
    const offA = await nodeA.subscribe(ch, onA.handler);
    await nodeB.subscribe(ch, onB.handler);
    await offA();
    await nodeB.publish(ch, { type: 'after-leave' });
    await onB.waitFor(1);
    await flush(nodeB, nodeA);
    expect(onA.events).toEqual([]);
  });

  it('settles concurrent subscribe and unsubscribe on one channel in call order', async () => {
    const node = await bus();
    const ch = uniqueChannel('race');
    const c = collector();
    // Subscribe, unsubscribe and subscribe again without waiting in between.
    const firstOff = node.subscribe(ch, () => undefined);
    const unsub = firstOff.then((off) => off());
    const second = node.subscribe(ch, c.handler);
    await Promise.all([unsub, second]);
    expect(await numsub(admin, ch)).toBe(1);
    await node.publish(ch, { type: 'still-here' });
    expect(await c.waitFor(1)).toEqual([{ type: 'still-here' }]);
  });

  it('ignores a payload on its channel that is not JSON, and keeps delivering', async () => {
    const node = await bus();
    const ch = uniqueChannel('garbage');
    const c = collector();
    await node.subscribe(ch, c.handler);
    await admin.publish(ch, 'not json {');
    await node.publish(ch, { type: 'fine' });
    expect(await c.waitFor(1)).toEqual([{ type: 'fine' }]);
  });

  it('keeps deployments with different prefixes apart', async () => {
    const staging = await createRedisBus({ url: TEST_REDIS_URL, prefix: `staging-${Date.now()}:` });
    const prod = await bus();
    try {
      const ch = uniqueChannel('prefixed');
      const onProd = collector();
      const onStaging = collector();
      await prod.subscribe(ch, onProd.handler);
      await staging.subscribe(ch, onStaging.handler);
      await staging.publish(ch, { type: 'staging-only' });
      expect(await onStaging.waitFor(1)).toEqual([{ type: 'staging-only' }]);
      await flush(prod);
      expect(onProd.events).toEqual([]);
    } finally {
      await staging.close();
    }
  });

  it('close() quits both connections, so its subscriptions disappear from Redis', async () => {
    const name = `chat-bus-test-${process.pid}-${Date.now()}`;
    const node = await createRedisBus({ url: TEST_REDIS_URL, name });
    const names = async (): Promise<string[]> =>
      ((await admin.client('LIST')) as string).split('\n').flatMap((l) => /(?:^|\s)name=(\S+)/.exec(l)?.[1] ?? []);
    expect((await names()).filter((n) => n.startsWith(name)).sort()).toEqual([`${name}:pub`, `${name}:sub`]);
    const ch = uniqueChannel('close');
    await node.subscribe(ch, () => undefined);
    expect(await numsub(admin, ch)).toBe(1);
    await node.close();
    expect(await numsub(admin, ch)).toBe(0);
    expect((await names()).filter((n) => n.startsWith(name))).toEqual([]);
    await expect(node.close()).resolves.toBeUndefined(); // idempotent
  });

  it('resubscribes by itself after its subscriber connection is dropped', async () => {
    const name = `chat-bus-test-${process.pid}-${Date.now()}`;
    const node = await createRedisBus({ url: TEST_REDIS_URL, name });
    open.push(node);
    const ch = uniqueChannel('reconnect');
    const c = collector();
    await node.subscribe(ch, c.handler);
    const list = (await admin.client('LIST')) as string;
    const line = list.split('\n').find((l) => l.includes(` name=${name}:sub `));
    expect(line).toBeDefined();
    const id = /(?:^|\s)id=(\d+)/.exec(line!)![1]!;
    await admin.client('KILL', 'ID', id);
    // Publish until the resubscribed connection hears one (events while it is away are lost).
    const deadline = Date.now() + 5000;
    while (c.events.length === 0 && Date.now() < deadline) {
      await node.publish(ch, { type: 'after-reconnect' });
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(c.events[0]).toEqual({ type: 'after-reconnect' });
    expect(await numsub(admin, ch)).toBe(1);
  });

  it('says which server it could not reach, without the password', async () => {
    const err = await createRedisBus({ url: 'redis://:s3cret@127.0.0.1:1', connectTimeoutMs: 2000 }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/Redis at 127\.0\.0\.1:1 is unreachable/);
    expect((err as Error).message).not.toContain('s3cret');
  });
});
