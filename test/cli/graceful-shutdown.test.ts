import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { SessionFrame } from '../../src/protocol/customer';
import { createSqliteStorage } from '../../src/storage/sqlite';
import { ChatClient } from '../helpers/ws-client';

// A real server process gets SIGTERM while customers are sending: sockets are told 1001 (going
// away, reconnect), turns already accepted finish and are stored, and the process exits 0 within
// its 5 s grace (close-with-grace exits 1 when the grace runs out).

const ROOT = path.join(__dirname, '..', '..');
let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'chat-term-'));
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

it('SIGTERM mid-traffic: every socket closes 1001, acked turns are stored, exit code 0, no errors logged', async () => {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', RATE_LIMIT_FRAMES: '10000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  try {
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
      if (await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false)) break;
      if (i > 900) throw new Error(`server not healthy after 90 s: ${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const clients = await Promise.all(Array.from({ length: 4 }, () => ChatClient.connect(`ws://127.0.0.1:${port}/ws/chat`)));
    const acked: Array<{ conversationId: string; id: string }> = [];
    const closes: number[] = [];
    for (const c of clients) {
      c.send({ type: 'hello' });
      const session = await c.waitFor<SessionFrame>((f) => f.type === 'session', 20_000);
      c.socket.on('error', () => undefined);
      c.socket.on('close', (code) => closes.push(code));
      c.socket.on('message', (data) => {
        const f = JSON.parse(data.toString()) as { type: string; id?: string };
        if (f.type === 'ack' && f.id) acked.push({ conversationId: session.conversationId, id: f.id });
      });
    }
    let sent = 0;
    const texts = ['my payment failed', 'I want a refund for my order', 'how do I change my due date', 'when is my next instalment due'];
    const timer = setInterval(() => {
      for (const c of clients) if (c.socket.readyState === c.socket.OPEN) c.send({ type: 'message', id: `m${sent}`, text: texts[sent++ % texts.length] });
    }, 10);
    while (acked.length < 40) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    clearInterval(timer);

    expect(closes).toEqual([1001, 1001, 1001, 1001]);
    expect(output).toContain('shutting down');
    expect(output).toContain('"msg":"closed"');
    // pino level 50+ is error/fatal: no turn failed because storage closed under it
    expect(output.split('\n').filter((l) => /"level":(50|60)/.test(l))).toEqual([]);

    const storage = createSqliteStorage({ file: path.join(dataDir, 'chat.db') });
    try {
      for (const a of acked) expect(await storage.findMessage(a.conversationId, a.id)).toBeDefined();
    } finally {
      await storage.close();
    }
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}, 120_000);
