import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { SessionFrame } from '../../src/protocol/customer';
import { ChatClient } from './ws-client';

const ROOT = path.join(__dirname, '..', '..');

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  /** Where the server keeps its SQLite file. */
  dataDir: string;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Settles with the exit signal or code. */
  exited: Promise<NodeJS.Signals | number | null>;
  /** SIGKILLs it if still running and removes its data directory. */
  cleanup(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/**
 * The real server as a user starts it (`tsx src/main.ts serve`) in a child process, on a free port
 * and a fresh data directory, resolved once /health answers. For tests that kill or stop it.
 * @example const server = await startServerProcess({ LOG_LEVEL: 'warn' }); server.child.kill('SIGTERM');
 */
export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'chat-server-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, RATE_LIMIT_FRAMES: '10000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  const server: ServerProcess = {
    child,
    port,
    dataDir,
    output: () => output,
    exited,
    cleanup() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
      if (await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false)) break;
      if (i > 900) throw new Error(`server not healthy after 90 s: ${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch (err) {
    server.cleanup();
    throw err;
  }
  return server;
}

/**
 * `count` customers on the server's socket, each saying hello, then sending a message every 10 ms
 * (a few support questions in turn). `acked` collects every acknowledged message; `stop()` ends
 * the sending. For tests that stop or kill the server mid-traffic.
 */
export async function customerTraffic(port: number, count: number) {
  const clients = await Promise.all(Array.from({ length: count }, () => ChatClient.connect(`ws://127.0.0.1:${port}/ws/chat`)));
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
  return {
    acked,
    /** Close codes of the customers' sockets, in the order they closed. */
    closes,
    get sent() {
      return sent;
    },
    /** Resolves once at least `n` messages are acknowledged. */
    async untilAcked(n: number): Promise<void> {
      while (acked.length < n) await new Promise((r) => setTimeout(r, 20));
    },
    stop: () => clearInterval(timer),
  };
}
