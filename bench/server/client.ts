/**
 * The load client of bench:server, in its own process (forked by bench/server.ts, which sends it
 * one command at a time over IPC and gets one result back). It never shares a core's event loop
 * with the server it measures.
 *
 * A turn is one customer message: it is complete when the server has acked it and either a reply
 * carrying `replyTo` arrived or, for a conversation no longer with the bot (queued for a person,
 * where the bot stays quiet), the server echoed the message back. A conversation that leaves the
 * bot is swapped for a spare one opened beforehand, so the load stays bot turns; the hellos this
 * costs during a window are counted and reported.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { cpuMs, rssKiB, statementCount } from './proc';

export interface Target {
  url: string;
  /** Server process id, for /proc reads. */
  pid: number;
  /** The echo baseline: its hello says how many frames to send per turn. */
  echoFrames?: number;
  /** Directory of the statement counters (bench/server/count-statements.cjs). */
  stmtDir?: string;
  /** Where the server writes its memory on SIGWINCH (bench/server/memory-probe.cjs). */
  memDir?: string;
}

export interface IdleFigures {
  conversations: number;
  rssBeforeKiB: number;
  rssAfterKiB: number;
  /** RSS growth per idle conversation, both reads after two garbage collections. */
  kibPerConversation: number;
  /** JS heap growth per idle conversation, after garbage collection (undefined without the probe). */
  heapKibPerConversation?: number;
}

export interface WindowFigures {
  turns: number;
  seconds: number;
  turnsPerSecond: number;
  serverCpuMs: number;
  cpuMsPerTurn: number;
  statementsPerTurn: number;
  framesPerTurn: number;
  p50ms: number;
  p99ms: number;
  maxms: number;
  /** Conversations started during the window to replace ones handed to a person. */
  hellosInWindow: number;
  /** Error frames received during the window (a turn answered with one counts as answered). */
  errorFrames: number;
  /** Turns the bot answered with silence (ended at the echo after SILENCE_MS without a reply). */
  silentTurns: number;
  /** Turns still unanswered 30 s after the window (counted with their wait so far in the percentiles). */
  unanswered: number;
  /** Open loop: customers who stopped because no replacement conversation could be opened. */
  failedUsers?: number;
  /** Wall-clock (epoch s) bounds of the window, to count the server's fsyncs in it. */
  windowEpoch: [number, number];
  /**
   * Open loop: turns answered during the window (whenever sent), per second. Below the offered
   * rate the server is overloaded: the window's CPU then serves this many turns, not `turns`, so
   * `cpuMsPerTurn` is the window's CPU over these answers.
   */
  answeredPerSecond?: number;
}

export type Command =
  | { cmd: 'closed'; target: Target; conversations: number; warmupS: number; windowS: number; texts: string[] }
  | { cmd: 'open'; target: Target; conversations: number; rate: number; warmupS: number; windowS: number; texts: string[] }
  | { cmd: 'idle'; target: Target; conversations: number }
  | { cmd: 'kill'; target: Target; conversations: number; texts: string[] }
  | { cmd: 'exit' };

const ANSWER_TIMEOUT_MS = 30_000;

interface Turn {
  id: string;
  /** When it was (to be) sent, performance.now() ms. */
  at: number;
  acked: boolean;
  echoed: boolean;
  replied: boolean;
  /** When the server echoed the message back (performance.now() ms). */
  echoedAt?: number;
  done?: (t: number) => void;
}

/** How long after the echo a turn with no reply is taken as one the bot answers with silence. */
const SILENCE_MS = 1500;

/** One customer conversation over one socket. */
class Conversation {
  state = 'bot';
  conversationId = '';
  frames = 0;
  readonly turns = new Map<string, Turn>();
  private sessionSeen?: () => void;
  private greetingSeen?: () => void;
  private failHello?: (err: Error) => void;
  /** Error frames the server sent (rate limits, internal errors). */
  errors = 0;
  /** Turns the bot answered with silence (acked and echoed, no reply). */
  silent = 0;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => this.onFrame(JSON.parse(data.toString()) as Record<string, unknown>));
  }

  static async open(target: Target, waitGreeting: boolean): Promise<Conversation> {
    const ws = await new Promise<WebSocket>((resolve, reject) => {
      const s = new WebSocket(target.url, { headers: { 'x-forwarded-for': nextCustomerAddress() } });
      s.once('open', () => resolve(s));
      s.once('error', reject);
    });
    const c = new Conversation(ws);
    const session = new Promise<void>((r) => (c.sessionSeen = r));
    const greeting = new Promise<void>((r) => (c.greetingSeen = r));
    const failed = new Promise<never>((_, reject) => {
      c.failHello = reject;
      setTimeout(() => reject(new Error('no session and greeting 30 s after hello')), ANSWER_TIMEOUT_MS).unref();
    });
    ws.send(JSON.stringify({ type: 'hello', ...(target.echoFrames ? { frames: target.echoFrames } : {}) }));
    try {
      await Promise.race([session, failed]);
      if (waitGreeting && !target.echoFrames) await Promise.race([greeting, failed]);
    } catch (err) {
      ws.terminate();
      throw err;
    }
    c.failHello = undefined;
    return c;
  }

  send(turn: Turn, text: string): void {
    this.turns.set(turn.id, turn);
    this.ws.send(JSON.stringify({ type: 'message', id: turn.id, text }));
  }

  private onFrame(f: Record<string, unknown>): void {
    this.frames++;
    const now = performance.now();
    if (f.type === 'session') {
      this.conversationId = String(f.conversationId);
      this.state = String(f.state);
      this.sessionSeen?.();
      return;
    }
    if (f.type === 'error') {
      this.errors++;
      this.failHello?.(new Error(`error frame: ${JSON.stringify(f)}`));
      const t = typeof f.id === 'string' ? this.turns.get(f.id) : undefined;
      if (t) {
        // Answered, with an error: the turn ends here and the error is counted.
        this.turns.delete(t.id);
        t.done?.(now);
      }
      return;
    }
    if (f.type === 'status') {
      this.state = String(f.state);
      return;
    }
    if (f.type === 'ack') {
      const t = this.turns.get(String(f.id));
      if (t) t.acked = true;
      this.check(t, now);
      return;
    }
    if (f.type === 'message') {
      if (!f.replyTo && f.from === 'bot') this.greetingSeen?.();
      const mine = f.from === 'customer' ? this.turns.get(String(f.id)) : undefined;
      if (mine) {
        mine.echoed = true;
        mine.echoedAt = now;
      }
      const answered = typeof f.replyTo === 'string' ? this.turns.get(f.replyTo) : undefined;
      if (answered) answered.replied = true;
      this.check(mine ?? answered, now);
    }
  }

  private check(t: Turn | undefined, now: number): void {
    if (!t || !t.acked) return;
    if (t.replied || (t.echoed && this.state !== 'bot')) {
      this.turns.delete(t.id);
      t.done?.(now);
    } else if (t.echoed) {
      // Stored and acked, and the bot may have nothing to say (e.g. waiting on a case answer):
      // without a reply soon, the turn ended at the echo.
      setTimeout(() => {
        if (!this.turns.has(t.id) || t.replied) return;
        this.turns.delete(t.id);
        this.silent++;
        t.done?.(t.echoedAt ?? now);
      }, SILENCE_MS);
    }
  }

  close(): void {
    this.ws.close();
  }
}

/** Spare conversations, opened ahead so that replacing one handed to a person costs no wait. */
class Pool {
  private spares: Conversation[] = [];
  private opening = 0;
  private closed = false;
  hellos = 0;

  constructor(
    private readonly target: Target,
    private readonly size: number,
  ) {}

  async fill(): Promise<void> {
    while (this.spares.length + this.opening < this.size) await this.openOne();
  }

  private async openOne(): Promise<void> {
    this.opening++;
    try {
      const c = await Conversation.open(this.target, true);
      this.hellos++;
      if (this.closed) c.close();
      else this.spares.push(c);
    } finally {
      this.opening--;
    }
  }

  /** A ready conversation; refills in the background. */
  async take(): Promise<Conversation> {
    let c = this.spares.pop();
    if (!c) {
      c = await Conversation.open(this.target, true);
      this.hellos++;
    }
    if (this.spares.length + this.opening < this.size) void this.openOne().catch(() => undefined);
    return c;
  }

  closeAll(): void {
    this.closed = true;
    for (const c of this.spares) c.close();
    this.spares = [];
  }
}

async function openMany(target: Target, n: number): Promise<Conversation[]> {
  const out: Conversation[] = [];
  for (let i = 0; i < n; i += 100) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(100, n - i) }, () => Conversation.open(target, true)))));
  }
  return out;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Each simulated customer comes from an address of its own (10.x.y.z, told in X-Forwarded-For;
 * the app runs with TRUST_PROXY=1): a thousand customers are a thousand hosts, and the app's
 * per-address fair scheduling (at most 50 turns waiting per address) treats them as such
 * instead of refusing one host's 51st waiting turn with RATE_LIMITED.
 */
let customers = 0;
function nextCustomerAddress(): string {
  const n = ++customers;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

/** Frames and error frames received so far by live and retired conversations. */
function tally(all: Set<Conversation>, retired: { frames: number; errors: number; silent: number }) {
  let frames = retired.frames;
  let errors = retired.errors;
  let silent = retired.silent;
  for (const x of all) {
    frames += x.frames;
    errors += x.errors;
    silent += x.silent;
  }
  return { frames, errors, silent };
}

/** Window bookkeeping shared by both loops: server CPU, statements, frames, latencies. */
class Window {
  start = Infinity;
  end = Infinity;
  private cpu0 = 0;
  private cpu1 = 0;
  private stmt0 = 0;
  private stmt1 = 0;
  private frames0 = 0;
  private frames1 = 0;
  private errors0 = 0;
  private errors1 = 0;
  private silent0 = 0;
  private silent1 = 0;
  private hellos0 = 0;
  private hellos1 = 0;
  private epoch: [number, number] = [0, 0];
  readonly latencies: number[] = [];
  turns = 0;
  /** Open loop: answers that arrived inside the window (undefined: closed loop). */
  answeredInWindow: number | undefined;

  constructor(
    private readonly target: Target,
    private readonly counts: () => { frames: number; errors: number; silent: number },
    private readonly hellos: () => number,
  ) {}

  open(): void {
    this.start = performance.now();
    this.epoch[0] = Date.now() / 1000;
    this.cpu0 = cpuMs(this.target.pid);
    this.stmt0 = statementCount(this.target.stmtDir);
    ({ frames: this.frames0, errors: this.errors0, silent: this.silent0 } = this.counts());
    this.hellos0 = this.hellos();
  }

  close(): void {
    this.end = performance.now();
    this.epoch[1] = Date.now() / 1000;
    this.cpu1 = cpuMs(this.target.pid);
    this.stmt1 = statementCount(this.target.stmtDir);
    ({ frames: this.frames1, errors: this.errors1, silent: this.silent1 } = this.counts());
    this.hellos1 = this.hellos();
  }

  figures(unanswered: number): WindowFigures {
    const seconds = (this.end - this.start) / 1000;
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const turns = Math.max(1, this.turns);
    const served = this.answeredInWindow === undefined ? turns : Math.max(1, this.answeredInWindow);
    return {
      turns: this.turns,
      seconds,
      turnsPerSecond: this.turns / seconds,
      serverCpuMs: this.cpu1 - this.cpu0,
      cpuMsPerTurn: (this.cpu1 - this.cpu0) / served,
      statementsPerTurn: (this.stmt1 - this.stmt0) / served,
      framesPerTurn: (this.frames1 - this.frames0) / served,
      p50ms: quantile(sorted, 0.5),
      p99ms: quantile(sorted, 0.99),
      maxms: sorted[sorted.length - 1] ?? 0,
      hellosInWindow: this.hellos1 - this.hellos0,
      errorFrames: this.errors1 - this.errors0,
      silentTurns: this.silent1 - this.silent0,
      unanswered,
      windowEpoch: this.epoch,
      ...(this.answeredInWindow !== undefined ? { answeredPerSecond: this.answeredInWindow / seconds } : {}),
    };
  }
}

/**
 * Closed loop: `conversations` customers each send their next message as soon as the last one is
 * answered. Saturates the server; throughput and CPU per turn come from the window.
 */
async function closedLoop(c: Extract<Command, { cmd: 'closed' }>): Promise<WindowFigures> {
  const pool = new Pool(c.target, Math.max(10, Math.ceil(c.conversations / 2)));
  const convs = await openMany(c.target, c.conversations);
  await pool.fill();
  const all = new Set(convs);
  const retired = { frames: 0, errors: 0, silent: 0 };
  const win = new Window(c.target, () => tally(all, retired), () => pool.hellos);
  let stop = false;
  let counter = 0;

  async function user(u: number): Promise<void> {
    let conv = convs[u]!;
    for (let k = 0; !stop; k++) {
      const text = c.texts[(u * 7 + k) % c.texts.length]!;
      const turn: Turn = { id: `u${u}-${counter++}`, at: performance.now(), acked: false, echoed: false, replied: false };
      const done = new Promise<number>((resolve) => (turn.done = resolve));
      conv.send(turn, text);
      const finished = await Promise.race([done, sleep(ANSWER_TIMEOUT_MS).then(() => -1)]);
      if (finished < 0) throw new Error(`turn ${turn.id} unanswered after ${ANSWER_TIMEOUT_MS} ms`);
      if (finished >= win.start && finished <= win.end) {
        win.turns++;
        win.latencies.push(finished - turn.at);
      }
      if (conv.state !== 'bot') {
        const next = await pool.take();
        all.add(next);
        all.delete(conv);
        retired.frames += conv.frames;
        retired.errors += conv.errors;
        retired.silent += conv.silent;
        conv.close();
        conv = next;
      }
    }
  }

  const users = convs.map((_, u) => user(u));
  await sleep(c.warmupS * 1000);
  win.open();
  await sleep(c.windowS * 1000);
  win.close();
  stop = true;
  await Promise.all(users);
  for (const x of all) x.close();
  pool.closeAll();
  return win.figures(0);
}

/**
 * Open loop: `conversations` customers each send `rate` messages a second on their own schedule,
 * whatever the server does. Latency is measured from the scheduled send time, so a client or
 * server falling behind shows up in the figures instead of slowing the offered load.
 */
async function openLoop(c: Extract<Command, { cmd: 'open' }>): Promise<WindowFigures> {
  const period = 1000 / c.rate;
  const pool = new Pool(c.target, Math.max(20, Math.ceil(c.conversations / 10)));
  const convs = await openMany(c.target, c.conversations);
  await pool.fill();
  const all = new Set(convs);
  const retired = { frames: 0, errors: 0, silent: 0 };
  const win = new Window(c.target, () => tally(all, retired), () => pool.hellos);
  const t0 = performance.now() + 100;
  const stopAt = t0 + (c.warmupS + c.windowS) * 1000;
  const outstanding = new Set<Turn>();
  let counter = 0;
  let failedUsers = 0;

  function user(u: number): Promise<void> {
    let conv = convs[u]!;
    const phase = Math.random() * period;
    return new Promise<void>((finish) => {
      let k = 0;
      const tick = async () => {
        const at = t0 + phase + k * period;
        if (at >= stopAt) return finish();
        if (conv.state !== 'bot' && conv.turns.size === 0) {
          const next = await pool.take().catch(() => undefined);
          if (!next) {
            // No replacement could be opened (the server is too far behind to answer a hello):
            // this user's messages stop here, and the run reports it.
            failedUsers++;
            return finish();
          }
          all.add(next);
          all.delete(conv);
          retired.frames += conv.frames;
        retired.errors += conv.errors;
        retired.silent += conv.silent;
          conv.close();
          conv = next;
        }
        const turn: Turn = { id: `u${u}-${counter++}`, at, acked: false, echoed: false, replied: false };
        const counted = at >= win.start && at < win.end;
        if (counted) outstanding.add(turn);
        turn.done = (t) => {
          if (t >= win.start && t < win.end) win.answeredInWindow = (win.answeredInWindow ?? 0) + 1;
          if (!counted) return;
          outstanding.delete(turn);
          win.turns++;
          win.latencies.push(t - at);
        };
        conv.send(turn, c.texts[(u * 7 + k) % c.texts.length]!);
        k++;
        setTimeout(() => void tick(), Math.max(0, t0 + phase + k * period - performance.now()));
      };
      setTimeout(() => void tick(), Math.max(0, t0 + phase - performance.now()));
    });
  }

  const users = convs.map((_, u) => user(u));
  await sleep(t0 - performance.now() + c.warmupS * 1000);
  // Window bounds are set before any in-window send is scheduled to fire.
  win.open();
  win.answeredInWindow = 0;
  win.end = win.start + c.windowS * 1000;
  await sleep(c.windowS * 1000);
  win.close();
  await Promise.all(users);
  const deadline = performance.now() + ANSWER_TIMEOUT_MS;
  while (outstanding.size > 0 && performance.now() < deadline) await sleep(50);
  const unanswered = outstanding.size;
  // Still unanswered: counted with what they have waited so far (at least 30 s).
  for (const t of outstanding) win.latencies.push(performance.now() - t.at);
  for (const x of all) x.close();
  pool.closeAll();
  return { ...win.figures(unanswered), failedUsers };
}

/** Opens `conversations` idle conversations and reports the server's RSS before and after. */
let idleHeld: Conversation[] = [];
async function idle(c: Extract<Command, { cmd: 'idle' }>): Promise<IdleFigures> {
  const before = await memoryOf(c.target);
  idleHeld = await openMany(c.target, c.conversations);
  await sleep(2000);
  const after = await memoryOf(c.target);
  for (const x of idleHeld) x.close();
  idleHeld = [];
  return {
    conversations: c.conversations,
    rssBeforeKiB: before.rssKiB,
    rssAfterKiB: after.rssKiB,
    kibPerConversation: (after.rssKiB - before.rssKiB) / c.conversations,
    ...(before.heapKiB !== undefined && after.heapKiB !== undefined ? { heapKibPerConversation: (after.heapKiB - before.heapKiB) / c.conversations } : {}),
  };
}

/** The server's memory after garbage collection (memory-probe.cjs); plain RSS when it does not answer in 10 s. */
async function memoryOf(target: Target): Promise<{ rssKiB: number; heapKiB?: number }> {
  if (target.memDir) {
    const file = path.join(target.memDir, `${target.pid}.json`);
    fs.rmSync(file, { force: true });
    process.kill(target.pid, 'SIGWINCH');
    for (let i = 0; i < 200; i++) {
      await sleep(50);
      if (fs.existsSync(file)) {
        const m = JSON.parse(fs.readFileSync(file, 'utf8')) as { rss: number; heapUsed: number; external: number };
        return { rssKiB: m.rss / 1024, heapKiB: (m.heapUsed + m.external) / 1024 };
      }
    }
  }
  return { rssKiB: rssKiB(target.pid) };
}

/**
 * Keeps `conversations` customers sending (each a message every 20 ms) and records every ack.
 * Once two acks per conversation have arrived it tells the parent to kill -9 the server, and
 * returns the acked messages once every socket has closed.
 */
async function killCheck(c: Extract<Command, { cmd: 'kill' }>) {
  const convs = await openMany(c.target, c.conversations);
  const acked: Array<{ conversationId: string; id: string }> = [];
  let sent = 0;
  let counter = 0;
  const closedAll = Promise.all(convs.map((x) => new Promise<void>((r) => x.ws.once('close', () => r()))));
  for (const x of convs) {
    x.ws.on('error', () => undefined);
    x.ws.on('message', (data) => {
      const f = JSON.parse(data.toString()) as { type: string; id?: string };
      if (f.type === 'ack' && f.id) acked.push({ conversationId: x.conversationId, id: f.id });
    });
  }
  const timer = setInterval(() => {
    for (const x of convs) {
      if (x.ws.readyState !== WebSocket.OPEN) continue;
      x.ws.send(JSON.stringify({ type: 'message', id: `k${counter++}`, text: c.texts[counter % c.texts.length] }));
      sent++;
    }
  }, 20);
  // Kill with turns in flight, once there is something to check: two acks per conversation (or 60 s).
  for (let waited = 0; acked.length < 2 * convs.length && waited < 60_000; waited += 50) await sleep(50);
  process.send!({ event: 'kill-now' });
  await Promise.race([closedAll, sleep(10_000)]);
  clearInterval(timer);
  return { sent, acked };
}

process.on('message', (msg: Command) => {
  const run = async () => {
    switch (msg.cmd) {
      case 'closed':
        return closedLoop(msg);
      case 'open':
        return openLoop(msg);
      case 'idle':
        return idle(msg);
      case 'kill':
        return killCheck(msg);
      case 'exit':
        process.exit(0);
    }
  };
  run().then(
    (result) => process.send!({ ok: true, result }),
    (err: unknown) => process.send!({ ok: false, error: err instanceof Error ? err.stack : String(err) }),
  );
});
process.send!({ event: 'ready' });
