/**
 * bench:server — what one server process does per customer turn, against a bare fastify websocket
 * echo measured in the same run. See `--help`. Three processes: this orchestrator, the servers
 * (the app, and the echo of bench/server/echo.ts), and the load client (bench/server/client.ts),
 * so the client never competes with the server inside one event loop.
 *
 * Phases: app warm-up (also measures the frames the app sends per turn, which the echo then
 * sends too) → idle memory per connection (both) → closed-loop saturation, echo and app
 * alternated `--rounds` times (medians reported) → open loop at `--open` conversations × `--rate`
 * messages/s (both) → kill -9 check (app: acked messages missing after a kill -9 must be 0).
 *
 * Server CPU is the server process's utime+stime from /proc over the window (all its threads).
 * fsyncs are counted by running the app under `strace -f --seccomp-bpf -e trace=fsync,fdatasync`
 * (only those calls stop the process); SQL statements by a preloaded counter
 * (bench/server/count-statements.cjs) in every thread of the app.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { median } from './lib/stats';
import type { Command, IdleFigures, Target, WindowFigures } from './server/client';
import { busyNs, childPid } from './server/proc';
import { parseCsvRows } from '../src/nlu/dataset-file';
import { createStorage } from '../src/storage/create';

const ROOT = path.resolve(__dirname, '..');

const HELP = `npm run bench:server [-- options]

  --db sqlite|postgres   storage of the app (default sqlite; postgres uses DATABASE_URL or
                         postgres://postgres@127.0.0.1:5432/test, in a fresh schema)
  --warmup S             warm-up seconds before each measured window (default 5)
  --window S             measured window, seconds (default 15)
  --rounds N             closed-loop rounds, echo and app alternated; medians (default 3)
  --closed C             closed-loop conversations (default 50)
  --open N               open-loop conversations (default 1000; 0 skips)
  --rate R               open-loop messages per second per conversation (default 1)
  --idle K               idle connections for the memory figure (default 2000; 0 skips)
  --kill K               conversations in the kill -9 check (default 50; 0 skips)
  --app-root DIR         run the app from another checkout (e.g. an export of main for a
                         baseline; it needs its node_modules); default this tree
  --label NAME           tag of this run, in the output file name (default none)
  --out FILE             JSON output (default bench/results/server[-postgres][-NAME].json)
  --no-strace            do not count fsyncs (no strace needed)
  --cpu-prof DIR         profile the app (node --cpu-prof) into DIR, with the closed-loop app
                         windows in DIR/windows.json; no strace and no kill -9 check (the app
                         stops with SIGTERM so the profile is written). Summarise with
                         npx tsx bench/server/profile-summary.ts DIR
  --quick                a short run: --warmup 2 --window 5 --rounds 1 --open 200 --idle 500 --kill 20
  --help                 this text
`;

interface Args {
  db: 'sqlite' | 'postgres';
  warmup: number;
  window: number;
  rounds: number;
  closed: number;
  open: number;
  rate: number;
  idle: number;
  kill: number;
  label: string;
  appRoot: string;
  out: string;
  strace: boolean;
  cpuProf: string;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { db: 'sqlite', warmup: 5, window: 15, rounds: 3, closed: 50, open: 1000, rate: 1, idle: 2000, kill: 50, label: '', appRoot: ROOT, out: '', strace: true, cpuProf: '' };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const num = () => {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v < 0) throw new Error(`${k} needs a non-negative number`);
      return v;
    };
    if (k === '--db') {
      const v = argv[++i];
      if (v !== 'sqlite' && v !== 'postgres') throw new Error('--db is sqlite or postgres');
      a.db = v;
    } else if (k === '--warmup') a.warmup = num();
    else if (k === '--window') a.window = num();
    else if (k === '--rounds') a.rounds = Math.max(1, Math.floor(num()));
    else if (k === '--closed') a.closed = Math.max(1, Math.floor(num()));
    else if (k === '--open') a.open = Math.floor(num());
    else if (k === '--rate') a.rate = num();
    else if (k === '--idle') a.idle = Math.floor(num());
    else if (k === '--kill') a.kill = Math.floor(num());
    else if (k === '--label') a.label = String(argv[++i]).replace(/[^\w.-]/g, '_');
    else if (k === '--app-root') a.appRoot = path.resolve(String(argv[++i]));
    else if (k === '--out') a.out = path.resolve(String(argv[++i]));
    else if (k === '--no-strace') a.strace = false;
    else if (k === '--cpu-prof') Object.assign(a, { cpuProf: path.resolve(String(argv[++i])), strace: false, kill: 0 });
    else if (k === '--quick') Object.assign(a, { warmup: 2, window: 5, rounds: 1, open: 200, idle: 500, kill: 20 });
    else if (k === '--help' || k === '-h') {
      process.stdout.write(HELP);
      process.exit(0);
    } else throw new Error(`unknown option ${k} (see --help)`);
  }
  if (a.window <= 0) throw new Error('--window must be positive');
  if (a.rate <= 0) throw new Error('--rate must be positive');
  a.out ||= path.join(ROOT, 'bench', 'results', `server${a.db === 'postgres' ? '-postgres' : ''}${a.label ? `-${a.label}` : ''}.json`);
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The texts customers send: every held-out message of test/data (diverse lengths and topics). */
function loadTexts(): string[] {
  const rows = parseCsvRows(fs.readFileSync(path.join(ROOT, 'test', 'data', 'heldout-messages.csv'), 'utf8'));
  return rows.slice(1).map((r) => r[0] ?? '').filter((t) => t.trim() !== '');
}

interface Server {
  child: ChildProcess;
  pid: number;
  port: number;
  output: () => string;
}

function startProcess(cmd: string, args: string[], env: Record<string, string>, cwd = ROOT): { child: ChildProcess; output: () => string } {
  const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (d: Buffer) => (out = (out + d.toString()).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  child.once('exit', (code, signal) => {
    if (signal !== 'SIGKILL' && code !== 0) process.stderr.write(`${args.join(' ')} exited (${code ?? signal}):\n${out.slice(-2000)}\n`);
  });
  return { child, output: () => out };
}

async function waitFor(check: () => Promise<boolean> | boolean, what: string, proc: { child: ChildProcess; output: () => string }) {
  for (let i = 0; i < 1200; i++) {
    if (proc.child.exitCode !== null) throw new Error(`${what}: process exited ${proc.child.exitCode}\n${proc.output()}`);
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`${what}: not ready after 120 s\n${proc.output()}`);
}

/** Both servers collect garbage and report their memory on SIGWINCH (bench/server/memory-probe.cjs). */
const memoryProbe = ['--expose-gc', '--require', path.join(ROOT, 'bench', 'server', 'memory-probe.cjs')];

async function startEcho(memDir: string): Promise<Server> {
  const port = await freePort();
  const proc = startProcess(process.execPath, [...memoryProbe, '--import', 'tsx', 'bench/server/echo.ts'], { PORT: String(port), BENCH_MEM_DIR: memDir });
  await waitFor(() => proc.output().includes('ECHO READY'), 'echo server', proc);
  return { ...proc, pid: proc.child.pid!, port };
}

async function startApp(env: Record<string, string>, straceFile: string | undefined, appRoot: string, cpuProf: string): Promise<Server> {
  const port = await freePort();
  const prof = cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${cpuProf}`] : [];
  const node = [process.execPath, ...prof, ...memoryProbe, '--require', path.join(ROOT, 'bench', 'server', 'count-statements.cjs'), '--import', 'tsx', 'src/main.ts', 'serve'];
  const cmd = straceFile
    ? ['strace', '-f', '--seccomp-bpf', '-qq', '-e', 'trace=fsync,fdatasync', '-e', 'signal=none', '-ttt', '-o', straceFile, ...node]
    : node;
  const proc = startProcess(cmd[0]!, cmd.slice(1), {
    ...env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_FRAMES: '10000',
    // Each simulated customer tells its own address in X-Forwarded-For (bench/server/client.ts),
    // so per-address fair scheduling sees many hosts, as in production.
    TRUST_PROXY: '1',
    // All of them still connect from 127.0.0.1: the per-address limits (issue 13) would refuse them.
    CLIENT_MAX_SOCKETS: '0',
    CLIENT_CONNECTIONS_PER_MINUTE: '0',
    CLIENT_NEW_CONVERSATIONS_PER_MINUTE: '0',
    CLIENT_ESCALATIONS_PER_MINUTE: '0',
  }, appRoot);
  await waitFor(() => fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false), 'app server', proc);
  const pid = straceFile ? childPid(proc.child.pid!) : proc.child.pid!;
  if (!pid) throw new Error('could not find the app process under strace');
  return { ...proc, pid, port };
}

/** fsync/fdatasync calls the app made between two epoch times (from strace -ttt output). */
function fsyncsBetween(file: string | undefined, [from, to]: [number, number]): number | undefined {
  if (!file || !fs.existsSync(file)) return undefined;
  let n = 0;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^\d+ +([\d.]+) (?:fsync|fdatasync)\(/.exec(line);
    if (m && Number(m[1]) >= from && Number(m[1]) <= to) n++;
  }
  return n;
}

/** The load client process and a promise-per-command channel to it. */
async function startClient() {
  const child = fork(path.join(ROOT, 'bench', 'server', 'client.ts'), [], { cwd: ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await new Promise<void>((resolve) => child.once('message', () => resolve()));
  let onEvent: (e: string) => void = () => undefined;
  const run = <T>(cmd: Command): Promise<T> =>
    new Promise((resolve, reject) => {
      const listener = (m: { ok?: boolean; result?: T; error?: string; event?: string }) => {
        if (m.event) return onEvent(m.event);
        child.off('message', listener);
        if (m.ok) resolve(m.result as T);
        else reject(new Error(`load client: ${m.error}`));
      };
      child.on('message', listener);
      child.send(cmd);
    });
  return { child, run, onEvents: (f: (e: string) => void) => (onEvent = f) };
}

/**
 * Waits until the server has worked off what an earlier phase left queued (an overloaded open
 * loop leaves a backlog): its main thread running or waiting to run under 10% of a second, so
 * a server starved by other processes on the machine does not pass for an idle one; 300 s at most.
 */
async function waitQuiet(pid: number): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const before = busyNs(pid);
    await sleep(1000);
    if (busyNs(pid) - before < 100e6) return;
  }
}

function loadNow(): string {
  return os.loadavg().map((x) => x.toFixed(2)).join(' ');
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const texts = loadTexts();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-server-'));
  const dataDir = path.join(work, 'data');
  const stmtDir = path.join(work, 'statements');
  fs.mkdirSync(stmtDir);
  const memDir = path.join(work, 'memory');
  fs.mkdirSync(memDir);
  const cache = path.join(ROOT, 'test-output', 'model-cache', 'models');
  if (fs.existsSync(cache)) fs.cpSync(cache, path.join(dataDir, 'models'), { recursive: true });
  let straceFile = args.strace ? path.join(work, 'fsync.trace') : undefined;
  if (straceFile && args.db === 'postgres') straceFile = undefined; // PostgreSQL's fsyncs happen in its own processes.

  const env: Record<string, string> = { DATA_DIR: dataDir, BENCH_STMT_DIR: stmtDir, BENCH_MEM_DIR: memDir };
  let schema: string | undefined;
  const pgUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  if (args.db === 'postgres') {
    schema = `bench_server_${process.pid}_${randomBytes(3).toString('hex')}`;
    const admin = new Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.end();
    const u = new URL(pgUrl);
    u.searchParams.set('options', `-c search_path=${schema}`);
    env.DATABASE_URL = u.toString();
  }

  const loads: Record<string, string> = { start: loadNow() };
  const echo = await startEcho(memDir);
  if (args.cpuProf) fs.mkdirSync(args.cpuProf, { recursive: true });
  const app = await startApp(env, straceFile, args.appRoot, args.cpuProf);
  // The profile's timestamps are CLOCK_MONOTONIC µs, as process.hrtime here: epoch ms → those.
  const monoOffsetUs = Number(process.hrtime.bigint() / 1000n) - Date.now() * 1000;
  const profWindows: Array<[number, number]> = [];
  const client = await startClient();
  const appTarget: Target = { url: `ws://127.0.0.1:${app.port}/ws/chat`, pid: app.pid, stmtDir, memDir };
  const log = (s: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${s} (load ${loadNow()})\n`);
  try {
    log(`warm-up: app closed loop ${args.closed} conversations`);
    const warm = await client.run<WindowFigures>({ cmd: 'closed', target: appTarget, conversations: args.closed, warmupS: args.warmup, windowS: Math.max(2, args.window / 3), texts });
    const framesPerTurn = warm.framesPerTurn;
    const echoTarget: Target = { url: `ws://127.0.0.1:${echo.port}/ws/chat`, pid: echo.pid, echoFrames: Math.round(framesPerTurn), memDir };
    await client.run({ cmd: 'closed', target: echoTarget, conversations: args.closed, warmupS: args.warmup, windowS: 1, texts });

    let idleApp, idleEcho;
    if (args.idle > 0) {
      log(`idle memory: ${args.idle} connections each`);
      idleEcho = await client.run<IdleFigures>({ cmd: 'idle', target: echoTarget, conversations: args.idle });
      idleApp = await client.run<IdleFigures>({ cmd: 'idle', target: appTarget, conversations: args.idle });
    }

    const closed: { app: WindowFigures[]; echo: WindowFigures[] } = { app: [], echo: [] };
    for (let r = 0; r < args.rounds; r++) {
      for (const [name, target] of [['echo', echoTarget], ['app', appTarget]] as const) {
        await waitQuiet(target.pid);
        log(`closed loop round ${r + 1}/${args.rounds}: ${name}`);
        const f = await client.run<WindowFigures>({ cmd: 'closed', target, conversations: args.closed, warmupS: args.warmup, windowS: args.window, texts });
        const fsyncs = name === 'app' ? fsyncsBetween(straceFile, f.windowEpoch) : undefined;
        if (name === 'app') profWindows.push([f.windowEpoch[0] * 1e6 + monoOffsetUs, f.windowEpoch[1] * 1e6 + monoOffsetUs]);
        closed[name].push({ ...f, ...(fsyncs !== undefined ? { fsyncsPerTurn: fsyncs / Math.max(1, f.turns) } : {}) } as WindowFigures);
      }
    }
    loads.closed = loadNow();

    let openApp: WindowFigures | undefined, openEcho: WindowFigures | undefined;
    if (args.open > 0) {
      log(`open loop: echo, ${args.open} × ${args.rate}/s`);
      openEcho = await client.run<WindowFigures>({ cmd: 'open', target: echoTarget, conversations: args.open, rate: args.rate, warmupS: args.warmup, windowS: args.window, texts });
      await waitQuiet(app.pid);
      log(`open loop: app, ${args.open} × ${args.rate}/s`);
      openApp = await client.run<WindowFigures>({ cmd: 'open', target: appTarget, conversations: args.open, rate: args.rate, warmupS: args.warmup, windowS: args.window, texts });
      const fsyncs = fsyncsBetween(straceFile, openApp.windowEpoch);
      if (fsyncs !== undefined) Object.assign(openApp, { fsyncsPerTurn: fsyncs / Math.max(1, openApp.turns) });
      loads.open = loadNow();
    }

    let kill: { sent: number; acked: number; missing: number } | undefined;
    if (args.kill > 0) {
      await waitQuiet(app.pid);
      log(`kill -9 check: ${args.kill} conversations sending`);
      const exited = new Promise<void>((r) => app.child.once('exit', () => r()));
      client.onEvents((e) => {
        if (e === 'kill-now') process.kill(app.pid, 'SIGKILL');
      });
      const res = await client.run<{ sent: number; acked: Array<{ conversationId: string; id: string }> }>({ cmd: 'kill', target: appTarget, conversations: args.kill, texts });
      await exited;
      const storage = await createStorage({ dataDir, ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}) });
      let missing = 0;
      for (const a of res.acked) if (!(await storage.findMessage(a.conversationId, a.id))) missing++;
      await storage.close();
      kill = { sent: res.sent, acked: res.acked.length, missing };
    }
    loads.end = loadNow();

    const med = (xs: WindowFigures[], k: keyof WindowFigures | 'fsyncsPerTurn') =>
      median(xs.map((x) => (x as unknown as Record<string, number>)[k] ?? NaN));
    const rows: string[][] = [['measure', 'app', 'echo', 'app ÷ echo']];
    const row = (name: string, a: number | undefined, e: number | undefined, digits = 2) =>
      rows.push([name, a === undefined || Number.isNaN(a) ? '—' : a.toFixed(digits), e === undefined || Number.isNaN(e) ? '—' : e.toFixed(digits), a !== undefined && e ? (a / e).toFixed(2) : '—']);
    row(`closed C=${args.closed}: server CPU ms/turn`, med(closed.app, 'cpuMsPerTurn'), med(closed.echo, 'cpuMsPerTurn'), 3);
    row(`closed: turns/s`, med(closed.app, 'turnsPerSecond'), med(closed.echo, 'turnsPerSecond'), 0);
    row(`closed: p50 ms`, med(closed.app, 'p50ms'), med(closed.echo, 'p50ms'));
    row(`closed: p99 ms`, med(closed.app, 'p99ms'), med(closed.echo, 'p99ms'));
    row(`closed: fsyncs/turn`, med(closed.app, 'fsyncsPerTurn'), undefined, 3);
    row(`closed: SQL statements/turn`, med(closed.app, 'statementsPerTurn'), undefined, 1);
    row(`closed: frames/turn`, med(closed.app, 'framesPerTurn'), med(closed.echo, 'framesPerTurn'), 2);
    row(`closed: error frames`, med(closed.app, 'errorFrames'), med(closed.echo, 'errorFrames'), 0);
    row(`closed: turns with no bot reply`, med(closed.app, 'silentTurns'), med(closed.echo, 'silentTurns'), 0);
    row(`closed: new chats per turn`, med(closed.app, 'hellosInWindow') / Math.max(1, med(closed.app, 'turns')), undefined, 3);
    if (openApp && openEcho) {
      const o = `open ${args.open}×${args.rate}/s`;
      row(`${o}: p50 ms`, openApp.p50ms, openEcho.p50ms);
      row(`${o}: p99 ms`, openApp.p99ms, openEcho.p99ms);
      row(`${o}: max ms`, openApp.maxms, openEcho.maxms);
      row(`${o}: turns/s sent`, openApp.turnsPerSecond, openEcho.turnsPerSecond, 0);
      // Fewer answered than sent: overloaded, the latencies grow with the window.
      row(`${o}: turns/s answered`, openApp.answeredPerSecond, openEcho.answeredPerSecond, 0);
      row(`${o}: server CPU ms/turn answered`, openApp.cpuMsPerTurn, openEcho.cpuMsPerTurn, 3);
      row(`${o}: unanswered after 30 s`, openApp.unanswered, openEcho.unanswered, 0);
      row(`${o}: error frames`, openApp.errorFrames, openEcho.errorFrames, 0);
      row(`${o}: customers cut off (no hello answer)`, openApp.failedUsers, openEcho.failedUsers, 0);
    }
    if (idleApp && idleEcho) {
      row(`idle KiB/connection (${args.idle}), RSS after GC`, idleApp.kibPerConversation, idleEcho.kibPerConversation, 1);
      row(`idle KiB/connection, JS heap after GC`, idleApp.heapKibPerConversation, idleEcho.heapKibPerConversation, 1);
    }
    if (kill) rows.push(['kill -9: acked / missing', `${kill.acked} / ${kill.missing}`, '', kill.missing === 0 ? 'ok' : 'LOST']);
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
    const out = rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ')).join('\n');
    const machine = { cpu: os.cpus()[0]?.model, cores: os.cpus().length, node: process.version };
    process.stdout.write(
      `${out}\n\napp ${path.relative(process.cwd(), args.appRoot) || '.'}; db ${args.db}${args.db === 'postgres' ? ' (pool size 10: createPostgresStorage default)' : ''}; rounds ${args.rounds}, warm-up ${args.warmup} s, window ${args.window} s; ` +
        `load average (1/5/15 min) start ${loads.start}, end ${loads.end}\n`,
    );
    fs.mkdirSync(path.dirname(args.out), { recursive: true });
    fs.writeFileSync(
      args.out,
      JSON.stringify({ date: new Date().toISOString(), machine, args, loads, framesPerTurn, closed, open: { app: openApp, echo: openEcho }, idle: { app: idleApp, echo: idleEcho }, kill }, null, 2) + '\n',
    );
    process.stdout.write(`wrote ${path.relative(process.cwd(), args.out)}\n`);
    // The app logs at warn: what it complained about (a failing background job costs CPU too).
    const complaints = new Map<string, number>();
    for (const line of app.output().split('\n')) {
      const m = /"level":(40|50|60).*?"msg":"([^"]*)"/.exec(line);
      if (!m) continue;
      const key = `${m[1] === '40' ? 'warn' : 'error'}: ${m[2]}`;
      complaints.set(key, (complaints.get(key) ?? 0) + 1);
    }
    for (const [msg, n] of complaints) process.stdout.write(`app log (last 20 kB): ${n} × ${msg}\n`);
    if (args.cpuProf) {
      fs.writeFileSync(path.join(args.cpuProf, 'windows.json'), JSON.stringify(profWindows) + '\n');
      const exited = new Promise<void>((r) => app.child.once('exit', () => r()));
      process.kill(app.pid, 'SIGTERM');
      await exited;
      process.stdout.write(`profile in ${path.relative(process.cwd(), args.cpuProf)}\n`);
    }
    if (kill && kill.missing > 0) process.exitCode = 1;
  } finally {
    client.child.kill('SIGKILL');
    echo.child.kill('SIGKILL');
    if (app.child.exitCode === null) {
      try {
        process.kill(app.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      app.child.kill('SIGKILL');
    }
    if (schema) {
      const admin = new Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    }
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
