import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { ServerFrame } from '../../src/protocol/customer';
import { ROOT } from '../helpers/app';
import { startChat } from '../helpers/ws-client';

type Ack = Extract<ServerFrame, { type: 'ack' }>;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Runs `src/main.ts serve` in a child process and resolves once it listens. */
function startServer(dataDir: string, port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes('Server listening')) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

test('every acknowledged message survives kill -9, and the conversation continues after restart', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'chatbot-crash-'));
  // Reuse a model trained by other tests when there is one, so start-up is quick.
  const cache = path.join(ROOT, 'test-output', 'model-cache', 'models');
  if (existsSync(cache)) cpSync(cache, path.join(dataDir, 'models'), { recursive: true });
  const port = await freePort();
  let server = await startServer(dataDir, port);
  const wsUrl = `ws://127.0.0.1:${port}/ws/chat`;
  try {
    const { client, session } = await startChat(wsUrl);
    const texts = ['my payment failed', 'when is my next instalment', 'I was charged twice', 'where is my refund', 'thanks'];
    const acked: Ack[] = [];
    texts.forEach((text, i) => client.send({ type: 'message', id: `k${i}`, text }));
    await client.waitFor((f) => {
      if (f.type === 'ack') acked.push(f);
      return acked.length >= 3;
    }, 10_000);
    server.kill('SIGKILL');
    await new Promise((r) => server.once('exit', r));
    await client.close();
    // Acks that arrived after the third (before the kill landed) count too.
    for (const f of client.frames) if (f.type === 'ack' && !acked.some((a) => a.id === f.id)) acked.push(f);

    server = await startServer(dataDir, port);
    const back = await startChat(wsUrl, { token: session.token, lastSeq: 0 });
    expect(back.session.conversationId).toBe(session.conversationId);
    const lastAck = Math.max(...acked.map((a) => a.seq));
    await back.client.waitFor((f) => f.type === 'message' && f.seq >= lastAck, 10_000);
    await new Promise((r) => setTimeout(r, 300));
    const history = back.client.messages();
    for (const ack of acked) {
      const stored = history.filter((m) => m.id === ack.id);
      expect(stored).toHaveLength(1);
      expect(stored[0]!.seq).toBe(ack.seq);
    }
    expect(history.map((m) => m.seq)).toEqual(history.map((_, i) => i + 1));

    // The client resends what was not acknowledged (same ids); everything ends up stored exactly once.
    texts.forEach((text, i) => back.client.send({ type: 'message', id: `k${i}`, text }));
    await back.client.waitFor((f) => f.type === 'ack' && f.id === 'k4', 10_000);
    back.client.send({ type: 'message', id: 'after', text: 'how do I pay early' });
    await back.client.waitFor((f) => f.type === 'message' && f.replyTo === 'after' && f.from === 'bot', 10_000);
    await back.client.close();
    const final = await startChat(wsUrl, { token: session.token, lastSeq: 0 });
    await final.client.waitFor((f) => f.type === 'message' && f.replyTo === 'after', 10_000);
    await new Promise((r) => setTimeout(r, 300));
    const ids = final.client.messages().filter((m) => m.from === 'customer').map((m) => m.id);
    expect(ids.sort()).toEqual(['after', 'k0', 'k1', 'k2', 'k3', 'k4']);
    await final.client.close();
  } finally {
    server.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 120_000);
