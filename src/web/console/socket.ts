/**
 * The agent socket (`/ws/agent`) with automatic reconnects (back-off with jitter). The session
 * cookie goes with the upgrade; close code 4001 means the session ended (logged out elsewhere or
 * expired) and stops reconnecting.
 */
import type { AgentClientFrame, AgentServerFrame } from '../../protocol/agent';
import { backoffDelay } from '../widget/backoff';

export type SocketState = 'connecting' | 'open' | 'waiting' | 'closed';

export interface AgentSocketOptions {
  url: string;
  onFrame(frame: AgentServerFrame): void;
  onState(state: SocketState): void;
  /** The server ended the session (close code 4001) or refused the origin (4003). */
  onSessionEnded(code: number, reason: string): void;
  /**
   * The socket dropped (or never opened) for another reason. A refused upgrade (expired session)
   * looks the same to the browser, so the console checks its session here.
   */
  onDropped?(): void;
}

export function createAgentSocket(opts: AgentSocketOptions) {
  let ws: WebSocket | null = null;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let wanted = false;
  let state: SocketState = 'closed';

  function setState(s: SocketState) {
    if (s !== state) {
      state = s;
      opts.onState(s);
    }
  }

  function open() {
    clearTimeout(timer);
    if (!wanted) return;
    setState('connecting');
    const socket = new WebSocket(opts.url);
    ws = socket;
    socket.onopen = () => {
      attempt = 0;
      setState('open');
    };
    socket.onmessage = (ev: MessageEvent) => {
      if (typeof ev.data !== 'string') return;
      try {
        const frame = JSON.parse(ev.data) as AgentServerFrame;
        if (frame && typeof frame.type === 'string') opts.onFrame(frame);
      } catch {
        /* ignore a malformed frame */
      }
    };
    socket.onclose = (ev: CloseEvent) => {
      socket.onopen = socket.onmessage = socket.onclose = null;
      if (ws === socket) ws = null;
      if (ev.code === 4001 || ev.code === 4003 || ev.code === 1008) {
        wanted = false;
        setState('closed');
        opts.onSessionEnded(ev.code, ev.reason);
        return;
      }
      if (!wanted) return setState('closed');
      setState('waiting');
      opts.onDropped?.();
      timer = setTimeout(open, backoffDelay(attempt++));
    };
  }

  const retryNow = () => {
    if (wanted && state === 'waiting') open();
  };
  addEventListener('online', retryNow);

  return {
    get state(): SocketState {
      return state;
    },
    connect(): void {
      wanted = true;
      if (state === 'closed' || state === 'waiting') open();
    },
    /** Sends if open; false when the frame could not go out (the caller tells the agent). */
    send(frame: AgentClientFrame): boolean {
      if (!ws || ws.readyState !== WebSocket.OPEN) return false;
      ws.send(JSON.stringify(frame));
      return true;
    },
    close(): void {
      wanted = false;
      clearTimeout(timer);
      removeEventListener('online', retryNow);
      if (ws) {
        ws.onclose = null;
        ws.close(1000);
        ws = null;
      }
      setState('closed');
    },
  };
}

export type AgentSocket = ReturnType<typeof createAgentSocket>;
