import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { hashPassword } from '../../src/http/auth/password';
import type { AgentServerFrame, SessionInfo } from '../../src/protocol/agent';
import type { AgentRole } from '../../src/storage/handoff';
import type { TestApp } from '../helpers/app';
import { startChat } from '../helpers/ws-client';

export const PASSWORD = 'correct horse battery staple';

export interface LoggedIn extends SessionInfo {
  cookie: string;
}

export async function addAgent(t: TestApp, name: string, role: AgentRole = 'agent', capacity = 3) {
  return t.storage.handoff.createAgent({
    id: `agent_${randomUUID()}`,
    email: `${name.toLowerCase()}-${randomUUID().slice(0, 6)}@desk.example`,
    name,
    role,
    capacity,
    passwordHash: await hashPassword(PASSWORD),
  });
}

export async function login(t: TestApp, email: string, password = PASSWORD): Promise<LoggedIn> {
  const res = await fetch(`${t.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  return { ...((await res.json()) as SessionInfo), cookie };
}

/** A new account with `role`, logged in. */
export async function signedIn(t: TestApp, name: string, role: AgentRole = 'agent'): Promise<LoggedIn> {
  return login(t, (await addAgent(t, name, role)).email);
}

/** A real agent socket that records frames and waits for the one a test expects. */
export class AgentClient {
  readonly frames: AgentServerFrame[] = [];
  closed: { code: number } | undefined;
  private waiters: Array<{ pred: (f: AgentServerFrame) => boolean; resolve: (f: AgentServerFrame) => void }> = [];
  private closeWaiters: Array<(code: number) => void> = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as AgentServerFrame;
      this.frames.push(frame);
      this.waiters = this.waiters.filter((w) => (w.pred(frame) ? (w.resolve(frame), false) : true));
    });
    socket.on('close', (code) => {
      this.closed = { code };
      for (const w of this.closeWaiters) w(code);
    });
  }

  static connect(t: TestApp, who: { cookie: string }, origin = t.url): Promise<AgentClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${t.url.replace(/^http/, 'ws')}/ws/agent`, { headers: { cookie: who.cookie, origin } });
      const client = new AgentClient(ws);
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  send(frame: Record<string, unknown>): void {
    this.socket.send(JSON.stringify(frame));
  }

  waitFor<T extends AgentServerFrame['type']>(
    type: T,
    pred: (f: Extract<AgentServerFrame, { type: T }>) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<Extract<AgentServerFrame, { type: T }>> {
    const match = (f: AgentServerFrame) => f.type === type && pred(f as Extract<AgentServerFrame, { type: T }>);
    const found = this.frames.find(match);
    if (found) return Promise.resolve(found as Extract<AgentServerFrame, { type: T }>);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} frame; last: ${JSON.stringify(this.frames.slice(-4))}`)), timeoutMs);
      this.waiters.push({
        pred: match,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f as Extract<AgentServerFrame, { type: T }>);
        },
      });
    });
  }

  waitClosed(timeoutMs = 5000): Promise<number> {
    if (this.closed) return Promise.resolve(this.closed.code);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('socket not closed')), timeoutMs);
      this.closeWaiters.push((code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.readyState === WebSocket.CLOSED) return resolve();
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}

/**
 * A REST call as the console makes it: the session cookie and its CSRF token when `who` is given,
 * nobody's when undefined. Answers the status and the parsed JSON body.
 */
export async function rest<T = Record<string, unknown>>(
  t: TestApp,
  who: LoggedIn | undefined,
  method: string,
  path: string,
  body?: unknown,
  opts: { csrf?: boolean } = {},
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (who) headers.cookie = who.cookie;
  if (who && opts.csrf !== false) headers['x-csrf-token'] = who.csrfToken;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${t.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as T };
}

/** `who`'s agent socket, once the server has them online (presence sent and confirmed). */
export async function onlineSocket(t: TestApp, who: LoggedIn): Promise<AgentClient> {
  const socket = await AgentClient.connect(t, who);
  await socket.waitFor('hello');
  socket.send({ type: 'presence', status: 'online' });
  await socket.waitFor('agents', (f) => f.agents.some((a) => a.id === who.agent.id && a.status === 'online'));
  return socket;
}

/**
 * A new customer who asks for a person (message `askId`), claimed by `who` over REST (their
 * `socket` online); resolves once the customer sees the agent.
 */
export async function claimedChat(t: TestApp, who: LoggedIn, socket: AgentClient, askId = 'ask-1') {
  const chat = await startChat(t.wsUrl);
  chat.client.send({ type: 'message', id: askId, text: 'I want to talk to a person' });
  await socket.waitFor('queue', (f) => f.entries.some((e) => e.conversationId === chat.session.conversationId), 10_000);
  const claim = await rest(t, who, 'POST', `/api/conversations/${chat.session.conversationId}/claim`);
  if (claim.status !== 200) throw new Error(`claim failed: ${claim.status} ${JSON.stringify(claim.body)}`);
  await chat.client.waitFor((f) => f.type === 'status' && f.state === 'agent', 10_000);
  return chat;
}
