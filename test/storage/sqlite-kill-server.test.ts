import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { SessionFrame } from '../../src/protocol/customer';
import { createSqliteStorage } from '../../src/storage/sqlite';
import { ChatClient } from '../helpers/ws-client';

// A real server process (writer thread and all) is killed with SIGKILL while customers are
// sending: every message it acknowledged must be in the database when it is opened again.

const ROOT = path.join(__dirname, '..', '..');
let dataDir: string;

beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'chat-kill-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

it('loses no acknowledged message when the server is killed with SIGKILL mid-traffic', async () => {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', RATE_LIMIT_FRAMES: '10000' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  try {
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`);
      if (await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false)) break;
      if (i > 900) throw new Error(`server not healthy after 90 s: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const clients = await Promise.all(Array.from({ length: 8 }, () => ChatClient.connect(`ws://127.0.0.1:${port}/ws/chat`)));
    const acked: Array<{ conversationId: string; id: string }> = [];
    let sent = 0;
    for (const c of clients) {
      c.send({ type: 'hello' });
      const session = await c.waitFor<SessionFrame>((f) => f.type === 'session', 20_000);
      c.socket.on('error', () => undefined);
      c.socket.on('message', (data) => {
        const f = JSON.parse(data.toString()) as { type: string; id?: string };
        if (f.type === 'ack' && f.id) acked.push({ conversationId: session.conversationId, id: f.id });
      });
    }
    const texts = ['my payment failed', 'I want a refund for my order', 'someone logged into my account', 'when is my next instalment due'];
    const timer = setInterval(() => {
      for (const c of clients) if (c.socket.readyState === c.socket.OPEN) c.send({ type: 'message', id: `m${sent}`, text: texts[sent++ % texts.length] });
    }, 10);
    // Kill once a good number of turns is acknowledged, with more still in flight.
    while (acked.length < 150) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    clearInterval(timer);
    const ackedAtKill = acked.length;
    expect(sent).toBeGreaterThan(ackedAtKill);

    const storage = createSqliteStorage({ file: path.join(dataDir, 'chat.db') });
    try {
      const missing: string[] = [];
      for (const a of acked) if (!(await storage.findMessage(a.conversationId, a.id))) missing.push(a.id);
      expect(missing).toEqual([]);
    } finally {
      await storage.close();
    }
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}, 180_000);
