/**
 * Issue 13, defect 4: limits per client address, not only per socket. One host can hold only
 * CLIENT_MAX_SOCKETS customer sockets and start CLIENT_NEW_CONVERSATIONS_PER_MINUTE conversations
 * (so it cannot open 200 chats, nor escalate 50 of them in seconds), and customer turns are taken
 * round-robin between addresses, so a host flooding with many sockets does not make others wait.
 * Two client addresses without a proxy: Linux routes all of 127/8 to loopback.
 */
import WebSocket from 'ws';
import type { ServerFrame } from '../../src/protocol/customer';
import { startTestApp, type TestApp } from '../helpers/app';
import { onlineSocket, signedIn } from '../http/agent-helpers';

jest.setTimeout(60_000);

const GOOD = '127.0.0.2';
const BAD = '127.0.0.3';

interface Client {
  ws: WebSocket;
  frames: ServerFrame[];
  closed: Promise<number>;
  waitFor(pred: (f: ServerFrame) => boolean, ms?: number): Promise<ServerFrame>;
}

function connect(t: TestApp, localAddress: string, hello: Record<string, unknown> | undefined = {}): Promise<Client> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(t.wsUrl, { localAddress });
    const frames: ServerFrame[] = [];
    const listeners = new Set<() => void>();
    ws.on('message', (d) => {
      frames.push(JSON.parse(d.toString()) as ServerFrame);
      for (const l of [...listeners]) l();
    });
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    const waitFor = (pred: (f: ServerFrame) => boolean, ms = 10_000) =>
      new Promise<ServerFrame>((res, rej) => {
        const check = () => {
          const f = frames.find(pred);
          if (!f) return;
          listeners.delete(check);
          clearTimeout(timer);
          res(f);
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          rej(new Error(`no such frame; got ${JSON.stringify(frames.slice(-3))}`));
        }, ms);
        listeners.add(check);
        check();
      });
    ws.once('open', () => {
      if (hello) ws.send(JSON.stringify({ type: 'hello', ...hello }));
      resolve({ ws, frames, closed, waitFor });
    });
    ws.once('error', reject);
  });
}

const refusedWith = (c: Client) => c.waitFor((f) => f.type === 'session' || f.type === 'error').then((f) => (f.type === 'error' ? f.code : 'session'));

describe('per-client limits', () => {
  let t: TestApp;
  afterEach(() => t?.close());

  it('one address holds at most CLIENT_MAX_SOCKETS sockets; another address is not affected; a closed one frees its place', async () => {
    t = await startTestApp({ clientMaxSockets: 5, clientNewConversationsPerMinute: 0, clientConnectionsPerMinute: 0 });
    const open = await Promise.all(Array.from({ length: 5 }, () => connect(t, BAD)));
    expect(await Promise.all(open.map(refusedWith))).toEqual(new Array(5).fill('session'));
    // Refused before the upgrade: no socket, and nothing the client would send is read.
    await expect(connect(t, BAD, undefined)).rejects.toThrow(/429/);
    const other = await connect(t, GOOD);
    expect(await refusedWith(other)).toBe('session');
    open[0]!.ws.close();
    await open[0]!.closed;
    await new Promise((r) => setTimeout(r, 100));
    expect(await refusedWith(await connect(t, BAD))).toBe('session');
    for (const c of open) c.ws.close();
    other.ws.close();
  });

  it('one address may attempt at most CLIENT_CONNECTIONS_PER_MINUTE upgrades, even closing each socket at once (a fresh-socket flood)', async () => {
    t = await startTestApp({ clientMaxSockets: 0, clientNewConversationsPerMinute: 0, clientConnectionsPerMinute: 5 });
    for (let i = 0; i < 5; i++) {
      const c = await connect(t, BAD, undefined);
      c.ws.close();
      await c.closed;
    }
    await expect(connect(t, BAD, undefined)).rejects.toThrow(/429/);
    const other = await connect(t, GOOD);
    expect(await refusedWith(other)).toBe('session');
    other.ws.close();
  });

  it('one address starts at most CLIENT_NEW_CONVERSATIONS_PER_MINUTE conversations; resuming is free, an unknown token counts as new', async () => {
    t = await startTestApp({ clientMaxSockets: 0, clientNewConversationsPerMinute: 3, clientConnectionsPerMinute: 0 });
    const first = await Promise.all(Array.from({ length: 3 }, () => connect(t, BAD)));
    expect(await Promise.all(first.map(refusedWith))).toEqual(['session', 'session', 'session']);
    const fourth = await connect(t, BAD);
    expect(await refusedWith(fourth)).toBe('TOO_MANY_CONVERSATIONS');
    expect(await fourth.closed).toBe(1008);
    const forged = await connect(t, BAD, { token: 'not-a-real-token' });
    expect(await refusedWith(forged)).toBe('TOO_MANY_CONVERSATIONS');
    const session = first[0]!.frames.find((f) => f.type === 'session') as Extract<ServerFrame, { type: 'session' }>;
    const resumed = await connect(t, BAD, { token: session.token, lastSeq: 0 });
    expect(await refusedWith(resumed)).toBe('session');
    expect(await refusedWith(await connect(t, GOOD))).toBe('session');
    for (const c of [...first, resumed]) c.ws.close();
  });

  it('turns are shared round-robin between addresses: a flood of 100 queued turns from one host does not make another wait behind it', async () => {
    t = await startTestApp({ clientMaxSockets: 0, clientNewConversationsPerMinute: 0, clientConnectionsPerMinute: 0, turnsInFlight: 1, rateLimitFrames: 1000 });
    const flood = await Promise.all(Array.from({ length: 20 }, () => connect(t, BAD)));
    await Promise.all(flood.map((c) => c.waitFor((f) => f.type === 'session')));
    const good = await connect(t, GOOD);
    await good.waitFor((f) => f.type === 'session');
    // Turns answered: distinct customer messages the bot replied to (a turn may send several messages).
    const answered = () => new Set(flood.flatMap((c) => c.frames.flatMap((f) => (f.type === 'message' && f.from === 'bot' && f.replyTo ? [f.replyTo] : [])))).size;
    flood.forEach((c, i) => {
      for (let k = 0; k < 5; k++) c.ws.send(JSON.stringify({ type: 'message', id: `f${i}-${k}`, text: 'how do I get a refund' }));
    });
    await new Promise((r) => setTimeout(r, 50));
    // Counted from the moment the quiet customer sends: a fast machine answers several flood turns
    // in the 50 ms before, which says nothing about fairness.
    const floodAnsweredAtSend = answered();
    good.ws.send(JSON.stringify({ type: 'message', id: 'g1', text: 'when is my next payment due' }));
    await good.waitFor((f) => f.type === 'message' && f.replyTo === 'g1', 30_000);
    const floodAnsweredMeanwhile = answered() - floodAnsweredAtSend;
    // Served in turn, the quiet customer waits for the flood turn running and at most one more, not
    // for the rest of the 100 it queued.
    // Enough of the flood still waiting that first-come-first-served would make it wait for 20 or more.
    expect(floodAnsweredAtSend).toBeLessThan(80);
    expect(floodAnsweredMeanwhile).toBeLessThan(6);
    await Promise.all(flood.map((c) => c.waitFor((f) => f.type === 'message' && f.replyTo === `f${flood.indexOf(c)}-4`, 60_000)));
    expect(answered()).toBe(100);
    for (const c of [...flood, good]) c.ws.close();
  });

  it('one address starts at most CLIENT_ESCALATIONS_PER_MINUTE hand-offs: the rest are recorded as unmet and answered, and another address still reaches the agent', async () => {
    t = await startTestApp({ clientMaxSockets: 0, clientNewConversationsPerMinute: 0, clientConnectionsPerMinute: 0, clientEscalationsPerMinute: 3 });
    const agent = await onlineSocket(t, await signedIn(t, 'Ada'));
    // Different ways of asking: the limit is on hand-offs, not on words.
    const asks = ['I want to talk to a person', 'human please', 'let me speak to an agent', 'can I talk to a real person', 'get me someone from support'];
    const bad: Client[] = [];
    for (const [i, text] of asks.entries()) {
      const c = await connect(t, BAD);
      await c.waitFor((f) => f.type === 'session');
      c.ws.send(JSON.stringify({ type: 'message', id: `b${i}`, text }));
      // Every one is answered: no customer is left in silence, limited or not.
      await c.waitFor((f) => f.type === 'message' && f.from === 'bot' && f.replyTo === `b${i}`);
      bad.push(c);
    }
    const byStatus = async () => {
      const all = await t.storage.listEscalations();
      return { queued: all.filter((e) => e.status === 'queued').length, unmet: all.filter((e) => e.status === 'unmet').length };
    };
    expect(await byStatus()).toEqual({ queued: 3, unmet: 2 });
    const good = await connect(t, GOOD);
    await good.waitFor((f) => f.type === 'session');
    good.ws.send(JSON.stringify({ type: 'message', id: 'g1', text: 'I want to talk to a person' }));
    await good.waitFor((f) => f.type === 'message' && f.from === 'bot' && f.replyTo === 'g1');
    const session = good.frames.find((f) => f.type === 'session') as Extract<ServerFrame, { type: 'session' }>;
    const goods = await t.storage.listEscalations({ conversationId: session.conversationId });
    expect(goods.map((e) => e.status)).toEqual(['queued']);
    for (const c of [...bad, good]) c.ws.close();
    await agent.close();
  });
});
