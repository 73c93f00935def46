import type { preHandlerAsyncHookHandler } from 'fastify';
import type { TestApp } from '../helpers/app';
import { startAppWith } from '../conversation/app-with';

/** Staff for requests carrying `x-test-staff: yes`, like a logged-in agent would be. */
const testStaff: preHandlerAsyncHookHandler = async (req, reply) => {
  if (req.headers['x-test-staff'] !== 'yes') await reply.code(401).send({ code: 'UNAUTHENTICATED', message: 'Please log in.', statusCode: 401 });
};
const staff = { 'x-test-staff': 'yes' };

describe('cases REST', () => {
  let t: TestApp;
  let open: TestApp;
  beforeAll(async () => {
    t = await startAppWith({ staffGuards: { agent: testStaff, admin: testStaff } });
    open = await startAppWith({});
    await t.storage.createConversation({ id: 'c-1', tokenHash: 'h-1', state: 'bot', snapshot: {}, context: {} });
    await t.storage.cases.createCase({
      id: 'CS-7K3P9Q', conversationId: 'c-1', sourceMessageId: 'm1', kind: 'dispute', priority: 'normal', details: { slots: {} }, followUpBy: 1,
    });
    await t.storage.cases.addFeedback({ conversationId: 'c-1', rating: 2, comment: 'slow' });
  });
  afterAll(async () => {
    await t.close();
    await open.close();
  });

  test('staff list, read (with the conversation\'s feedback) and move a case through its statuses', async () => {
    const list = await t.app.inject({ url: '/api/cases?status=open', headers: staff });
    expect(list.json().cases.map((c: { id: string }) => c.id)).toEqual(['CS-7K3P9Q']);
    const one = await t.app.inject({ url: '/api/cases/cs-7k3p9q', headers: staff });
    expect(one.json()).toMatchObject({ case: { id: 'CS-7K3P9Q', status: 'open' }, feedback: [{ rating: 2, comment: 'slow' }] });
    const patched = await t.app.inject({ method: 'PATCH', url: '/api/cases/CS-7K3P9Q', headers: staff, payload: { status: 'waiting_on_customer' } });
    expect(patched.json().case.status).toBe('waiting_on_customer');
    const bad = await t.app.inject({ method: 'PATCH', url: '/api/cases/CS-7K3P9Q', headers: staff, payload: { status: 'closed' } });
    expect(bad.statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/cases/CS-222222', headers: staff })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/feedback?maxRating=2', headers: staff })).json().feedback).toEqual([expect.objectContaining({ rating: 2 })]);
  });

  test('without a staff session everything is refused', async () => {
    expect((await t.app.inject({ url: '/api/cases' })).statusCode).toBe(401);
    expect((await open.app.inject({ url: '/api/cases' })).statusCode).toBe(401);
    expect((await open.app.inject({ url: '/api/feedback' })).statusCode).toBe(401);
    expect((await open.app.inject({ method: 'DELETE', url: '/api/conversations/c-1' })).statusCode).toBe(401);
  });
});
