import path from 'node:path';
import { createSqliteStorage } from '../../src/storage/sqlite';
import { customerTraffic, startServerProcess } from '../helpers/server-process';

// A real server process (writer thread and all) is killed with SIGKILL while customers are
// sending: every message it acknowledged must be in the database when it is opened again.

it('loses no acknowledged message when the server is killed with SIGKILL mid-traffic', async () => {
  const server = await startServerProcess({ LOG_LEVEL: 'warn' });
  try {
    const traffic = await customerTraffic(server.port, 8);
    // Kill once a good number of turns is acknowledged, with more still in flight.
    await traffic.untilAcked(150);
    server.child.kill('SIGKILL');
    expect(await server.exited).toBe('SIGKILL');
    traffic.stop();
    const ackedAtKill = traffic.acked.length;
    expect(traffic.sent).toBeGreaterThan(ackedAtKill);

    const storage = createSqliteStorage({ file: path.join(server.dataDir, 'chat.db') });
    try {
      const missing: string[] = [];
      for (const a of traffic.acked) if (!(await storage.findMessage(a.conversationId, a.id))) missing.push(a.id);
      expect(missing).toEqual([]);
    } finally {
      await storage.close();
    }
  } finally {
    server.cleanup();
  }
}, 180_000);
