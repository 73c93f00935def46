/**
 * Issue 13, defect 9 and the ownership matrix: every REST route (read from fastify's route tree, so
 * a route added later fails this test until it has an entry in POLICY) × every caller (anonymous,
 * customer A and B, an agent who owns chat A, an agent who owns nothing, an operator, an admin),
 * and every agent-socket action (typed against the protocol's frame union, so a new action fails
 * to compile until it has an entry) × the same people, over the real app.
 */
import type { AgentClientFrame } from '../../src/protocol/agent';
import { startTestApp, type TestApp } from '../helpers/app';
import { routeTable } from '../helpers/route-table';
import { ChatClient, startChat } from '../helpers/ws-client';
import { AgentClient, addAgent, login, type LoggedIn } from '../http/agent-helpers';

jest.setTimeout(120_000);

/**
 * Who may call a route:
 * - `public`: anyone (pages, the widget's routes, health, login);
 * - `token`: a customer, with their conversation's token in the body (only that conversation);
 * - `metrics`: the METRICS_TOKEN bearer, nobody's session;
 * - `agent` / `operator` / `admin`: a session of at least that role (401 without, 403 below);
 * - `chat`: an agent on a chat they own, operators and admins on any; an agent learns nothing
 *   about another's chat (403 whether it exists or not);
 * - `owner`: only the agent who holds the chat (speaking in it), whatever their role.
 */
type Access = 'public' | 'token' | 'metrics' | 'agent' | 'operator' | 'admin' | 'chat' | 'owner';
interface Rule {
  access: Access;
  /** The allowed case starts expensive work (a retrain, a test run): only the refusals are asserted here; its own tests cover it. */
  skipAllowed?: boolean;
}

const POLICY: Record<string, Rule> = {
  'GET /': { access: 'public' },
  'GET /orders.html': { access: 'public' },
  'GET /widget.js': { access: 'public' },
  'GET /favicon.svg': { access: 'public' },
  'GET /favicon.ico': { access: 'public' },
  'GET /console': { access: 'public' },
  'GET /console/': { access: 'public' },
  'GET /console.js': { access: 'public' },
  'GET /console.css': { access: 'public' },
  'GET /help': { access: 'public' },
  'GET /help/:id': { access: 'public' },
  'GET /health': { access: 'public' },
  'GET /ready': { access: 'public' },
  'GET /metrics': { access: 'metrics' },
  // The API reference page and the OpenAPI document (docs/api.md): they describe the routes, never data.
  'GET /docs': { access: 'public' },
  'GET /docs/': { access: 'public' },
  'GET /docs/json': { access: 'public' },
  'GET /docs/yaml': { access: 'public' },
  'GET /docs/static/index.html': { access: 'public' },
  'GET /docs/static/swagger-initializer.js': { access: 'public' },
  'GET /docs/*': { access: 'public' },
  'GET /docs/static/theme/accessible.css': { access: 'public' },
  'GET /ws/chat': { access: 'public' },
  'GET /ws/agent': { access: 'agent' },
  'POST /api/nlu/parse': { access: 'public' },
  'GET /api/articles': { access: 'public' },
  'GET /api/chat/features': { access: 'public' },
  'POST /api/chat/transcript': { access: 'token' },
  'POST /api/auth/login': { access: 'public' },
  'POST /api/auth/logout': { access: 'agent' },
  'GET /api/auth/me': { access: 'agent' },
  'GET /api/agents': { access: 'agent' },
  'GET /api/queue': { access: 'agent' },
  'GET /api/conversations': { access: 'operator' },
  'GET /api/conversations/:id': { access: 'chat' },
  'DELETE /api/conversations/:id': { access: 'admin' },
  'POST /api/conversations/:id/claim': { access: 'agent' },
  'POST /api/conversations/:id/close': { access: 'chat' },
  'POST /api/conversations/:id/messages': { access: 'owner' },
  'POST /api/conversations/:id/release': { access: 'chat' },
  'POST /api/conversations/:id/intent': { access: 'chat' },
  'POST /api/conversation-tests/run': { access: 'operator', skipAllowed: true },
  'GET /api/conversation-tests/run': { access: 'operator' },
  'GET /api/cases': { access: 'agent' },
  'GET /api/cases/:id': { access: 'agent' },
  'PATCH /api/cases/:id': { access: 'agent' },
  'GET /api/feedback': { access: 'agent' },
  'GET /api/insights': { access: 'operator' },
  'GET /api/training/triage': { access: 'operator' },
  'POST /api/training/triage': { access: 'operator' },
  'GET /api/training/thresholds': { access: 'operator' },
  'PUT /api/training/thresholds/:intent': { access: 'operator' },
  'POST /api/training/labels': { access: 'operator' },
  'POST /api/training/promote': { access: 'operator' },
  'GET /api/training/promotions': { access: 'operator' },
  'POST /api/training/runs': { access: 'operator', skipAllowed: true },
  'GET /api/training/runs': { access: 'operator' },
  'GET /api/training/runs/:id': { access: 'operator' },
  'GET /api/training/models': { access: 'operator' },
  'POST /api/training/models/rollback': { access: 'operator' },
  'GET /api/training/models/:id': { access: 'operator' },
  'GET /api/training/models/:id/report.html': { access: 'operator' },
  'GET /api/training/models/:id/reliability.svg': { access: 'operator' },
  'POST /api/training/models/:id/activate': { access: 'operator' },
  'GET /api/training/intents': { access: 'agent' },
  'GET /api/webhooks/endpoints': { access: 'operator' },
  'POST /api/webhooks/endpoints': { access: 'operator' },
  'PATCH /api/webhooks/endpoints/:id': { access: 'operator' },
  'DELETE /api/webhooks/endpoints/:id': { access: 'operator' },
  'POST /api/webhooks/endpoints/:id/rotate-secret': { access: 'operator' },
  'GET /api/webhooks/deliveries': { access: 'operator' },
  'POST /api/webhooks/deliveries/:id/resend': { access: 'operator' },
  'GET /api/accounts': { access: 'admin' },
  'POST /api/accounts': { access: 'admin' },
  'PATCH /api/accounts/:id': { access: 'admin' },
  'DELETE /api/accounts/:id': { access: 'admin' },
  'POST /api/accounts/:id/reset-password': { access: 'admin' },
};

const DENIED = [401, 403];

/** Valid bodies, so an allowed call is not mistaken for a refused one (and a refusal is not hidden behind a 400). */
const BODIES: Record<string, unknown> = {
  '/api/conversations/:id/intent': { intent: 'refund_status' },
  '/api/conversations/:id/messages': { text: 'hello' },
  '/api/conversations/:id/close': { resolution: 'done' },
};

describe('ownership matrix', () => {
  let t: TestApp;
  let ada: LoggedIn; // owns chat A
  let bob: LoggedIn; // an agent with no chats
  let operator: LoggedIn;
  let admin: LoggedIn;
  let chatA: { id: string; token: string };
  let chatB: { id: string; token: string };
  let customerA: ChatClient;
  const sockets: Array<{ close(): Promise<void> }> = [];

  beforeAll(async () => {
    t = await startTestApp({ smtpUrl: 'smtp://127.0.0.1:9', mailFrom: 'Support <support@example.org>', metricsToken: 'm'.repeat(32) });
    [ada, bob, operator, admin] = await Promise.all([
      addAgent(t, 'Ada').then((a) => login(t, a.email)),
      addAgent(t, 'Bob').then((a) => login(t, a.email)),
      addAgent(t, 'Olga', 'operator').then((a) => login(t, a.email)),
      addAgent(t, 'Ann', 'admin').then((a) => login(t, a.email)),
    ]);
    const adaSocket = await AgentClient.connect(t, ada);
    sockets.push(adaSocket);
    await adaSocket.waitFor('hello');
    adaSocket.send({ type: 'presence', status: 'online' });
    await adaSocket.waitFor('agents', (f) => f.agents.some((a) => a.id === ada.agent.id && a.status === 'online'));
    const a = await startChat(t.wsUrl);
    const b = await startChat(t.wsUrl);
    sockets.push(a.client, b.client);
    chatA = { id: a.session.conversationId, token: a.session.token };
    customerA = a.client;
    chatB = { id: b.session.conversationId, token: b.session.token };
    a.client.send({ type: 'message', id: 'a1', text: 'I want to talk to a person' });
    await adaSocket.waitFor('queue', (f) => f.entries.some((e) => e.conversationId === chatA.id), 10_000);
    adaSocket.send({ type: 'claim', conversationId: chatA.id });
    await adaSocket.waitFor('assigned', (f) => f.conversationId === chatA.id);
  });
  afterAll(async () => {
    for (const s of sockets) await s.close();
    await t?.close();
  });

  async function call(method: string, path: string, who?: LoggedIn, body?: unknown): Promise<number> {
    const headers: Record<string, string> = {};
    if (who) Object.assign(headers, { cookie: who.cookie, 'x-csrf-token': who.csrfToken });
    const hasBody = !['GET', 'DELETE'].includes(method);
    if (hasBody) headers['content-type'] = 'application/json';
    const res = await fetch(t.url + path, { method, headers, redirect: 'manual', ...(hasBody ? { body: JSON.stringify(body ?? {}) } : {}) });
    await res.arrayBuffer();
    return res.status;
  }

  /** The route's path with `:id` on `conversation` for conversation routes, an unknown id elsewhere. */
  function fill(path: string, conversation: string): string {
    const onConversation = path.startsWith('/api/conversations/:id');
    return path.replace(':id', onConversation ? conversation : 'no_such_id').replace(':intent', 'refund_status');
  }

  it('every route of the app has an entry in POLICY, and every entry is a route', () => {
    const routes = routeTable(t.app).map((r) => `${r.method} ${r.path}`);
    expect(routes.length).toBeGreaterThan(50);
    expect(routes.filter((r) => !(r in POLICY))).toEqual([]);
    // /ready joins with the readiness route; every other entry must still be served.
    expect(Object.keys(POLICY).filter((k) => !routes.includes(k) && k !== 'GET /ready')).toEqual([]);
  });

  it('anonymous callers and customers reach only public and token routes', async () => {
    const wrong: string[] = [];
    for (const { method, path } of routeTable(t.app)) {
      const rule = POLICY[`${method} ${path}`]!;
      if (path.startsWith('/ws/')) continue; // the socket upgrades are checked below
      const status = await call(method, fill(path, chatA.id), undefined, rule.access === 'token' ? { token: chatB.token, email: 'b@example.org' } : {});
      const denied = DENIED.includes(status) || (rule.access === 'token' && status === 404);
      const shouldDeny = !['public', 'token'].includes(rule.access);
      if (denied !== shouldDeny && !(rule.access === 'public' && status < 500)) wrong.push(`${method} ${path} → ${status}`);
      if (rule.access === 'public' && DENIED.includes(status)) wrong.push(`${method} ${path} → ${status}`);
    }
    expect(wrong).toEqual([]);
  });

  it.each([
    ['Bob (agent, owns nothing)', 'bob', 'agent', false],
    ['Ada (agent, owns chat A)', 'ada', 'agent', true],
    ['an operator', 'operator', 'operator', false],
    ['an admin', 'admin', 'admin', false],
  ] as const)('%s is refused exactly where the policy says, on chat A and on a chat that does not exist', async (_name, key, role, ownsA) => {
    const who = { ada, bob, operator, admin }[key];
    const rank = { agent: 0, operator: 1, admin: 2 }[role];
    const wrong: string[] = [];
    for (const { method, path } of routeTable(t.app)) {
      const rule = POLICY[`${method} ${path}`]!;
      if (path.startsWith('/ws/') || ['public', 'token', 'metrics'].includes(rule.access)) continue;
      if (method === 'POST' && path === '/api/auth/logout') continue; // would end the session the other rows use
      const perChat = rule.access === 'chat' || rule.access === 'owner';
      const allowed =
        rule.access === 'owner' ? ownsA : rule.access === 'chat' ? ownsA || rank >= 1 : rank >= { agent: 0, operator: 1, admin: 2 }[rule.access as 'agent' | 'operator' | 'admin'];
      if (allowed && rule.skipAllowed) continue;
      for (const conversation of perChat ? [chatA.id, 'conv_does_not_exist'] : [chatA.id]) {
        // An agent gets the same answer for another's chat and for none: nothing to learn about ids.
        // Staff may be told a chat does not exist (404), but never be refused one they may act on.
        const expectAllowed = conversation === chatA.id ? allowed : rule.access === 'chat' && rank >= 1;
        const missing = conversation !== chatA.id;
        if (method === 'DELETE' && path === '/api/conversations/:id' && expectAllowed) continue; // erasure: tested in test/http/erasure.test.ts
        if (path === '/api/conversations/:id/close' && expectAllowed && conversation === chatA.id) continue; // would end chat A for the other rows
        if (path === '/api/conversations/:id/release' && expectAllowed && conversation === chatA.id) continue;
        const status = await call(method, fill(path, conversation), who, BODIES[path] ?? {});
        const denied = DENIED.includes(status);
        // On a missing chat, a caller who may not act must get exactly the refusal they get on another's chat.
        const ok = missing && rank >= 1 ? status === 404 || denied === !expectAllowed : denied === !expectAllowed && !(missing && !expectAllowed && status !== 403);
        if (!ok) wrong.push(`${method} ${fill(path, conversation)} → ${status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('customer sockets: a customer cannot resume another customer\'s chat with its id, and frames never name a conversation', async () => {
    const b = await ChatClient.connect(t.wsUrl);
    b.send({ type: 'hello', token: chatA.id, lastSeq: 0 });
    const session = await b.waitFor<Extract<import('../../src/protocol/customer').ServerFrame, { type: 'session' }>>((f) => f.type === 'session');
    expect(session.conversationId).not.toBe(chatA.id);
    expect(b.messages().some((m) => m.text === 'I want to talk to a person')).toBe(false);
    await b.close();
  });

  /** Every agent-socket action, each as it is sent on chat A; the Record type makes a new action a compile error here until it is listed. */
  const ACTIONS: Record<AgentClientFrame['type'], { frame: (conversationId: string) => Record<string, unknown>; operatorMay: boolean }> = {
    presence: { frame: () => ({ type: 'presence', status: 'online' }), operatorMay: true },
    claim: { frame: (c) => ({ type: 'claim', conversationId: c }), operatorMay: false },
    message: { frame: (c) => ({ type: 'message', conversationId: c, id: `x${Math.random().toString(36).slice(2, 8)}`, text: 'not yours' }), operatorMay: false },
    note: { frame: (c) => ({ type: 'note', conversationId: c, text: 'not yours' }), operatorMay: false },
    typing: { frame: (c) => ({ type: 'typing', conversationId: c }), operatorMay: false },
    transfer: { frame: (c) => ({ type: 'transfer', conversationId: c, toAgentId: 'agent_nobody' }), operatorMay: false },
    release: { frame: (c) => ({ type: 'release', conversationId: c }), operatorMay: true },
    close: { frame: (c) => ({ type: 'close', conversationId: c, resolution: 'x' }), operatorMay: true },
    open: { frame: (c) => ({ type: 'open', conversationId: c }), operatorMay: true },
  };

  it('agent socket: Bob can do nothing to Ada\'s chat or learn whether a chat exists; nothing he sends reaches customer A', async () => {
    const socket = await AgentClient.connect(t, bob);
    sockets.push(socket);
    await socket.waitFor('hello');
    socket.send({ type: 'presence', status: 'online' });
    await socket.waitFor('agents', (f) => f.agents.some((a) => a.id === bob.agent.id && a.status === 'online'));
    const wrong: string[] = [];
    for (const [type, action] of Object.entries(ACTIONS)) {
      if (type === 'presence') continue;
      for (const conversation of [chatA.id, 'conv_does_not_exist']) {
        const ref = `r${type}${conversation === chatA.id ? 'A' : 'X'}`;
        socket.send({ ...action.frame(conversation), ref });
        if (type === 'typing') continue; // no answer either way; the customer check below covers it
        const answer = await Promise.race([
          socket.waitFor('error', (f) => f.ref === ref).then((f) => f.code),
          socket.waitFor('transcript', (f) => f.conversationId === conversation).then(() => 'transcript'),
          socket.waitFor('assigned', (f) => f.conversationId === conversation).then(() => 'assigned'),
        ]);
        if (!['FORBIDDEN', 'ALREADY_CLAIMED', 'NOT_IN_QUEUE'].includes(answer)) wrong.push(`${type} on ${conversation} → ${answer}`);
        if (conversation !== chatA.id && answer !== 'FORBIDDEN' && answer !== 'NOT_IN_QUEUE') wrong.push(`${type} on a missing chat → ${answer}`);
      }
    }
    expect(wrong).toEqual([]);
    // Ada still holds chat A, and customer A never saw a word or a typing sign from Bob.
    const transcript = await fetch(`${t.url}/api/conversations/${chatA.id}`, { headers: { cookie: ada.cookie } });
    expect(transcript.status).toBe(200);
    expect(JSON.stringify(await transcript.json())).not.toContain('not yours');
    expect(customerA.frames.filter((f) => (f.type === 'message' && f.text === 'not yours') || f.type === 'typing')).toEqual([]);
  });
});
