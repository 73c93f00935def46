import path from 'node:path';
import { createSqliteStorage } from '../../src/storage/sqlite';
import { customerTraffic, startServerProcess } from '../helpers/server-process';

// A real server process gets SIGTERM while customers are sending: sockets are told 1001 (going
// away, reconnect), turns already accepted finish and are stored, and the process exits 0 within
// its 5 s grace (close-with-grace exits 1 when the grace runs out).

it('SIGTERM mid-traffic: every socket closes 1001, acked turns are stored, exit code 0, no errors logged', async () => {
  const server = await startServerProcess({ LOG_LEVEL: 'info' });
  try {
    const traffic = await customerTraffic(server.port, 4);
    await traffic.untilAcked(40);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    traffic.stop();

    expect(traffic.closes).toEqual([1001, 1001, 1001, 1001]);
    expect(server.output()).toContain('shutting down');
    expect(server.output()).toContain('"msg":"closed"');
    // pino level 50+ is error/fatal: no turn failed because storage closed under it
    expect(server.output().split('\n').filter((l) => /"level":(50|60)/.test(l))).toEqual([]);

    const storage = createSqliteStorage({ file: path.join(server.dataDir, 'chat.db') });
    try {
      for (const a of traffic.acked) expect(await storage.findMessage(a.conversationId, a.id)).toBeDefined();
    } finally {
      await storage.close();
    }
  } finally {
    server.cleanup();
  }
}, 120_000);
