/**
 * Server throughput and latency: the full pipeline (decode → NLU → knowledge → machine → SQLite
 * commit → ack → reply) against a bare fastify websocket echo, both run as child processes and
 * loaded by this process over loopback in the same run. Also opens many idle conversations to
 * show what one process holds.
 *
 *   npm run bench:server                        defaults below, writes bench/results/server.json
 *   npm run bench:server -- --clients 50 --messages 20 --idle 2000
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';

const ROOT = path.resolve(__dirname, '..');

interface Args {
  clients: number;
  messages: number;
  idle: number;
  out: string;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { clients: 50, messages: 20, idle: 2000, out: path.join(ROOT, 'bench', 'results', 'server.json') };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => Number(argv[++i]);
    if (k === '--clients') a.clients = v();
    else if (k === '--messages') a.messages = v();
    else if (k === '--idle') a.idle = v();
    else if (k === '--out') a.out = path.resolve(String(argv[++i]));
    else if (k === '--help') {
      process.stdout.write('npm run bench:server [-- --clients N --messages M --idle K --out FILE]\n');
      process.exit(0);
    } else throw new Error(`unknown option ${k}`);
  }
  return a;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Starts a child process; resolves when its output matches `ready` (or at once without one). */
function startChild(args: string[], env: Record<string, string>, ready?: RegExp): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (ready?.test(out)) resolve(child);
    };
    if (!ready) resolve(child);
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`child exited ${code}: ${out.slice(-2000)}`)));
  });
}

/** The baseline: fastify + @fastify/websocket answering each text frame with an echo. */
const ECHO_SERVER = `
const fastify = require('fastify')({ logger: false });
fastify.register(require('@fastify/websocket'));
fastify.register(async (app) => {
  app.get('/ws/chat', { websocket: true }, (socket) => {
    socket.on('message', (data) => {
      const f = JSON.parse(data.toString());
      if (f.type === 'hello') socket.send(JSON.stringify({ type: 'session', conversationId: 'x', token: 't', state: 'bot' }));
      else socket.send(JSON.stringify({ type: 'message', seq: 0, id: 'r', from: 'bot', text: f.text, replyTo: f.id }));
    });
  });
});
fastify.listen({ port: Number(process.env.PORT), host: '127.0.0.1' }).then(() => console.log('ECHO READY'));
`;

const TEXTS = [
  'I returned my shoes two weeks ago and still have no refund',
  'my payment failed this morning',
  'how do I pay off my plan early',
  'someone logged into my account',
  'I was charged twice for one order',
  'when is my next instalment due',
];

function connect(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** One client: hello, then `messages` turns, each timed until the first reply to it arrives. */
async function runClient(url: string, messages: number, latencies: number[], clientNo: number): Promise<void> {
  const ws = await connect(url);
  const pending = new Map<string, bigint>();
  let waiting: (() => void) | undefined;
  ws.on('message', (data) => {
    const f = JSON.parse(data.toString());
    if (f.type === 'session') waiting?.();
    if (f.type === 'message' && f.replyTo && pending.has(f.replyTo)) {
      latencies.push(Number(process.hrtime.bigint() - pending.get(f.replyTo)!) / 1e6);
      pending.delete(f.replyTo);
      waiting?.();
    }
  });
  const next = () => new Promise<void>((r) => (waiting = r));
  ws.send(JSON.stringify({ type: 'hello' }));
  await next();
  for (let i = 0; i < messages; i++) {
    const id = `c${clientNo}-${i}`;
    pending.set(id, process.hrtime.bigint());
    ws.send(JSON.stringify({ type: 'message', id, text: TEXTS[(clientNo + i) % TEXTS.length] }));
    await next();
  }
  ws.close();
}

async function load(url: string, args: Args) {
  const latencies: number[] = [];
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: args.clients }, (_, i) => runClient(url, args.messages, latencies, i)));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  latencies.sort((x, y) => x - y);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  return { turns: latencies.length, seconds, turnsPerSecond: latencies.length / seconds, p50ms: q(0.5), p99ms: q(0.99) };
}

function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** Opens `count` conversations and keeps them open; reports the server's memory per conversation. */
async function idle(url: string, pid: number, count: number) {
  const before = rssMiB(pid);
  const sockets: WebSocket[] = [];
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i += 100) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(100, count - i) }, async () => {
        const ws = await connect(url);
        await new Promise<void>((resolve) => {
          ws.on('message', (d) => {
            if (JSON.parse(d.toString()).type === 'message') resolve();
          });
          ws.send(JSON.stringify({ type: 'hello' }));
        });
        return ws;
      }),
    );
    sockets.push(...batch);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const after = rssMiB(pid);
  for (const s of sockets) s.close();
  return { conversations: count, openSeconds: seconds, rssBeforeMiB: before, rssAfterMiB: after, kibPerConversation: ((after - before) * 1024) / count };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-server-'));
  const cache = path.join(ROOT, 'test-output', 'model-cache', 'models');
  if (fs.existsSync(cache)) fs.cpSync(cache, path.join(dataDir, 'models'), { recursive: true });
  const echoPort = await freePort();
  const appPort = await freePort();
  const echo = await startChild(['-e', ECHO_SERVER], { PORT: String(echoPort) }, /ECHO READY/);
  const app = await startChild(
    ['--import', 'tsx', 'src/main.ts', 'serve'],
    { PORT: String(appPort), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', RATE_LIMIT_FRAMES: '10000' },
  ).then(async (child) => {
    for (let i = 0; i < 600; i++) {
      const ok = await fetch(`http://127.0.0.1:${appPort}/health`).then((r) => r.ok).catch(() => false);
      if (ok) return child;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('app did not become healthy');
  });
  try {
    const echoUrl = `ws://127.0.0.1:${echoPort}/ws/chat`;
    const appUrl = `ws://127.0.0.1:${appPort}/ws/chat`;
    await load(echoUrl, { ...args, clients: 5, messages: 5 }); // warm-up
    await load(appUrl, { ...args, clients: 5, messages: 5 });
    const baseline = await load(echoUrl, args);
    const full = await load(appUrl, args);
    const held = await idle(appUrl, app.pid!, args.idle);

    const rows = [
      ['measure', 'full pipeline', 'fastify ws echo', 'ratio'],
      ['turns/s', full.turnsPerSecond.toFixed(0), baseline.turnsPerSecond.toFixed(0), (full.turnsPerSecond / baseline.turnsPerSecond).toFixed(3)],
      ['p50 ms', full.p50ms.toFixed(2), baseline.p50ms.toFixed(2), (full.p50ms / baseline.p50ms).toFixed(1)],
      ['p99 ms', full.p99ms.toFixed(2), baseline.p99ms.toFixed(2), (full.p99ms / baseline.p99ms).toFixed(1)],
    ];
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
    for (const r of rows) process.stdout.write(r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ') + '\n');
    process.stdout.write(
      `\n${args.clients} clients × ${args.messages} turns each (a turn = message → durable ack → bot reply)\n` +
        `${held.conversations} open conversations: opened in ${held.openSeconds.toFixed(1)} s, server RSS ${held.rssBeforeMiB.toFixed(0)} → ${held.rssAfterMiB.toFixed(0)} MiB (${held.kibPerConversation.toFixed(1)} KiB each)\n`,
    );
    const machine = { cpu: os.cpus()[0]?.model, cores: os.cpus().length, node: process.version };
    fs.mkdirSync(path.dirname(args.out), { recursive: true });
    fs.writeFileSync(args.out, JSON.stringify({ date: new Date().toISOString(), machine, args, full, baseline, idle: held }, null, 2) + '\n');
    process.stdout.write(`wrote ${path.relative(process.cwd(), args.out)}\n`);
  } finally {
    echo.kill('SIGKILL');
    app.kill('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
