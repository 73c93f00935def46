import { createServer } from 'node:net';
import { startChat } from '../helpers/ws-client';
import { startTestApp, type TestApp } from '../helpers/app';
import { AgentClient, addAgent, login } from './agent-helpers';
import { parseExposition, sample } from '../metrics/exposition';

const TOKEN = 'metrics-token-0123456789';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe('/metrics', () => {
  let t: TestApp;
  let metricsPort: number;
  beforeAll(async () => {
    metricsPort = await freePort();
    t = await startTestApp({ metricsToken: TOKEN, metricsPort, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await t.close();
  });

  test('without the token there are no figures, only 401 with how to authenticate', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-wrong-token', `Basic ${TOKEN}`, `Bearer ${TOKEN}x`]) {
      const res = await fetch(`${t.url}/metrics`, { headers: authorization ? { authorization } : {} });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
      const body = await res.text();
      expect(body).not.toContain('support_');
      expect(JSON.parse(body)).toMatchObject({ code: 'UNAUTHENTICATED', statusCode: 401 });
    }
  });

  test('a conversation handed to an agent and rated shows up in every product metric, on both the token route and METRICS_PORT', async () => {
    const record = await addAgent(t, 'Ada');
    const ada = await AgentClient.connect(t, await login(t, record.email));
    await ada.waitFor('hello');
    ada.send({ type: 'presence', status: 'online' });
    await ada.waitFor('agents', (f) => f.agents.some((a) => a.id === record.id && a.status === 'online'));

    const { client, session } = await startChat(t.wsUrl);
    client.send({ type: 'message', id: 'm1', text: 'how do I get a refund?' });
    await client.waitFor((f) => f.type === 'message' && f.from === 'bot' && f.replyTo === 'm1');
    client.send({ type: 'message', id: 'm2', text: 'I want to talk to a person' });
    await ada.waitFor('queue', (f) => f.entries.some((e) => e.conversationId === session.conversationId));
    ada.send({ type: 'claim', conversationId: session.conversationId });
    await ada.waitFor('assigned', (f) => f.conversationId === session.conversationId);
    client.send({ type: 'feedback', rating: 4 });
    await client.waitFor((f) => f.type === 'message' && f.from === 'system' && /thank/i.test(f.text));

    const viaToken = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(viaToken.status).toBe(200);
    expect(viaToken.headers.get('content-type')).toContain('text/plain');
    const m = parseExposition(await viaToken.text());

    expect(sample(m, 'support_messages_total', { from: 'customer' })).toBe(2);
    expect(sample(m, 'support_messages_total', { from: 'bot' })).toBeGreaterThanOrEqual(2);
    expect(sample(m, 'support_intent_confidence_count')).toBe(2);
    const intents = m.filter((s) => s.name === 'support_intents_total');
    expect(intents.reduce((n, s) => n + s.value, 0)).toBe(2);
    expect(sample(m, 'support_handoffs_total', { reason: 'asked_for_human', priority: 'normal', outcome: 'met' })).toBe(1);
    expect(sample(m, 'support_queue_wait_seconds_count')).toBe(1);
    expect(sample(m, 'support_csat_ratings_total', { rating: '4' })).toBe(1);
    expect(sample(m, 'support_turn_duration_seconds_count')).toBe(2);
    expect(sample(m, 'support_open_sockets')).toBeGreaterThanOrEqual(2);
    expect(sample(m, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);

    const own = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(own.status).toBe(200);
    const again = parseExposition(await own.text());
    expect(sample(again, 'support_handoffs_total', { reason: 'asked_for_human', priority: 'normal' })).toBe(1);
    expect((await fetch(`http://127.0.0.1:${metricsPort}/api/cases`)).status).toBe(404);

    await client.close();
    await ada.close();
  });
});
