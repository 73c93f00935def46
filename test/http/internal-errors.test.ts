/**
 * A storage failure in any route group answers 500 with the catalogue's generic body and the
 * request id; the driver's message and the database path stay in the log (docs/errors.md).
 */
import { Writable } from 'node:stream';
import { createLogger } from '../../src/app';
import { errorCatalogue } from '../../src/http/errors';
import { startTestApp, type TestApp } from '../helpers/app';
import { DRIVER_MESSAGE, failOn, failingSwitch } from '../helpers/failing-storage';
import { startChat } from '../helpers/ws-client';
import { addAgent, PASSWORD } from './agent-helpers';

interface LogLine {
  level: number;
  reqId?: string;
  msg: string;
  err?: { message: string };
}

const lines: LogLine[] = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line) as LogLine);
    done();
  },
});

// The session lookup keeps working so each request reaches its route; the login test turns it off too.
const failing = failingSwitch(['handoff.getSession', 'handoff.getAgent']);
let t: TestApp;
let cookie: string;
let csrf: string;

beforeAll(async () => {
  t = await startTestApp(
    // A mailer, so the transcript route exists (nothing is sent: the storage read fails first).
    { smtpUrl: 'smtp://127.0.0.1:9', mailFrom: 'support@paylater.example' },
    { logger: createLogger('info', sink) },
    (storage) => failOn(storage, failing),
  );
  const admin = await addAgent(t, 'Root', 'admin');
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: admin.email, password: PASSWORD } });
  expect(res.statusCode).toBe(200);
  cookie = res.headers['set-cookie']!.toString().split(';')[0]!;
  csrf = (res.json() as { csrfToken: string }).csrfToken;
}, 120_000);

afterAll(() => t.close());

afterEach(() => {
  failing.on = false;
  failing.except = new Set(['handoff.getSession', 'handoff.getAgent']);
});

async function whileDiskFails(method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object, signedIn = true) {
  failing.failed.length = 0;
  failing.on = true;
  try {
    const headers: Record<string, string> = signedIn ? { cookie, 'x-csrf-token': csrf } : {};
    return await t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  } finally {
    failing.on = false;
  }
}

const routes: Array<[group: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object]> = [
  ['agents', 'GET', '/api/agents'],
  ['queue', 'GET', '/api/queue'],
  ['agent actions', 'GET', '/api/conversations/c_missing'],
  ['agent actions', 'POST', '/api/conversations/c_missing/claim'],
  ['conversation list', 'GET', '/api/conversations'],
  ['insights', 'GET', '/api/insights'],
  ['cases', 'GET', '/api/cases'],
  ['feedback', 'GET', '/api/feedback'],
  ['erasure', 'DELETE', '/api/conversations/c_missing'],
  ['training', 'GET', '/api/training/models'],
  ['training triage', 'GET', '/api/training/triage'],
  ['webhooks', 'GET', '/api/webhooks/endpoints'],
  ['transcript email', 'POST', '/api/chat/transcript', { token: 'tok_1', email: 'ann@example.com' }],
  ['auth', 'POST', '/api/auth/logout'],
  ['accounts', 'GET', '/api/accounts'],
];

describe.each(routes)('%s: %s %s with a failing disk', (_group, method, url, payload) => {
  test('answers 500 with the generic body and the request id; the driver text is only in the log', async () => {
    const res = await whileDiskFails(method, url, payload);
    expect(failing.failed.length).toBeGreaterThan(0);
    expect(res.statusCode).toBe(500);
    const body = res.json() as { requestId: string };
    expect(body).toEqual({ code: 'INTERNAL', message: errorCatalogue.INTERNAL.message, statusCode: 500, requestId: expect.any(String) });
    for (const leak of ['SQLITE', 'disk I/O', '/var/lib', 'chat.db']) expect(res.body).not.toContain(leak);
    const logged = lines.find((l) => l.reqId === body.requestId && l.level >= 50);
    expect(logged?.err?.message).toBe(DRIVER_MESSAGE);
  });
});

test('auth: a login while the disk fails answers the generic 500', async () => {
  failing.except = new Set();
  const res = await whileDiskFails('POST', '/api/auth/login', { email: 'someone@desk.example', password: PASSWORD }, false);
  expect(res.statusCode).toBe(500);
  expect(res.json()).toEqual({ code: 'INTERNAL', message: errorCatalogue.INTERNAL.message, statusCode: 500, requestId: expect.any(String) });
  expect(res.body).not.toContain('SQLITE');
});

test('auth: a session that cannot be looked up answers the generic 500, not a leak and not a 401', async () => {
  failing.except = new Set();
  const res = await whileDiskFails('GET', '/api/auth/me');
  expect(failing.failed).toContain('handoff.getSession');
  expect(res.statusCode).toBe(500);
  expect(res.body).not.toContain('/var/lib');
});

test('health: a failing disk is reported as unavailable (503), without the driver text', async () => {
  const res = await whileDiskFails('GET', '/health', undefined, false);
  expect(res.statusCode).toBe(503);
  expect(res.json()).toEqual({ status: 'error', storage: 'unavailable', bus: 'ok' });
  expect(res.body).not.toContain('SQLITE');
});

test('client errors keep their catalogue code and status; unknown routes answer NOT_FOUND in the same shape', async () => {
  const anonymous = await t.app.inject({ method: 'GET', url: '/api/cases' });
  expect(anonymous.statusCode).toBe(401);
  expect(anonymous.json()).toEqual({ code: 'UNAUTHENTICATED', message: errorCatalogue.UNAUTHENTICATED.message, statusCode: 401 });
  const badJson = await t.app.inject({ method: 'PATCH', url: '/api/cases/X', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, payload: '{"status":' });
  expect(badJson.statusCode).toBe(400);
  expect(badJson.json()).toMatchObject({ code: 'VALIDATION', statusCode: 400 });
  const missing = await t.app.inject({ method: 'GET', url: '/api/nope?x=1' });
  expect(missing.statusCode).toBe(404);
  expect(missing.json()).toEqual({ code: 'NOT_FOUND', message: `${errorCatalogue.NOT_FOUND.message} (GET /api/nope)`, statusCode: 404 });
});

test('customer socket: a message the disk cannot store gets the generic INTERNAL frame with its id, and no driver text', async () => {
  const { client } = await startChat(t.wsUrl);
  const raw: string[] = [];
  client.socket.on('message', (data) => raw.push(data.toString()));
  failing.on = true;
  try {
    client.send({ type: 'message', id: 'm-disk', text: 'where is my refund' });
    const frame = await client.waitFor((f) => f.type === 'error');
    expect(frame).toEqual({ type: 'error', code: 'INTERNAL', message: errorCatalogue.INTERNAL.message, retryable: true, id: 'm-disk' });
  } finally {
    failing.on = false;
  }
  expect(raw.join('\n')).not.toMatch(/SQLITE|disk I\/O|\/var\/lib|chat\.db/);
  expect(lines.some((l) => l.level >= 50 && l.err?.message === DRIVER_MESSAGE)).toBe(true);
  client.socket.close();
});
