import WebSocket from 'ws';
import type { ClientFrame, ServerFrame } from '../protocol/customer';

/**
 * A customer socket as the widget uses it (docs/protocol.md), for the conversation runner: it
 * records every frame in arrival order and lets the runner wait for the one it needs.
 */
export class CustomerClient {
  readonly frames: ServerFrame[] = [];
  private waiters: Array<{ pred: (f: ServerFrame) => boolean; resolve: (f: ServerFrame) => void }> = [];
  private lastFrameAt = Date.now();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      let frame: ServerFrame;
      try {
        frame = JSON.parse(data.toString()) as ServerFrame;
      } catch {
        frame = { type: 'error', code: 'NOT_JSON', message: data.toString().slice(0, 200), retryable: false } as ServerFrame;
      }
      this.frames.push(frame);
      this.lastFrameAt = Date.now();
      this.waiters = this.waiters.filter((w) => (w.pred(frame) ? (w.resolve(frame), false) : true));
    });
  }

  /** Opens the socket; `origin` is sent as the Origin header (the server may check it). */
  static connect(url: string, origin?: string): Promise<CustomerClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, origin ? { headers: { origin } } : {});
      const client = new CustomerClient(ws);
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`the chat socket refused the upgrade: HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  send(frame: ClientFrame): void {
    this.socket.send(JSON.stringify(frame));
  }

  /** The first frame from index `from` on that matches, waiting up to `timeoutMs`. */
  waitFor(pred: (f: ServerFrame) => boolean, timeoutMs: number, what: string, from = 0): Promise<ServerFrame> {
    const found = this.frames.slice(from).find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(new Error(`no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = (f: ServerFrame) => {
        clearTimeout(timer);
        resolve(f);
      };
      this.waiters.push({ pred, resolve: done });
    });
  }

  /** Resolves once no frame has arrived for `quietMs` (at most `maxMs`). */
  async quiet(quietMs: number, maxMs: number): Promise<void> {
    const until = Date.now() + maxMs;
    for (;;) {
      const idle = Date.now() - this.lastFrameAt;
      if (idle >= quietMs || Date.now() >= until) return;
      await new Promise((r) => setTimeout(r, quietMs - idle));
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.readyState === WebSocket.CLOSED) return resolve();
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}
