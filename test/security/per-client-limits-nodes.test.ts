/**
 * Issue 13, defect 4, on several nodes: the per-minute limits of a client address hold for the
 * deployment (counted in the shared Redis), so a host that a load balancer spreads over two nodes
 * starts CLIENT_NEW_CONVERSATIONS_PER_MINUTE conversations in all, not that many per node.
 * Two real apps on one Redis (a prefix of their own); two client addresses without a proxy.
 */
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import WebSocket from 'ws';
import { startTestApp, type TestApp } from '../helpers/app';

jest.setTimeout(60_000);

const TEST_REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const BAD = '127.0.0.3';
const GOOD = '127.0.0.2';

/** Opens a customer socket from `localAddress`, says hello, and resolves with what the server answered. */
function hello(t: TestApp, localAddress: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(t.wsUrl, { localAddress });
    ws.on('message', (d) => {
      const f = JSON.parse(d.toString()) as { type: string; code?: string };
      if (f.type === 'session' || f.type === 'error') {
        resolve(f.type === 'session' ? 'session' : f.code!);
        ws.close();
      }
    });
    ws.once('open', () => ws.send(JSON.stringify({ type: 'hello' })));
    ws.once('error', reject);
  });
}

describe('per-client limits across nodes', () => {
  const prefix = `test-limits-${randomUUID()}:`;
  let nodes: TestApp[] = [];
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.close()));
    const admin = new Redis(TEST_REDIS_URL);
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length) await admin.del(...keys);
    admin.disconnect();
  });

  it('a host alternating between two nodes starts 4 conversations in all with the limit at 4; another host still starts its own', async () => {
    nodes = await Promise.all([0, 1].map(() => startTestApp({ redisUrl: TEST_REDIS_URL, redisPrefix: prefix, clientNewConversationsPerMinute: 4 })));
    const answers: string[] = [];
    for (let i = 0; i < 8; i++) answers.push(await hello(nodes[i % 2]!, BAD));
    expect(answers.filter((a) => a === 'session')).toHaveLength(4);
    expect(answers.filter((a) => a === 'TOO_MANY_CONVERSATIONS')).toHaveLength(4);
    expect(await hello(nodes[0]!, GOOD)).toBe('session');
    expect(await hello(nodes[1]!, GOOD)).toBe('session');
  });
});
