/**
 * bench:abuse — does a well-behaved customer stay fast while one host misbehaves? The app runs
 * in its own process (`src/main.ts serve`, SQLite, default limits); this process plays a
 * well-behaved customer from 127.0.0.2 (one message, wait for the answer, pause, repeat) and the
 * abusive host from 127.0.0.3 (Linux routes all of 127/8 to loopback, so the server sees two
 * client addresses without a proxy). The customer's latency (send → the bot's reply) is measured
 * alone first, in this same run, and then beside each abuse:
 *   1. 60 sockets, each sending at its per-socket frame limit (RATE_LIMIT_FRAMES per 10 s);
 *   2. 200 connection attempts at once, each saying hello (200 new conversations);
 *   3. a flood of 1 MB frames (over the 256 KiB frame limit) on fresh sockets.
 * Reported: p50/p99 per phase and the ratio to the alone baseline (goal: p99 within 2×), and what
 * the server did with the abuse (refused sockets, refused hellos, turns answered). The abusive
 * host runs in a child process, so its own work does not slow the measuring client. Prints a table
 * and writes JSON to bench/results/abuse[-quick].json. See `--help`.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { freePort } from './lib/free-port';
import { quantile } from './lib/stats';

const ROOT = path.resolve(__dirname, '..');
const GOOD = '127.0.0.2';
const BAD = '127.0.0.3';

const HELP = `npm run bench:abuse [-- options]

  --window S     measured seconds per phase (default 15)
  --pause MS     the customer's pause between messages (default 200)
  --abuser-nice N  CPU priority (nice) of the abusive host's process (default 19; 0 = same as
                 the server). Here the abusive host shares this machine's cores; a real one
                 spends its own CPU, so by default its process yields the CPU to the server and
                 the measuring customer, and what is measured is how the server treats the abuse
  --quick        a short run: --window 4
  --out FILE     JSON output (default bench/results/abuse.json, abuse-quick.json with --quick)
  --help         this text
`;

interface Args {
  abuserNice: number;
  window: number;
  pause: number;
  quick: boolean;
  out: string;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { abuserNice: 19, window: 15, pause: 200, quick: false, out: '' };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--help') {
      process.stdout.write(HELP);
      process.exit(0);
    } else if (k === '--quick') {
      a.quick = true;
      a.window = 4;
    } else if (k === '--window') a.window = Number(argv[++i]);
    else if (k === '--pause') a.pause = Number(argv[++i]);
    else if (k === '--abuser-nice') a.abuserNice = Number(argv[++i]);
    else if (k === '--out') a.out = String(argv[++i]);
    else throw new Error(`unknown option ${k}\n${HELP}`);
  }
  a.out ||= path.join(ROOT, 'bench', 'results', a.quick ? 'abuse-quick.json' : 'abuse.json');
  return a;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startApp(): Promise<{ child: ChildProcess; url: string; rateLimitFrames: number; dataDir: string }> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-abuse-'));
  const rateLimitFrames = 20;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '0.0.0.0', LOG_LEVEL: 'warn', DATA_DIR: dataDir, RATE_LIMIT_FRAMES: String(rateLimitFrames) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `ws://127.0.0.1:${port}/ws/chat`;
  for (let i = 0; i < 1200; i++) {
    if (child.exitCode !== null) throw new Error(`app exited ${child.exitCode}`);
    if (await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false)) return { child, url, rateLimitFrames, dataDir };
    await sleep(100);
  }
  throw new Error('app not ready after 120 s');
}

/** A customer socket from `localAddress` that says hello; resolves on the session (or its refusal). */
function customer(url: string, localAddress: string): Promise<{ ws: WebSocket; ok: boolean; frames: Array<Record<string, unknown>> }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { localAddress });
    const frames: Array<Record<string, unknown>> = [];
    let settled = false;
    const done = (ok: boolean) => {
      if (settled) return;
      settled = true;
      resolve({ ws, ok, frames });
    };
    ws.on('message', (d) => {
      const f = JSON.parse(d.toString()) as Record<string, unknown>;
      frames.push(f);
      if (f.type === 'session') done(true);
      if (f.type === 'error' && (f.code === 'TOO_MANY_CONNECTIONS' || f.code === 'TOO_MANY_CONVERSATIONS')) done(false);
    });
    ws.on('open', () => ws.send(JSON.stringify({ type: 'hello' })));
    ws.on('error', () => done(false));
    ws.on('close', () => done(false));
    // A server that neither answers nor refuses within 30 s counts as a refusal (the run says so).
    setTimeout(() => {
      if (!settled) ws.terminate();
      done(false);
    }, 30_000).unref();
  });
}

/**
 * Questions the bot answers from the knowledge base. A hand-off would end the bot's replies in
 * that chat (a person answers, or a case is offered), so the customer asks only these, and starts
 * a new conversation every `TURNS_PER_CONVERSATION` turns (its hello outside the timing), as real
 * customers ask a few questions each.
 */
const TEXTS = ['how do I get a refund', 'when is my next payment due', 'how can I change my payment method', 'how long does a refund take', 'can I pay off my plan early'];
const TURNS_PER_CONVERSATION = 6;

/** The well-behaved customer: message, wait for the bot's reply to it, pause, repeat; latencies in ms. */
async function wellBehaved(url: string, seconds: number, pause: number): Promise<number[]> {
  const latencies: number[] = [];
  const end = Date.now() + seconds * 1000;
  let n = 0;
  while (Date.now() < end) {
    const c = await customer(url, GOOD);
    if (!c.ok) throw new Error(`the well-behaved customer was refused: ${JSON.stringify(c.frames.slice(-2))}`);
    for (let k = 0; k < TURNS_PER_CONVERSATION && Date.now() < end; k++) {
      const id = `g${n++}`;
      const text = TEXTS[n % TEXTS.length]!;
      const started = performance.now();
      await new Promise<void>((resolve, reject) => {
        const seen: unknown[] = [];
        const timer = setTimeout(() => reject(new Error(`no reply in 30 s to ${JSON.stringify(text)}; frames since: ${JSON.stringify(seen.slice(-4))}`)), 30_000);
        const onMessage = (d: WebSocket.RawData) => {
          const f = JSON.parse(d.toString()) as Record<string, unknown>;
          seen.push(f);
          if (f.type === 'message' && f.replyTo === id) {
            clearTimeout(timer);
            c.ws.off('message', onMessage);
            resolve();
          }
        };
        c.ws.on('message', onMessage);
        c.ws.send(JSON.stringify({ type: 'message', id, text }));
      });
      latencies.push(performance.now() - started);
      await sleep(pause);
    }
    c.ws.close();
  }
  return latencies;
}

interface AbuseStats {
  socketsAccepted: number;
  socketsRefused: number;
  messagesSent: number;
  repliesReceived: number;
}

type Abuse = (url: string, rateLimitFrames: number) => { stop(): Promise<AbuseStats> };

/** 60 sockets from one host, each sending at its per-socket limit. */
const floodSockets: Abuse = (url, rateLimitFrames) => {
  const stats: AbuseStats = { socketsAccepted: 0, socketsRefused: 0, messagesSent: 0, repliesReceived: 0 };
  const sockets: WebSocket[] = [];
  const timers: NodeJS.Timeout[] = [];
  void Promise.all(
    Array.from({ length: 60 }, async (_, i) => {
      const c = await customer(url, BAD);
      sockets.push(c.ws);
      if (!c.ok) return void stats.socketsRefused++;
      stats.socketsAccepted++;
      const answered = new Set<string>();
      c.ws.on('message', (d) => {
        const f = JSON.parse(d.toString()) as { type: string; from?: string; replyTo?: string };
        // A turn may answer with several messages: count the customer messages answered.
        if (f.from === 'bot' && f.replyTo && !answered.has(f.replyTo)) {
          answered.add(f.replyTo);
          stats.repliesReceived++;
        }
      });
      let k = 0;
      // Just under the limit: RATE_LIMIT_FRAMES per 10 s.
      timers.push(setInterval(() => {
        if (c.ws.readyState !== WebSocket.OPEN) return;
        c.ws.send(JSON.stringify({ type: 'message', id: `b${i}-${k++}`, text: TEXTS[k % TEXTS.length] }));
        stats.messagesSent++;
      }, Math.ceil(10_000 / (rateLimitFrames - 1))));
    }),
  );
  return {
    async stop() {
      for (const t of timers) clearInterval(t);
      for (const s of sockets) s.terminate();
      return stats;
    },
  };
};

/** 200 connection attempts at once from one host, each saying hello. */
const connectionBurst: Abuse = (url) => {
  const stats: AbuseStats = { socketsAccepted: 0, socketsRefused: 0, messagesSent: 0, repliesReceived: 0 };
  const sockets: WebSocket[] = [];
  const burst = Promise.all(
    Array.from({ length: 200 }, async () => {
      const c = await customer(url, BAD);
      sockets.push(c.ws);
      if (c.ok) stats.socketsAccepted++;
      else stats.socketsRefused++;
    }),
  );
  return {
    async stop() {
      await burst;
      for (const s of sockets) s.terminate();
      return stats;
    },
  };
};

/** Fresh sockets from one host, each sending a 1 MB frame, 8 at a time, until stopped. */
const bigFrames: Abuse = (url) => {
  const stats: AbuseStats = { socketsAccepted: 0, socketsRefused: 0, messagesSent: 0, repliesReceived: 0 };
  const payload = JSON.stringify({ type: 'message', id: 'big', text: 'x'.repeat(1024 * 1024) });
  let stopped = false;
  const lanes = Array.from({ length: 8 }, async () => {
    while (!stopped) {
      await new Promise<void>((resolve) => {
        const ws = new WebSocket(url, { localAddress: BAD });
        ws.on('open', () => {
          stats.socketsAccepted++;
          ws.send(payload);
          stats.messagesSent++;
        });
        ws.on('unexpected-response', (_req, res) => {
          if (res.statusCode === 429) stats.socketsRefused++;
          ws.terminate();
        });
        let opened = false;
        ws.on('open', () => (opened = true));
        // Refused before the upgrade or not connected at all (this host's own ports run out after
        // ~20,000 refused sockets in TIME_WAIT): pause a moment instead of spinning on the error.
        ws.on('error', () => undefined);
        ws.on('close', () => (opened ? resolve() : setTimeout(resolve, 5)));
        setTimeout(() => ws.terminate(), 2000);
      });
    }
  });
  return {
    async stop() {
      stopped = true;
      await Promise.all(lanes);
      return stats;
    },
  };
};

interface Row {
  phase: string;
  turns: number;
  p50: number;
  p99: number;
  p99Ratio: number;
  abuse?: AbuseStats;
}

const ABUSES: Record<string, Abuse> = { sockets: floodSockets, burst: connectionBurst, frames: bigFrames };
const PHASES: Array<[string, string]> = [
  ['beside 60 sockets at the frame limit', 'sockets'],
  ['beside 200 connection attempts', 'burst'],
  ['beside a 1 MB frame flood', 'frames'],
];

/**
 * Runs one abuse in a process of its own (this file with `--abuser NAME URL FRAMES`), so the
 * abusive host's work never delays the well-behaved customer's own event loop in this process.
 */
async function abuserProcess(name: string, url: string, rateLimitFrames: number, niceness: number): Promise<{ stop(): Promise<AbuseStats>; kill(): void }> {
  const child = fork(__filename, ['--abuser', name, url, String(rateLimitFrames)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  if (child.pid !== undefined) os.setPriority(child.pid, niceness);
  await new Promise<void>((resolve) => child.once('message', () => resolve()));
  return {
    kill: () => void child.kill('SIGKILL'),
    stop: () =>
      new Promise<AbuseStats>((resolve, reject) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`the ${name} abuser did not stop within 30 s`));
        }, 30_000);
        child.once('message', (stats) => {
          clearTimeout(timer);
          resolve(stats as AbuseStats);
          child.kill();
        });
        child.send('stop');
      }),
  };
}

/** The child side of `abuserProcess`. */
function runAbuser([name, url, frames]: string[]): void {
  const running = ABUSES[name!]!(url!, Number(frames));
  process.send?.('started');
  process.once('message', () => {
    void running.stop().then((stats) => process.send?.(stats));
  });
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const loadAtStart = os.loadavg()[0]!;
  const app = await startApp();
  const rows: Row[] = [];
  let current: { kill(): void } | undefined;
  try {
    // Warm-up (model load, first turns) outside any measured window.
    await wellBehaved(app.url, 2, args.pause);
    const alone = await wellBehaved(app.url, args.window, args.pause);
    const base99 = quantile(alone, 0.99);
    rows.push({ phase: 'alone (baseline)', turns: alone.length, p50: quantile(alone, 0.5), p99: base99, p99Ratio: 1 });
    for (const [phase, name] of PHASES) {
      const running = await abuserProcess(name, app.url, app.rateLimitFrames, args.abuserNice);
      current = running;
      await sleep(1000);
      const lat = await wellBehaved(app.url, args.window, args.pause);
      const stats = await running.stop();
      rows.push({ phase, turns: lat.length, p50: quantile(lat, 0.5), p99: quantile(lat, 0.99), p99Ratio: quantile(lat, 0.99) / base99, abuse: stats });
      await sleep(2000); // let the server work off the abuse before the next phase
    }
  } finally {
    current?.kill(); // an abuser left running after a failed phase would spin on a dead port
    app.child.kill('SIGTERM');
    await new Promise((r) => app.child.once('exit', r));
    fs.rmSync(app.dataDir, { recursive: true, force: true });
  }

  const fmt = (n: number) => n.toFixed(1).padStart(8);
  console.log(`\nwell-behaved customer latency (send → bot reply), ${args.window} s per phase, ${os.cpus().length} cores, load average ${loadAtStart.toFixed(1)} at start / ${os.loadavg()[0]!.toFixed(1)} at end, abusive host at nice ${args.abuserNice}`);
  console.log(`${'phase'.padEnd(40)} ${'turns'.padStart(6)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'p99/alone'.padStart(9)}  abuse`);
  for (const r of rows) {
    const abuse = r.abuse
      ? `sockets ${r.abuse.socketsAccepted} accepted / ${r.abuse.socketsRefused} refused, ${r.abuse.messagesSent} frames sent, ${r.abuse.repliesReceived} answered`
      : '';
    console.log(`${r.phase.padEnd(40)} ${String(r.turns).padStart(6)} ${fmt(r.p50)} ${fmt(r.p99)} ${r.p99Ratio.toFixed(2).padStart(9)}  ${abuse}`);
  }
  fs.mkdirSync(path.dirname(args.out), { recursive: true });
  fs.writeFileSync(
    args.out,
    JSON.stringify({ date: new Date().toISOString(), args: { ...args, out: path.relative(ROOT, args.out) }, cores: os.cpus().length, loadAverageAtStart: loadAtStart, loadAverage: os.loadavg(), goal: 'p99 within 2x of alone', rows }, null, 2) + '\n',
  );
  console.log(`\nwritten: ${path.relative(ROOT, args.out)}`);
}

if (process.argv[2] === '--abuser') runAbuser(process.argv.slice(3));
else
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
