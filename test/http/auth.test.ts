import { startTestApp, type TestApp } from '../helpers/app';
import { AgentClient, PASSWORD, addAgent, login } from './agent-helpers';

let t: TestApp;
beforeAll(async () => {
  // Behind one proxy hop (the test client plays it), so each test can be its own client address.
  t = await startTestApp({ trustProxy: 1 });
});
afterAll(async () => {
  await t.close();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${t.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('agent auth', () => {
  test('login sets an httpOnly SameSite=Strict cookie and returns the agent and a CSRF token; /me answers the same', async () => {
    const a = await addAgent(t, 'Ada', 'operator');
    const res = await post('/api/auth/login', { email: a.email.toUpperCase(), password: PASSWORD }, { 'x-forwarded-for': '10.0.0.1' });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/); // plain http here
    const body = (await res.json()) as { agent: { role: string; email: string }; csrfToken: string };
    expect(body.agent).toMatchObject({ role: 'operator', email: a.email });
    expect(body.csrfToken.length).toBeGreaterThan(20);
    const me = await fetch(`${t.url}/api/auth/me`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(await me.json()).toEqual(body);
    expect((await fetch(`${t.url}/api/auth/me`)).status).toBe(401);
  });

  test('the cookie is Secure when PUBLIC_URL is https, whatever a request header says', async () => {
    const a = await addAgent(t, 'Sam');
    const forged = await post('/api/auth/login', { email: a.email, password: PASSWORD }, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '10.0.0.2' });
    expect(forged.headers.get('set-cookie')).not.toMatch(/Secure/);
    const https = await startTestApp({ publicUrl: 'https://chat.example' });
    try {
      const b = await addAgent(https, 'Sue');
      const res = await fetch(`${https.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: b.email, password: PASSWORD }) });
      expect(res.headers.get('set-cookie')).toMatch(/; Secure/);
    } finally {
      await https.close();
    }
  });

  test('a wrong password and an unknown email both get 401 LOGIN_FAILED', async () => {
    const a = await addAgent(t, 'Bob');
    for (const body of [{ email: a.email, password: 'wrong password!' }, { email: 'nobody@desk.example', password: PASSWORD }]) {
      const res = await post('/api/auth/login', body, { 'x-forwarded-for': '10.0.0.3' });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { code: string }).code).toBe('LOGIN_FAILED');
      expect(res.headers.get('set-cookie')).toBeNull();
    }
  });

  test('too many attempts from one IP are refused with 429 and Retry-After, other IPs still log in', async () => {
    const a = await addAgent(t, 'Eve');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await post('/api/auth/login', { email: a.email, password: 'nope nope nope' }, { 'x-forwarded-for': '10.9.9.9' })).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    const limited = await post('/api/auth/login', { email: a.email, password: PASSWORD }, { 'x-forwarded-for': '10.9.9.9' });
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { code: string }).code).toBe('LOGIN_RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // That account is now locked for everyone (test/security/login-throttle.test.ts); other accounts from other IPs log in.
    const b = await addAgent(t, 'Fay');
    expect((await post('/api/auth/login', { email: b.email, password: PASSWORD }, { 'x-forwarded-for': '10.9.9.8' })).status).toBe(200);
  });

  test('a state-changing request without the CSRF token is refused with 403, with it it works', async () => {
    const a = await addAgent(t, 'Cy');
    const s = await login(t, a.email);
    const missing = await post('/api/auth/logout', {}, { cookie: s.cookie });
    expect(missing.status).toBe(403);
    expect(((await missing.json()) as { code: string }).code).toBe('CSRF_INVALID');
    const wrong = await post('/api/auth/logout', {}, { cookie: s.cookie, 'x-csrf-token': 'x'.repeat(s.csrfToken.length) });
    expect(wrong.status).toBe(403);
    expect((await fetch(`${t.url}/api/auth/me`, { headers: { cookie: s.cookie } })).status).toBe(200);
    const ok = await post('/api/auth/logout', {}, { cookie: s.cookie, 'x-csrf-token': s.csrfToken });
    expect(ok.status).toBe(204);
  });

  test('logging out closes that session’s agent sockets and the session stops working', async () => {
    const a = await addAgent(t, 'Dee');
    const s = await login(t, a.email);
    const other = await login(t, a.email); // a second browser of the same agent stays logged in
    const socket = await AgentClient.connect(t, s);
    const otherSocket = await AgentClient.connect(t, other);
    await socket.waitFor('hello');
    await otherSocket.waitFor('hello');
    expect((await post('/api/auth/logout', {}, { cookie: s.cookie, 'x-csrf-token': s.csrfToken })).status).toBe(204);
    expect(await socket.waitClosed()).toBe(4001);
    expect((await fetch(`${t.url}/api/auth/me`, { headers: { cookie: s.cookie } })).status).toBe(401);
    await expect(AgentClient.connect(t, s)).rejects.toThrow(/401/);
    expect(otherSocket.closed).toBeUndefined();
    await otherSocket.close();
  });

  test('agent REST routes need a session', async () => {
    expect((await fetch(`${t.url}/api/queue`)).status).toBe(401);
    const a = await addAgent(t, 'Flo');
    const s = await login(t, a.email);
    const res = await fetch(`${t.url}/api/queue`, { headers: { cookie: s.cookie } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ entries: [] });
  });
});
