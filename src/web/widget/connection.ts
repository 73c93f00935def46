import type { ClientFrame, ServerFrame } from '../../protocol/customer';
import { backoffDelay } from './backoff';

export type ConnectionState = 'idle' | 'connecting' | 'open' | 'waiting';

export interface ConnectionOptions {
  /** ws:// or wss:// URL of the customer socket. */
  url: string;
  /** The socket opened: send hello now. */
  onOpen(): void;
  onFrame(frame: ServerFrame): void;
  onStateChange(state: ConnectionState): void;
}

/**
 * One customer socket that reconnects by itself: exponential back-off with jitter (0.5 s → 10 s),
 * immediately when the browser comes back online or the tab becomes visible again while waiting.
 * Knows nothing about the conversation; the widget decides what to send on open.
 */
export function createConnection(opts: ConnectionOptions) {
  let ws: WebSocket | null = null;
  let state: ConnectionState = 'idle';
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let wanted = false;

  function setState(next: ConnectionState) {
    if (next === state) return;
    state = next;
    opts.onStateChange(next);
  }

  function detach(socket: WebSocket) {
    socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
  }

  function open() {
    clearTimeout(timer);
    timer = undefined;
    if (!wanted) return;
    setState('connecting');
    let socket: WebSocket;
    try {
      socket = new WebSocket(opts.url);
    } catch {
      scheduleRetry();
      return;
    }
    ws = socket;
    socket.onopen = () => {
      setState('open');
      opts.onOpen();
    };
    socket.onmessage = (ev: MessageEvent) => {
      if (typeof ev.data !== 'string') return;
      let frame: unknown;
      try {
        frame = JSON.parse(ev.data);
      } catch {
        return;
      }
      if (frame && typeof frame === 'object' && typeof (frame as { type?: unknown }).type === 'string') {
        opts.onFrame(frame as ServerFrame);
      }
    };
    socket.onclose = () => {
      detach(socket);
      if (ws === socket) ws = null;
      scheduleRetry();
    };
    socket.onerror = () => {
      /* a close event follows */
    };
  }

  function scheduleRetry() {
    if (!wanted) {
      setState('idle');
      return;
    }
    setState('waiting');
    timer = setTimeout(open, backoffDelay(attempt));
    attempt++;
  }

  function retryNow() {
    if (wanted && state === 'waiting') open();
  }

  const onVisible = () => {
    if (document.visibilityState === 'visible') retryNow();
  };
  addEventListener('online', retryNow);
  document.addEventListener('visibilitychange', onVisible);

  return {
    get state(): ConnectionState {
      return state;
    },
    /** Starts connecting unless already connected or connecting. */
    connect(): void {
      wanted = true;
      if (state === 'idle' || state === 'waiting') open();
    },
    /** Attempts that failed since the last healthy session (0 while all is well). */
    get failures(): number {
      return attempt;
    },
    /** Connects now instead of waiting out the back-off (the customer pressed "Try again"). */
    retryNow,
    /** The session is up: the next failure starts back-off from the shortest delay again. */
    healthy(): void {
      attempt = 0;
    },
    /** Sends a frame if the socket is open; returns false otherwise (the caller keeps it for later). */
    send(frame: ClientFrame): boolean {
      if (!ws || ws.readyState !== WebSocket.OPEN) return false;
      ws.send(JSON.stringify(frame));
      return true;
    },
    /** Drops the current socket (ignoring its late events) and opens a new one at once. */
    restart(): void {
      wanted = true;
      attempt = 0;
      if (ws) {
        detach(ws);
        ws.close(1000);
        ws = null;
      }
      open();
    },
    /** Closes for good (the widget was destroyed). */
    stop(): void {
      wanted = false;
      clearTimeout(timer);
      removeEventListener('online', retryNow);
      document.removeEventListener('visibilitychange', onVisible);
      if (ws) {
        detach(ws);
        ws.close(1000);
        ws = null;
      }
      setState('idle');
    },
  };
}

export type Connection = ReturnType<typeof createConnection>;
