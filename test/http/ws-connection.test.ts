import { EventEmitter } from 'node:events';
import pino from 'pino';
import type { WebSocket } from 'ws';
import { createConnection, type Connection, type ConnectionHooks } from '../../src/http/ws/connection';

/** Enough of a ws WebSocket for the connection: frames in, frames out, close. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  sent: string[] = [];
  closedWith: number | undefined;
  send(data: string) {
    this.sent.push(data);
  }
  close(code: number) {
    this.closedWith = code;
    this.readyState = 3;
    setImmediate(() => this.emit('close', code));
  }
  receive(frame: unknown) {
    this.emit('message', Buffer.from(JSON.stringify(frame)), false);
  }
  frames(): Array<Record<string, unknown>> {
    return this.sent.map((s) => JSON.parse(s) as Record<string, unknown>);
  }
}

type F = { type: string; n?: number };
const tick = () => new Promise((r) => setImmediate(r));
const log = pino({ level: 'silent' });

function hooks(over: Partial<ConnectionHooks<F, F>> = {}): ConnectionHooks<F, F> & { handled: F[]; tornDown: number } {
  const h = {
    handled: [] as F[],
    tornDown: 0,
    admit: (data: unknown) => ({ ok: true as const, frame: JSON.parse(String(data)) as F }),
    isHello: (f: F) => f.type === 'hello',
    beforeHello: (f: F, conn: Connection<F>) => conn.send({ type: 'early', n: f.n }),
    open: async () => {
      await tick();
    },
    handle: async (f: F) => {
      h.handled.push(f);
      await tick();
    },
    failed: (_err: unknown, _f: F | undefined, conn: Connection<F>) => conn.send({ type: 'failed' }),
    teardown: async () => {
      h.tornDown += 1;
    },
    ...over,
  };
  return h;
}

describe('connection: states and the inbound queue', () => {
  test('frames pipelined behind hello wait for the open and are handled in arrival order', async () => {
    const socket = new FakeSocket();
    const h = hooks();
    const conn = createConnection<F, F>({ socket: socket as unknown as WebSocket, log, hooks: h, hello: { timeoutMs: 10_000, onTimeout: () => undefined } });
    expect(conn.state).toBe('awaitingHello');
    socket.receive({ type: 'early', n: 0 });
    socket.receive({ type: 'hello' });
    socket.receive({ type: 'm', n: 1 });
    socket.receive({ type: 'm', n: 2 });
    await Promise.resolve();
    expect(conn.state).toBe('opening');
    expect(h.handled).toEqual([]);
    for (let i = 0; i < 10; i++) await tick();
    expect(conn.state).toBe('open');
    expect(h.handled.map((f) => f.n)).toEqual([1, 2]);
    expect(socket.frames()).toEqual([{ type: 'early', n: 0 }]);
    socket.close(1000);
    await tick();
    await tick();
    expect(conn.state).toBe('closed');
    expect(h.tornDown).toBe(1);
  });

  test('a failed open goes back to awaitingHello; frames queued behind it are refused as before hello', async () => {
    const socket = new FakeSocket();
    let attempts = 0;
    const h = hooks({
      open: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('storage down');
      },
    });
    const conn = createConnection<F, F>({ socket: socket as unknown as WebSocket, log, hooks: h, hello: { timeoutMs: 10_000, onTimeout: () => undefined } });
    socket.receive({ type: 'hello' });
    socket.receive({ type: 'm', n: 1 });
    for (let i = 0; i < 5; i++) await tick();
    expect(conn.state).toBe('awaitingHello');
    expect(socket.frames()).toEqual([{ type: 'failed' }, { type: 'early', n: 1 }]);
    socket.receive({ type: 'hello' });
    socket.receive({ type: 'm', n: 2 });
    for (let i = 0; i < 5; i++) await tick();
    expect(conn.state).toBe('open');
    expect(h.handled.map((f) => f.n)).toEqual([2]);
  });

  test('no hello in time: the timeout hook runs; timers die with the socket', async () => {
    jest.useFakeTimers();
    try {
      const socket = new FakeSocket();
      let timedOut = 0;
      let beats = 0;
      const conn = createConnection<F, F>({
        socket: socket as unknown as WebSocket,
        log,
        hooks: hooks(),
        hello: { timeoutMs: 1000, onTimeout: () => (timedOut += 1) },
      });
      conn.every(100, () => (beats += 1));
      jest.advanceTimersByTime(1000);
      expect(timedOut).toBe(1);
      expect(beats).toBe(10);
      socket.emit('close', 1000);
      jest.advanceTimersByTime(1000);
      expect(beats).toBe(10);
    } finally {
      jest.useRealTimers();
    }
  });

  test('a socket without hello opens at once and holds frames until it is open; teardown waits for the open', async () => {
    const socket = new FakeSocket();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const order: string[] = [];
    const h = hooks({
      open: async () => {
        await gate;
        order.push('opened');
      },
      teardown: async () => {
        order.push('teardown');
      },
    });
    const conn = createConnection<F, F>({ socket: socket as unknown as WebSocket, log, hooks: h });
    expect(conn.state).toBe('opening');
    socket.receive({ type: 'm', n: 1 });
    await tick();
    expect(h.handled).toEqual([]);
    release();
    for (let i = 0; i < 5; i++) await tick();
    expect(h.handled.map((f) => f.n)).toEqual([1]);
    socket.emit('close', 1000);
    for (let i = 0; i < 5; i++) await tick();
    expect(order).toEqual(['opened', 'teardown']);
    // Nothing is handled after the socket closed.
    socket.receive({ type: 'm', n: 2 });
    await tick();
    expect(h.handled.map((f) => f.n)).toEqual([1]);
  });

  test('frames sent in one tick leave together, in order, and nothing is sent after close', async () => {
    const socket = new FakeSocket();
    const conn = createConnection<F, F>({ socket: socket as unknown as WebSocket, log, hooks: hooks() });
    conn.send({ type: 'a' });
    conn.enqueue(() => conn.send({ type: 'b' }));
    conn.send({ type: 'c' });
    expect(socket.sent).toEqual([]);
    await tick();
    expect(socket.frames().map((f) => f.type)).toEqual(['a', 'c', 'b']);
    conn.close(1000, 'bye');
    conn.send({ type: 'late' });
    await tick();
    expect(socket.frames().map((f) => f.type)).toEqual(['a', 'c', 'b']);
  });
});
