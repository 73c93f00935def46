/**
 * Issue 13, defect 7: a frozen or half-open client is noticed. Both sockets ping every
 * HEARTBEAT_MS; a socket that has not answered (pong or any frame) by the next ping is dropped.
 * A dropped agent console then counts as gone, and its chats go back to the queue after the grace
 * period. Real `ws` clients with automatic pong turned off play the frozen console and widget.
 */
import WebSocket from 'ws';
import { startTestApp, type TestApp } from '../helpers/app';
import { startChat } from '../helpers/ws-client';
import { AgentClient, addAgent, login, rest, type LoggedIn } from '../http/agent-helpers';

jest.setTimeout(60_000);

const HEARTBEAT_MS = 300;

/** A socket that never answers pings (a frozen tab, a half-open connection); resolves with its close time. */
function frozenSocket(url: string, headers: Record<string, string> = {}): Promise<{ ws: WebSocket; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers, autoPong: false });
    const closed = new Promise<number>((r) => ws.once('close', () => r(Date.now())));
    ws.once('open', () => resolve({ ws, closed }));
    ws.once('error', reject);
  });
}

describe('heartbeat', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ heartbeatMs: HEARTBEAT_MS, agentGraceSeconds: 1 }, { availability: { check: async () => ({ available: true }) } });
  });
  afterAll(() => t.close());

  it('drops a customer socket that stops answering pings, and keeps one that answers', async () => {
    const frozen = await frozenSocket(t.wsUrl);
    frozen.ws.send(JSON.stringify({ type: 'hello' }));
    const healthy = await startChat(t.wsUrl);
    const opened = Date.now();
    const closedAt = await frozen.closed;
    expect(closedAt - opened).toBeLessThan(HEARTBEAT_MS * 6);
    await new Promise((r) => setTimeout(r, HEARTBEAT_MS * 4));
    expect(healthy.client.socket.readyState).toBe(WebSocket.OPEN);
    await healthy.client.close();
  });

  it('a frozen agent console is dropped, and its chat goes back to the queue after the grace period', async () => {
    const ada: LoggedIn = await login(t, (await addAgent(t, 'Ada')).email);
    const bob: LoggedIn = await login(t, (await addAgent(t, 'Bob')).email);
    const watcher = await AgentClient.connect(t, bob);
    await watcher.waitFor('hello');
    const console = await frozenSocket(`${t.url.replace(/^http/, 'ws')}/ws/agent`, { cookie: ada.cookie, origin: t.url });
    console.ws.send(JSON.stringify({ type: 'presence', status: 'online' }));
    await watcher.waitFor('agents', (f) => f.agents.some((a) => a.id === ada.agent.id && a.status === 'online'));
    const { client, session } = await startChat(t.wsUrl);
    client.send({ type: 'message', id: 'h1', text: 'I want to talk to a person' });
    await watcher.waitFor('queue', (f) => f.entries.some((e) => e.conversationId === session.conversationId), 10_000);
    expect((await rest(t, ada, 'POST', `/api/conversations/${session.conversationId}/claim`)).status).toBe(200);

    // The claim takes it out of the queue Bob sees.
    const inQueue = (f: (typeof watcher.frames)[number]) => f.type === 'queue' && f.entries.some((e) => e.conversationId === session.conversationId);
    const afterClaim = watcher.frames.length;
    const poll = async (found: () => number, what: string): Promise<number> => {
      const end = Date.now() + 15_000;
      for (;;) {
        const i = found();
        if (i >= 0) return i;
        if (Date.now() > end) throw new Error(what);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const claimedAt = await poll(
      () => watcher.frames.findIndex((f, i) => i >= afterClaim && f.type === 'queue' && !inQueue(f)),
      'the claim never left the queue',
    );
    // The console freezes: it still holds the TCP connection but answers nothing.
    await console.closed;
    // After AGENT_GRACE_SECONDS the chat is queued again for someone else.
    const deadline = Date.now() + 15_000;
    while (!watcher.frames.slice(claimedAt).some(inQueue)) {
      if (Date.now() > deadline) throw new Error('the frozen console kept its chat');
      await new Promise((r) => setTimeout(r, 100));
    }
    await client.close();
    await watcher.close();
  });
});
