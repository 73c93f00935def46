import type { Duplex } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import type { RateLimiter } from './rate-limit';

/**
 * Where a socket is in its life. `awaitingHello`: only a hello may open the session (the customer
 * socket; the agent socket is authenticated at the upgrade and starts in `opening`). `opening`: the
 * session is being set up; frames that arrive meanwhile wait in the inbound queue. `open`: frames
 * are handled one at a time in arrival order. `closing`: the socket closed or is closing; queued
 * frames are dropped and the session is torn down. `closed`: torn down.
 */
export type ConnectionState = 'awaitingHello' | 'opening' | 'open' | 'closing' | 'closed';

/** What admission made of one raw frame: a frame to queue, or a refusal already answered. */
export type Admission<F> = { ok: true; frame: F } | { ok: false; close?: { code: number; reason: string } };

/** The parts that differ between socket kinds; the connection calls them, never the socket. */
export interface ConnectionHooks<F, O> {
  /**
   * Per-frame admission, at arrival and before queuing: rate limits, size, decoding. A refused
   * frame is answered here (with `conn.send`) and never queued; `close` also closes the socket.
   */
  admit(data: RawData, isBinary: boolean, conn: Connection<O>): Admission<F>;
  /** Whether `frame` opens the session (only asked in `awaitingHello`). */
  isHello?(frame: F): boolean;
  /** Answers a frame that arrived before the session opened (in `awaitingHello`). */
  beforeHello?(frame: F, conn: Connection<O>): void;
  /**
   * Sets the session up: `opening` → `open`. Called with the hello frame, or with nothing for a
   * socket that opens at connect. Throwing goes back to `awaitingHello` (so the client may say
   * hello again) or, for a socket without hello, closes it with 1011.
   */
  open(hello: F | undefined, conn: Connection<O>): Promise<void>;
  /** Handles one frame while `open`; the next frame waits until this resolves. */
  handle(frame: F, conn: Connection<O>): Promise<void>;
  /** A hook threw for `frame` (undefined: while opening without hello); logged by the connection. */
  failed(err: unknown, frame: F | undefined, conn: Connection<O>): void;
  /** Releases what `open` took (subscriptions, presence); runs once, after the socket closed. */
  teardown(conn: Connection<O>): Promise<void>;
}

export interface ConnectionOptions<F, O> {
  socket: WebSocket;
  log: FastifyBaseLogger;
  hooks: ConnectionHooks<F, O>;
  /** Start in `awaitingHello` and close with `onHelloTimeout` when no hello came in time. */
  hello?: { timeoutMs: number; onTimeout(conn: Connection<O>): void };
  /**
   * Ping every this many ms; a socket that answered nothing (no pong, no frame) since the last
   * ping is dropped, so a frozen or half-open client is noticed (its teardown runs, as for a
   * close). 0 or absent: no heartbeat.
   * @example { heartbeatMs: 30_000 }
   */
  heartbeatMs?: number;
}

/** The handle the socket kinds use: state, ordered output, timers, closing. */
export interface Connection<O> {
  readonly state: ConnectionState;
  readonly log: FastifyBaseLogger;
  /** Queues `frame` for the socket; frames sent in one tick leave in one write. */
  send(frame: O): void;
  /**
   * Runs `task` after every task queued before it (frames leave in the order tasks produce them);
   * a task that throws is logged and does not stop later ones.
   */
  enqueue(task: () => Promise<void> | void): void;
  /** A one-off timer cleared when the connection closes. Returns its cancel function. */
  after(ms: number, fn: () => void): () => void;
  /** A repeating timer (e.g. a heartbeat) cleared when the connection closes. */
  every(ms: number, fn: () => void): () => void;
  /** Sends what is pending and closes the socket; no further frame is handled. */
  close(code: number, reason: string): void;
  /** True once the socket is closing or closed (a long step can stop early). */
  readonly closed: boolean;
}

/**
 * The checks every socket kind makes before decoding: the frame budget (`limiter`) and text only.
 * Answers a refused frame with `errorOf(code, detail)`; a flooding client is closed with 1008.
 * @example const raw = admitRaw(limiter, data, isBinary, conn, agentError); if (!raw.ok) return raw;
 */
export function admitRaw<O>(
  limiter: RateLimiter,
  data: RawData,
  isBinary: boolean,
  conn: Connection<O>,
  errorOf: (code: 'RATE_LIMITED' | 'BAD_FRAME', detail?: string) => O,
): { ok: true; text: string; bytes: number } | { ok: false; close?: { code: number; reason: string } } {
  if (!limiter.take()) {
    conn.send(errorOf('RATE_LIMITED'));
    return limiter.abusive() ? { ok: false, close: { code: 1008, reason: 'too many frames' } } : { ok: false };
  }
  if (isBinary) {
    conn.send(errorOf('BAD_FRAME', 'binary frames are not accepted'));
    return { ok: false };
  }
  const bytes = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.byteLength;
  return { ok: true, text: data.toString(), bytes };
}

/** The TCP socket under a `ws` WebSocket, to batch several frames into one write. */
function rawSocketOf(socket: WebSocket): Duplex | undefined {
  const raw = (socket as unknown as { _socket?: Duplex })._socket;
  return raw && typeof raw.cork === 'function' ? raw : undefined;
}

/**
 * One socket's connection: explicit states (see {@link ConnectionState}), an inbound queue taken
 * one frame at a time in arrival order, an ordered outbox, and timers that die with the socket.
 * A frame pipelined right after `hello` (same tick) waits in the queue and is handled once the
 * session is open, instead of being refused.
 *
 * Where things go: per-frame limits in `hooks.admit`; periodic work (heartbeats) with
 * `conn.every` from `hooks.open`; per-session cleanup in `hooks.teardown`.
 * @example
 * createConnection({ socket, log, hello: { timeoutMs: 10_000, onTimeout: (c) => c.close(1008, 'no hello') },
 *   hooks: { admit, isHello: (f) => f.type === 'hello', beforeHello, open, handle, failed, teardown } });
 */
export function createConnection<F, O>(opts: ConnectionOptions<F, O>): Connection<O> {
  const { socket, log, hooks } = opts;
  let state: ConnectionState = opts.hello ? 'awaitingHello' : 'opening';
  const inbox: F[] = [];
  let pumping = false;
  const timers = new Set<() => void>();
  let pending: string[] = [];
  let flushScheduled = false;
  let outbox: Promise<void> = Promise.resolve();

  function flush(): void {
    flushScheduled = false;
    if (pending.length === 0) return;
    const frames = pending;
    pending = [];
    if (socket.readyState !== socket.OPEN) return;
    // ws writes each frame on its own; corked, the frames of one turn (ack, messages, status)
    // leave the process in one write.
    const raw = rawSocketOf(socket);
    raw?.cork();
    try {
      for (const f of frames) socket.send(f);
    } finally {
      raw?.uncork();
    }
  }

  /** Keeps a timer's clear function until it fires or the socket closes; returns its cancel. */
  function track(clear: () => void): () => void {
    const cancel = () => {
      clear();
      timers.delete(cancel);
    };
    timers.add(cancel);
    return cancel;
  }

  const conn: Connection<O> = {
    get state() {
      return state;
    },
    get closed() {
      return state === 'closing' || state === 'closed';
    },
    log,
    send(frame) {
      if (socket.readyState !== socket.OPEN) return;
      pending.push(JSON.stringify(frame));
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(flush);
      }
    },
    enqueue(task) {
      outbox = outbox.then(task).catch((err: unknown) => log.error({ err }, 'socket send failed'));
    },
    after(ms, fn) {
      const t = setTimeout(() => {
        cancel();
        fn();
      }, ms);
      const cancel = track(() => clearTimeout(t));
      return cancel;
    },
    every(ms, fn) {
      const t = setInterval(fn, ms);
      return track(() => clearInterval(t));
    },
    close(code, reason) {
      flush();
      if (!conn.closed) state = 'closing';
      socket.close(code, reason);
    },
  };

  /** Settles when the last `open` attempt did; teardown waits for it. */
  let opening: Promise<void> = Promise.resolve();
  function openWith(hello: F | undefined): Promise<void> {
    opening = runOpen(hello);
    return opening;
  }
  async function runOpen(hello: F | undefined): Promise<void> {
    state = 'opening';
    try {
      await hooks.open(hello, conn);
      if (state === 'opening') state = 'open';
    } catch (err) {
      hooks.failed(err, hello, conn);
      if (state !== 'opening') return;
      if (opts.hello) state = 'awaitingHello';
      else conn.close(1011, 'setup failed');
    }
  }

  async function dispatch(frame: F): Promise<void> {
    if (state === 'awaitingHello') {
      if (hooks.isHello?.(frame)) {
        cancelHelloTimer?.();
        return openWith(frame);
      }
      return hooks.beforeHello?.(frame, conn);
    }
    if (state === 'open') return hooks.handle(frame, conn);
  }

  async function pump(): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      // In `opening` (a socket without hello still setting up) frames wait; openWith pumps after.
      while (inbox.length > 0 && (state === 'awaitingHello' || state === 'open')) {
        const frame = inbox.shift()!;
        try {
          await dispatch(frame);
        } catch (err) {
          hooks.failed(err, frame, conn);
        }
      }
    } finally {
      pumping = false;
    }
  }

  const cancelHelloTimer = opts.hello
    ? conn.after(opts.hello.timeoutMs, () => {
        if (state === 'awaitingHello') opts.hello!.onTimeout(conn);
      })
    : undefined;

  // Heartbeat: any pong or frame is a sign of life; none between two pings and the socket is gone.
  let answered = true;
  if (opts.heartbeatMs && opts.heartbeatMs > 0) {
    socket.on('pong', () => {
      answered = true;
    });
    conn.every(opts.heartbeatMs, () => {
      if (conn.closed) return;
      if (!answered) {
        log.info({ heartbeatMs: opts.heartbeatMs }, 'socket did not answer the heartbeat; dropping it');
        socket.terminate();
        return;
      }
      answered = false;
      socket.ping();
    });
  }

  socket.on('message', (data, isBinary) => {
    answered = true;
    if (conn.closed) return;
    const admitted = hooks.admit(data, isBinary, conn);
    if (!admitted.ok) {
      if (admitted.close) conn.close(admitted.close.code, admitted.close.reason);
      return;
    }
    inbox.push(admitted.frame);
    void pump();
  });

  socket.on('close', () => {
    state = 'closing';
    inbox.length = 0;
    for (const cancel of [...timers]) cancel();
    pending = [];
    // Teardown waits for a running open and the queued output tasks, so what they took
    // (a subscription made after the client left) is released too.
    void Promise.all([opening, outbox])
      .then(() => hooks.teardown(conn))
      .catch((err: unknown) => log.error({ err }, 'socket teardown failed'))
      .finally(() => {
        state = 'closed';
      });
  });

  if (!opts.hello) void openWith(undefined).then(pump);
  return conn;
}
