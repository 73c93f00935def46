/**
 * The Redis window counter the per-address limits share between nodes: counts per key and
 * window across connections (nodes), keys under REDIS_PREFIX that expire, and an outage that
 * fails a count at once instead of stalling it.
 */
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import Redis from 'ioredis';
import { createRedisWindowCounter } from '../../src/bus/window-counter';

const TEST_REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

test('two nodes count into one window under the prefix, and the keys expire', async () => {
  const prefix = `test-wc-${randomUUID()}:`;
  const [a, b] = await Promise.all([createRedisWindowCounter({ url: TEST_REDIS_URL, prefix }), createRedisWindowCounter({ url: TEST_REDIS_URL, prefix })]);
  const admin = new Redis(TEST_REDIS_URL);
  try {
    const counts = [];
    // A day-long window, so the test cannot straddle two windows (except at midnight UTC).
    const DAY = 86_400_000;
    for (let i = 0; i < 6; i++) counts.push(await (i % 2 ? a : b).hit('conversations:203.0.113.9', DAY));
    expect(counts).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await a.hit('conversations:198.51.100.4', DAY)).toBe(1);
    const keys = await admin.keys(`${prefix}*`);
    expect(keys.length).toBeGreaterThanOrEqual(2);
    for (const k of keys) {
      expect(k.startsWith(`${prefix}limit:`)).toBe(true);
      const ttl = await admin.pttl(k);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(2 * 86_400_000);
    }
  } finally {
    await Promise.all([a.close(), b.close()]);
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length) await admin.del(...keys);
    admin.disconnect();
  }
});

test('when its Redis goes away a count fails at once (the caller decides alone), and it recovers when Redis is back', async () => {
  // A proxy of our own in front of the shared Redis, so "Redis goes away" never touches the real one.
  const target = new URL(TEST_REDIS_URL);
  const live = new Set<net.Socket>();
  let accepting = true;
  const proxy = net.createServer((client) => {
    if (!accepting) return client.destroy();
    const upstream = net.connect(Number(target.port || 6379), target.hostname);
    for (const s of [client, upstream]) {
      live.add(s);
      s.on('close', () => live.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  const port = (proxy.address() as net.AddressInfo).port;
  const counter = await createRedisWindowCounter({ url: `redis://127.0.0.1:${port}`, prefix: `test-wc-${randomUUID()}:` });
  try {
    expect(await counter.hit('k', 60_000)).toBe(1);
    accepting = false;
    for (const s of live) s.destroy();
    const started = Date.now();
    await expect(counter.hit('k', 60_000)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5_000);
    accepting = true;
    let back = false;
    for (let i = 0; i < 50 && !back; i++) {
      back = await counter.hit('k', 60_000).then(() => true, () => false);
      if (!back) await new Promise((r) => setTimeout(r, 200));
    }
    expect(back).toBe(true);
  } finally {
    await counter.close();
    proxy.close();
    for (const s of live) s.destroy();
  }
});
