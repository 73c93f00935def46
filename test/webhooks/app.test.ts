import type { TestApp } from '../helpers/app';
import { startAppWith } from '../conversation/app-with';
import { startChat } from '../helpers/ws-client';
import { startReceiver, type Received } from '../helpers/receiver';
import { rest, signedIn, type LoggedIn } from '../http/agent-helpers';
import { verifyWebhookSignature } from '../../src/webhooks/signature';

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

describe('webhooks through the app', () => {
  let t: TestApp;
  let receiver: Receiver;
  let operator: LoggedIn;
  let secret: string;
  let endpointId: string;

  const ofType = (type: string) => receiver.requests.filter((r) => r.headers['x-webhook-event'] === type);
  async function waitForType(type: string): Promise<Received> {
    for (let i = 0; i < 100; i++) {
      const found = ofType(type)[0];
      if (found) return found;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no ${type} webhook; got ${receiver.requests.map((r) => r.headers['x-webhook-event']).join(', ')}`);
  }

  beforeAll(async () => {
    receiver = await startReceiver();
    t = await startAppWith({ webhooks: { settings: { pollMs: 50 } }, availability: { check: async () => ({ available: true }) } });
    operator = await signedIn(t, 'Olga', 'operator');
    const created = await rest<{ endpoint: { id: string; secretHint: string }; secret: string }>(t, operator, 'POST', '/api/webhooks/endpoints', {
      url: receiver.url,
      events: ['conversation.escalated', 'conversation.closed', 'case.created', 'case.updated', 'feedback.received'],
      description: 'CRM',
    });
    expect(created.status).toBe(201);
    secret = created.body.secret;
    endpointId = created.body.endpoint.id;
    expect(created.body.endpoint.secretHint).toBe(`…${secret.slice(-4)}`);
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  test('endpoints are listed without their secret; bad input is refused with a reason; agents may not see them', async () => {
    const list = await rest<{ endpoints: Array<Record<string, unknown>>; events: string[] }>(t, operator, 'GET', '/api/webhooks/endpoints');
    expect(list.body.endpoints).toEqual([expect.objectContaining({ id: endpointId, url: receiver.url, description: 'CRM', enabled: true })]);
    expect(JSON.stringify(list.body)).not.toContain(secret);
    expect(list.body.events).toContain('feedback.received');
    const ftp = await rest<{ message: string }>(t, operator, 'POST', '/api/webhooks/endpoints', { url: 'ftp://x.example/', events: ['case.created'] });
    expect(ftp).toMatchObject({ status: 400, body: { message: expect.stringContaining('http:// or https://') } });
    const unknown = await rest<{ message: string }>(t, operator, 'POST', '/api/webhooks/endpoints', { url: 'https://x.example/', events: ['case.deleted'] });
    expect(unknown).toMatchObject({ status: 400, body: { message: expect.stringContaining('unknown event "case.deleted"') } });
    const agent = await signedIn(t, 'Ada', 'agent');
    expect((await rest(t, agent, 'GET', '/api/webhooks/endpoints')).status).toBe(403);
    expect((await rest(t, undefined, 'GET', '/api/webhooks/deliveries')).status).toBe(401);
    expect((await rest(t, operator, 'POST', '/api/webhooks/endpoints', { url: 'https://x.example/', events: ['case.created'] }, { csrf: false })).status).toBe(403);
  });

  test('an escalation, feedback and the close of a chat reach the receiver, signed; the list shows them delivered', async () => {
    const { client, session } = await startChat(t.wsUrl);
    client.send({ type: 'message', id: 'c1', text: 'I want to talk to a person' });
    const escalated = await waitForType('conversation.escalated');
    expect(verifyWebhookSignature({ secret, header: escalated.headers['x-webhook-signature'] as string, body: escalated.body })).toBe(true);
    expect(JSON.parse(escalated.body)).toMatchObject({
      type: 'conversation.escalated',
      data: { conversationId: session.conversationId, escalation: { reason: 'asked_for_human', status: 'queued' } },
    });
    client.send({ type: 'feedback', rating: 2, comment: 'slow' });
    const feedback = await waitForType('feedback.received');
    expect(JSON.parse(feedback.body).data.feedback).toMatchObject({ conversationId: session.conversationId, rating: 2, comment: 'slow' });
    client.send({ type: 'end' });
    const closed = await waitForType('conversation.closed');
    expect(JSON.parse(closed.body).data).toEqual({ conversationId: session.conversationId });
    await client.close();

    const list = await rest<{ deliveries: Array<{ eventType: string; status: string; attempts: number }> }>(t, operator, 'GET', `/api/webhooks/deliveries?endpointId=${endpointId}`);
    expect(list.body.deliveries.map((d) => d.eventType)).toEqual(expect.arrayContaining(['conversation.escalated', 'feedback.received', 'conversation.closed']));
    expect(list.body.deliveries.every((d) => d.status === 'delivered' && d.attempts === 1)).toBe(true);
  });

  test('a staff case status change sends case.updated with the previous status; resend sends the same event again', async () => {
    await t.storage.createConversation({ id: 'c-case', tokenHash: 'h-case', state: 'bot', snapshot: {}, context: {} });
    await t.storage.cases.createCase({ id: 'CS-7K3P9Q', conversationId: 'c-case', sourceMessageId: 'm1', kind: 'dispute', priority: 'normal', details: {}, followUpBy: 1 });
    const patched = await rest(t, operator, 'PATCH', '/api/cases/CS-7K3P9Q', { status: 'in_review' });
    expect(patched.status).toBe(200);
    const updated = await waitForType('case.updated');
    expect(JSON.parse(updated.body).data).toMatchObject({ case: { id: 'CS-7K3P9Q', status: 'in_review' }, change: 'status', previousStatus: 'open' });

    const list = await rest<{ deliveries: Array<{ id: string; eventType: string }> }>(t, operator, 'GET', '/api/webhooks/deliveries?status=delivered');
    const delivery = list.body.deliveries.find((d) => d.eventType === 'case.updated')!;
    const before = ofType('case.updated').length;
    const resent = await rest<{ delivery: { status: string } }>(t, operator, 'POST', `/api/webhooks/deliveries/${delivery.id}/resend`);
    expect(resent).toMatchObject({ status: 200, body: { delivery: { status: 'pending' } } });
    for (let i = 0; i < 100 && ofType('case.updated').length === before; i++) await new Promise((r) => setTimeout(r, 50));
    const both = ofType('case.updated');
    expect(both).toHaveLength(before + 1);
    expect(both[1]!.headers['x-webhook-id']).toBe(both[0]!.headers['x-webhook-id']);
    expect((await rest(t, operator, 'POST', '/api/webhooks/deliveries/nope/resend')).status).toBe(404);
    expect((await rest(t, operator, 'GET', '/api/webhooks/deliveries?status=lost')).status).toBe(400);
  });
});
