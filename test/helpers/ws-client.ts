import WebSocket from 'ws';
import type { ClientFrame, ServerFrame } from '../../src/protocol/customer';

/** A real `ws` client that records every frame and lets a test wait for the one it expects. */
export class ChatClient {
  readonly frames: ServerFrame[] = [];
  private waiters: Array<{ pred: (f: ServerFrame) => boolean; resolve: (f: ServerFrame) => void; from: number }> = [];
  closed: { code: number; reason: string } | undefined;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as ServerFrame;
      this.frames.push(frame);
      const index = this.frames.length - 1;
      this.waiters = this.waiters.filter((w) => {
        if (index >= w.from && w.pred(frame)) {
          w.resolve(frame);
          return false;
        }
        return true;
      });
    });
    socket.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
    });
  }

  static connect(url: string, headers?: Record<string, string>): Promise<ChatClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      const client = new ChatClient(ws);
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
    });
  }

  send(frame: ClientFrame | Record<string, unknown>): void {
    this.socket.send(JSON.stringify(frame));
  }

  sendRaw(data: string | Buffer): void {
    this.socket.send(data);
  }

  /** Resolves with the first frame (received after `fromIndex`, default: any) matching `pred`. */
  waitFor<T extends ServerFrame>(pred: (f: ServerFrame) => boolean, timeoutMs = 5000, fromIndex = 0): Promise<T> {
    const existing = this.frames.slice(fromIndex).find(pred);
    if (existing) return Promise.resolve(existing as T);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`timed out waiting for a frame; got ${JSON.stringify(this.frames.slice(-5))}`));
      }, timeoutMs);
      this.waiters.push({
        pred,
        from: fromIndex,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f as T);
        },
      });
    });
  }

  messages() {
    return this.frames.filter((f): f is Extract<ServerFrame, { type: 'message' }> => f.type === 'message');
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.readyState === WebSocket.CLOSED) return resolve();
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}

/** Opens a socket and says hello; resolves once the session frame arrived. */
export async function startChat(wsUrl: string, hello: Record<string, unknown> = {}) {
  const client = await ChatClient.connect(wsUrl);
  client.send({ type: 'hello', ...hello });
  const session = await client.waitFor<Extract<ServerFrame, { type: 'session' }>>((f) => f.type === 'session');
  return { client, session };
}
