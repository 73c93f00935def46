/**
 * The operators' loop over the real app (SQLite, real sockets, worker-thread training):
 * triage → label → retrain → evaluate → activate → a live conversation uses the new model
 * without a restart → rollback, and the same conversation uses the old one again.
 */
import { randomUUID } from 'node:crypto';
import { hashPassword } from '../../src/http/auth/password';
import type { AgentRole } from '../../src/storage/handoff';
import { startTestApp, type TestApp } from '../helpers/app';
import { ChatClient, startChat } from '../helpers/ws-client';
import { AgentClient } from './agent-helpers';

interface Session {
  cookie: string;
  csrf: string;
}

async function login(t: TestApp, role: AgentRole): Promise<Session & { id: string }> {
  const email = `${role}-${randomUUID().slice(0, 6)}@support.example`;
  const password = `pw-${randomUUID()}`;
  const agent = await t.storage.handoff.createAgent({ id: randomUUID(), email, name: `${role} one`, role, passwordHash: await hashPassword(password) });
  const res = await fetch(`${t.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  expect(res.status).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const body = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: body.csrfToken, id: agent.id };
}

async function api<T = Record<string, unknown>>(t: TestApp, s: Session | undefined, method: string, path: string, body?: unknown): Promise<{ status: number; body: T; text: string; type: string }> {
  const headers: Record<string, string> = {};
  if (s) {
    headers.cookie = s.cookie;
    headers['x-csrf-token'] = s.csrf;
  }
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${t.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = JSON.parse(text);
  } catch {
    // HTML report
  }
  return { status: res.status, body: parsed as T, text, type: res.headers.get('content-type') ?? '' };
}

/** Sends a customer message and waits for the bot's answer to it. */
async function say(client: ChatClient, text: string): Promise<string> {
  const id = `m-${randomUUID()}`;
  const from = client.frames.length;
  client.send({ type: 'message', id, text });
  await client.waitFor((f) => f.type === 'message' && f.from !== 'customer' && (f as { replyTo?: string }).replyTo === id, 10_000, from);
  return id;
}

/** The intent the model gave a stored customer message (meta.nlu, as the conversation service stored it). */
async function intentOf(t: TestApp, conversationId: string, messageId: string): Promise<string> {
  const m = await t.storage.findMessage(conversationId, messageId);
  return (m?.meta?.nlu as { intent: { name: string } }).intent.name;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, deadlineMs = 60_000): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const LOYALTY = [
  'how many loyalty points do I have',
  'do I earn loyalty points on purchases',
  'where can I see my loyalty points balance',
  'can I spend loyalty points on my next order',
  'my loyalty points disappeared',
  'loyalty points expire when',
  'how do I collect loyalty points',
  'when do my loyalty points expire',
  'how do I redeem loyalty points',
];

describe('operators’ loop over the real app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('triage → label → retrain → evaluate → activate → live chat uses the new model → rollback', async () => {
    const operator = await login(t, 'operator');

    // Customers ask about something the model has never heard of: one chat each.
    for (const text of LOYALTY) {
      const { client } = await startChat(t.wsUrl);
      await say(client, text);
      await client.close();
    }
    // A conversation that stays open across the activation and the rollback.
    const live = await startChat(t.wsUrl);
    const probe = 'can I check my loyalty points online';
    const before = await say(live.client, probe);
    expect(await intentOf(t, live.session.conversationId, before)).not.toBe('loyalty_points');

    // Triage: the unsure messages are in the inbox with context and guesses, clustered together.
    const inbox = await api<{ items: Array<{ id: string; text: string; reasons: string[]; cluster: number; context: Array<{ from: string; text: string }>; topGuesses: unknown[] }>; clusters: Array<{ id: number; itemIds: string[] }> }>(
      t, operator, 'GET', '/api/training/triage?reason=low_confidence',
    );
    expect(inbox.status).toBe(200);
    const loyalty = inbox.body.items.filter((i) => LOYALTY.includes(i.text));
    // The model may be sure of a few: with the GloVe features (docs/training.md) 4 of these 9
    // unseen texts land confidently on a neighbouring topic ("…points balance" → repayment_schedule),
    // so the loop is proven on the 5 or more that reach the inbox.
    expect(loyalty.length).toBeGreaterThanOrEqual(5);
    const first = loyalty[0]!;
    expect(first.context.map((c) => c.from)).toContain('customer');
    expect(first.context.some((c) => c.text === first.text)).toBe(true);
    expect(first.topGuesses.length).toBeGreaterThan(0);
    const cluster = inbox.body.clusters.find((c) => c.id === first.cluster)!;
    const selected = cluster.itemIds.filter((id) => loyalty.some((i) => i.id === id));
    expect(selected.length).toBeGreaterThanOrEqual(loyalty.length - 1); // bulk-select the similar ones

    // Label them all with a new intent in one go.
    const labelled = await api<{ labels: Array<{ labelledBy: string; conversationId?: string }> }>(t, operator, 'POST', '/api/training/labels', {
      itemIds: loyalty.map((i) => i.id),
      newIntent: { name: 'loyalty_points', category: 'account' },
    });
    expect(labelled.status).toBe(200);
    expect(labelled.body.labels).toHaveLength(loyalty.length);
    expect(labelled.body.labels.every((l) => l.labelledBy === operator.id && typeof l.conversationId === 'string')).toBe(true);

    // Retrain in the background; progress is pollable and reaches 1.
    const started = await api<{ run: { id: string; status: string } }>(t, operator, 'POST', '/api/training/runs');
    expect(started.status).toBe(202);
    const seen: number[] = [];
    const run = await until('the retrain to finish', async () => {
      const r = await api<{ run: { status: string; progress: number; versionId?: string; error?: string } }>(t, operator, 'GET', `/api/training/runs/${started.body.run.id}`);
      seen.push(r.body.run.progress);
      return r.body.run.status === 'running' ? undefined : r.body.run;
    });
    expect(run).toMatchObject({ status: 'succeeded', progress: 1 });
    expect(seen).toEqual([...seen].sort((a, b) => a - b)); // never goes backwards
    // the server kept answering while the worker trained: some polls saw it part-way
    expect(seen.some((p) => p > 0 && p < 1)).toBe(true);
    const versionId = run.versionId!;

    // Evaluate: against the active model on the same held-out split.
    const v = await api<{ version: { author: string; dataHash: string; active: boolean; metrics: Record<string, any> } }>(t, operator, 'GET', `/api/training/models/${versionId}`); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(v.body.version).toMatchObject({ author: operator.id, active: false });
    expect(v.body.version.dataHash).toMatch(/^[0-9a-f]{64}$/);
    const m = v.body.version.metrics;
    expect(m.heldOut).toBeGreaterThan(100);
    expect(m.candidate.accuracy).toBeGreaterThan(0.7);
    expect(m.active.accuracy).toBeGreaterThan(0.7);
    expect(m.delta.accuracy).toBeCloseTo(m.candidate.accuracy - m.active.accuracy, 10);
    // a fair comparison: the active model's recipe is retrained on the same split, so nine new
    // examples do not look like a big loss (the live model saw most held-out texts in training)
    expect(m.delta.accuracy).toBeGreaterThan(-0.05);
    expect(m.active.deployedAccuracy).toBeGreaterThanOrEqual(m.active.accuracy);
    expect(m.newIntents).toEqual(['loyalty_points']);
    expect(m.labelledExamples).toBe(loyalty.length);
    expect(Object.keys(m.perIntent)).toContain('refund_status');
    expect(m.perIntent.refund_status).toEqual(expect.objectContaining({ candidateF1: expect.any(Number), activeF1: expect.any(Number), delta: expect.any(Number) }));
    // every held-out loyalty message is one the old model got wrong: the new one either fixes it or still misses it
    const heldLoyalty = [...m.nowRight, ...m.stillWrong].filter((o: { expected: string }) => o.expected === 'loyalty_points');
    expect(m.nowWrong.filter((o: { expected: string }) => o.expected === 'loyalty_points')).toEqual([]);
    expect(heldLoyalty.every((o: { before: string }) => o.before !== 'loyalty_points')).toBe(true);
    const html = await api(t, operator, 'GET', `/api/training/models/${versionId}/report.html`);
    expect(html.status).toBe(200);
    expect(html.text).toContain('Confusion matrix');
    expect(html.text).toContain('class="cell"');
    expect(html.text).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="reliability"');
    // the same reliability diagram as an image for the console, with one bar per confidence bin
    const svg = await api(t, operator, 'GET', `/api/training/models/${versionId}/reliability.svg`);
    expect(svg.status).toBe(200);
    expect(svg.type).toMatch(/^image\/svg\+xml/);
    expect((svg.text.match(/<rect class="acc/g) ?? []).length).toBe(m.report.reliability.length);
    expect(m.report.reliability.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(m.report.count);
    expect((await api(t, operator, 'GET', '/api/training/models/no-such-version/reliability.svg')).status).toBe(404);

    // Activate: the conversation that was already open uses the new model on its next message.
    expect((await api(t, operator, 'POST', `/api/training/models/${versionId}/activate`)).status).toBe(200);
    const after = await say(live.client, probe);
    expect(await intentOf(t, live.session.conversationId, after)).toBe('loyalty_points');
    const list = await api<{ versions: Array<{ id: string; active: boolean }> }>(t, operator, 'GET', '/api/training/models');
    expect(list.body.versions.find((x) => x.active)?.id).toBe(versionId);

    // Roll back: the same conversation is back on the built-in model.
    const rolled = await api<{ active: string | null }>(t, operator, 'POST', '/api/training/models/rollback');
    expect(rolled).toMatchObject({ status: 200, body: { active: null } });
    const again = await say(live.client, probe);
    expect(await intentOf(t, live.session.conversationId, again)).not.toBe('loyalty_points');
    expect((await api(t, operator, 'POST', '/api/training/models/rollback')).body).toMatchObject({ code: 'NOTHING_TO_ROLL_BACK' });
    await live.client.close();
  }, 120_000);

  it('applies an operator’s per-intent threshold at once, and lists it with the global one', async () => {
    const operator = await login(t, 'operator');
    const parse = async () => (await api<{ lowConfidence: boolean; intent: { name: string } }>(t, undefined, 'POST', '/api/nlu/parse', { text: 'where is my refund' })).body;
    const base = await parse();
    expect(base.lowConfidence).toBe(false);
    expect((await api(t, operator, 'PUT', `/api/training/thresholds/${base.intent.name}`, { threshold: 1 })).status).toBe(200);
    expect((await parse()).lowConfidence).toBe(true);
    const listed = await api<{ global: number; intents: Array<{ intent: string; threshold: number | null; effective: number; updatedBy: string | null }> }>(t, operator, 'GET', '/api/training/thresholds');
    expect(listed.body.global).toBe(0.5);
    expect(listed.body.intents.find((i) => i.intent === base.intent.name)).toMatchObject({ threshold: 1, effective: 1, updatedBy: operator.id });
    expect(listed.body.intents.find((i) => i.intent === 'greeting')).toMatchObject({ threshold: null, effective: 0.5 });
    expect((await api(t, operator, 'PUT', `/api/training/thresholds/${base.intent.name}`, { threshold: null })).status).toBe(200);
    expect((await parse()).lowConfidence).toBe(false);
    expect((await api(t, operator, 'PUT', '/api/training/thresholds/greeting', { threshold: 1.5 })).body).toMatchObject({ code: 'VALIDATION' });
  });

  it('turns an agent’s "what was this about?" into a labelled candidate, and promotes an agent reply masked', async () => {
    const agent = await login(t, 'agent');
    const operator = await login(t, 'operator');
    // Two misses hand the chat to a person; an agent labels only a chat they hold (issue 13, defect 9).
    const socket = await AgentClient.connect(t, agent);
    await socket.waitFor('hello');
    socket.send({ type: 'presence', status: 'online' });
    await socket.waitFor('agents', (f) => f.agents.some((a) => a.id === agent.id && a.status === 'online'));
    const { client, session } = await startChat(t.wsUrl);
    await say(client, 'the thing with my stuff is weird');
    await say(client, 'the thing with my stuff is weird');
    await client.waitFor((f) => f.type === 'status' && f.state === 'queued', 10_000);
    expect((await api(t, agent, 'POST', `/api/conversations/${session.conversationId}/claim`)).status).toBe(200);
    await socket.close();
    await client.close();
    const r = await api<{ label: { intent: string; labelledBy: string; conversationId: string } }>(t, agent, 'POST', `/api/conversations/${session.conversationId}/intent`, {
      intent: 'unexpected_charge',
    });
    expect(r.status).toBe(201);
    expect(r.body.label).toMatchObject({ intent: 'unexpected_charge', labelledBy: agent.id, conversationId: session.conversationId });
    const labelled = await api<{ items: Array<{ text: string; reasons: string[]; label?: { intent: string } }> }>(t, operator, 'GET', '/api/training/triage?status=labelled&reason=agent_corrected');
    expect(labelled.body.items.find((i) => i.text === 'the thing with my stuff is weird')?.label?.intent).toBe('unexpected_charge');

    // an agent reply (stored as the hand-off part would) promoted to a canned answer
    const conv = (await t.storage.getConversation(session.conversationId))!;
    await t.storage.commitTurn({
      conversationId: conv.id,
      expectedVersion: conv.version,
      messages: [{ id: 'agent-reply-1', from: 'agent', text: 'I refunded card 4111 1111 1111 1111; it shows in 5 days.' }],
    });
    const p = await api<{ promotion: { text: string; kind: string; createdBy: string } }>(t, operator, 'POST', '/api/training/promote', {
      conversationId: conv.id,
      messageId: 'agent-reply-1',
      kind: 'canned_answer',
      intent: 'refund_status',
    });
    expect(p.status).toBe(201);
    expect(p.body.promotion).toMatchObject({ kind: 'canned_answer', createdBy: operator.id });
    expect(p.body.promotion.text).not.toContain('4111 1111 1111 1111');
    expect(p.body.promotion.text).toContain('shows in 5 days');
    const customerMsg = (await t.storage.messagesAfter(conv.id, 0)).find((m) => m.from === 'customer')!;
    const refused = await api(t, operator, 'POST', '/api/training/promote', { conversationId: conv.id, messageId: customerMsg.id, kind: 'canned_answer' });
    expect(refused.body).toMatchObject({ code: 'VALIDATION' });
  });

  it('keeps the training API to operators and admins', async () => {
    expect((await api(t, undefined, 'GET', '/api/training/triage')).status).toBe(401);
    const agent = await login(t, 'agent');
    expect((await api(t, agent, 'GET', '/api/training/triage')).status).toBe(403);
    expect((await api(t, agent, 'POST', '/api/training/runs')).status).toBe(403);
    const admin = await login(t, 'admin');
    expect((await api(t, admin, 'GET', '/api/training/models')).status).toBe(200);
  });
});
