import { startTestApp, type TestApp } from '../helpers/app';
import { AgentClient, login, rest, signedIn, type LoggedIn } from './agent-helpers';

let t: TestApp;
let admin: LoggedIn;
// A fresh server per test: the wrong-password checks below would otherwise trip the per-address login throttle.
beforeEach(async () => {
  t = await startTestApp();
  admin = await signedIn(t, 'Ada Admin', 'admin');
});
afterEach(async () => {
  await t.close();
});

interface Account {
  id: string;
  email: string;
  name: string;
  role: string;
  disabled: boolean;
}

async function createAccount(name: string, role = 'agent') {
  const res = await rest<{ account: Account; password: string }>(t, admin, 'POST', '/api/accounts', {
    email: `${name.toLowerCase().replace(/\W+/g, '.')}@desk.example`,
    name,
    role,
  });
  expect(res.status).toBe(201);
  return res.body;
}

async function connected(who: LoggedIn) {
  const socket = await AgentClient.connect(t, who);
  await socket.waitFor('hello');
  return socket;
}

/** DELETE as the console sends it; a 204 has no body to parse. */
async function remove(who: LoggedIn, path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${t.url}${path}`, { method: 'DELETE', headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken } });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function loginStatus(email: string, password: string) {
  const res = await fetch(`${t.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  return res.status;
}

describe('staff accounts', () => {
  test('only admins see or change accounts; the list never carries password hashes', async () => {
    const agent = await signedIn(t, 'Plain Agent');
    const operator = await signedIn(t, 'Olga Operator', 'operator');
    expect((await rest(t, agent, 'GET', '/api/accounts')).status).toBe(403);
    expect((await rest(t, operator, 'POST', '/api/accounts', { email: 'x@y.z', name: 'X', role: 'admin' })).status).toBe(403);
    expect((await rest(t, undefined, 'GET', '/api/accounts')).status).toBe(401);
    const list = await rest<{ accounts: Array<Record<string, unknown>> }>(t, admin, 'GET', '/api/accounts');
    expect(list.status).toBe(200);
    expect(list.body.accounts.map((a) => a.name)).toEqual(expect.arrayContaining(['Ada Admin', 'Plain Agent', 'Olga Operator']));
    for (const a of list.body.accounts) expect(a).not.toHaveProperty('passwordHash');
  });

  test('an admin creates an account with a one-time password; a duplicate email or a bad role is refused clearly', async () => {
    const { account, password } = await createAccount('Nia New');
    expect(account).toMatchObject({ name: 'Nia New', role: 'agent', disabled: false });
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect(await loginStatus(account.email, password)).toBe(200);
    const dup = await rest(t, admin, 'POST', '/api/accounts', { email: account.email.toUpperCase(), name: 'Other', role: 'agent' });
    expect(dup).toMatchObject({ status: 409, body: { code: 'EMAIL_TAKEN' } });
    const bad = await rest(t, admin, 'POST', '/api/accounts', { email: 'z@desk.example', name: 'Z', role: 'root' });
    expect(bad).toMatchObject({ status: 400, body: { code: 'VALIDATION' } });
  });

  test('disabling closes the agent\'s open socket at once and ends the session; enabling lets them log in again', async () => {
    const { account, password } = await createAccount('Dora Disabled');
    const dora = await login(t, account.email, password);
    const socket = await connected(dora);
    const res = await rest<{ account: Account }>(t, admin, 'PATCH', `/api/accounts/${account.id}`, { disabled: true });
    expect(res).toMatchObject({ status: 200, body: { account: { disabled: true } } });
    expect(await socket.waitClosed()).toBe(4001);
    expect((await rest(t, dora, 'GET', '/api/auth/me')).status).toBe(401);
    expect(await loginStatus(account.email, password)).toBe(401);
    expect((await rest(t, admin, 'PATCH', `/api/accounts/${account.id}`, { disabled: false })).status).toBe(200);
    expect(await loginStatus(account.email, password)).toBe(200);
  });

  test('a password reset ends old sessions; the old password stops working and the new one works', async () => {
    const { account, password } = await createAccount('Rex Reset');
    const rex = await login(t, account.email, password);
    const socket = await connected(rex);
    const res = await rest<{ password: string }>(t, admin, 'POST', `/api/accounts/${account.id}/reset-password`);
    expect(res.status).toBe(200);
    expect(res.body.password).not.toBe(password);
    expect(await socket.waitClosed()).toBe(4001);
    expect(await loginStatus(account.email, password)).toBe(401);
    expect(await loginStatus(account.email, res.body.password)).toBe(200);
  });

  test('a new role ends the session, and the next login carries the new role', async () => {
    const { account, password } = await createAccount('Remy Role');
    const remy = await login(t, account.email, password);
    const socket = await connected(remy);
    expect((await rest(t, remy, 'GET', '/api/conversations')).status).toBe(403);
    expect((await rest(t, admin, 'PATCH', `/api/accounts/${account.id}`, { role: 'operator' })).status).toBe(200);
    expect(await socket.waitClosed()).toBe(4001);
    const again = await login(t, account.email, password);
    expect(again.agent.role).toBe('operator');
    expect((await rest(t, again, 'GET', '/api/conversations')).status).toBe(200);
  });

  test('removing an account closes its socket and deletes it; an admin cannot disable, demote or remove themselves', async () => {
    const { account, password } = await createAccount('Ross Removed');
    const socket = await connected(await login(t, account.email, password));
    expect((await remove(admin, `/api/accounts/${account.id}`)).status).toBe(204);
    expect(await socket.waitClosed()).toBe(4001);
    expect(await loginStatus(account.email, password)).toBe(401);
    const list = await rest<{ accounts: Account[] }>(t, admin, 'GET', '/api/accounts');
    expect(list.body.accounts.map((a) => a.id)).not.toContain(account.id);
    expect((await remove(admin, `/api/accounts/${account.id}`)).status).toBe(404);

    const own = `/api/accounts/${admin.agent.id}`;
    for (const res of [await rest(t, admin, 'PATCH', own, { disabled: true }), await rest(t, admin, 'PATCH', own, { role: 'agent' }), await remove(admin, own)]) {
      expect(res).toMatchObject({ status: 409, body: { code: 'SELF_CHANGE' } });
    }
    expect((await rest(t, admin, 'GET', '/api/auth/me')).status).toBe(200);
  });

  test('PATCH takes exactly one change', async () => {
    const { account } = await createAccount('Pat Patch');
    for (const body of [{}, { role: 'operator', disabled: true }, { name: 'x' }, { disabled: 'yes' }]) {
      expect(await rest(t, admin, 'PATCH', `/api/accounts/${account.id}`, body)).toMatchObject({ status: 400, body: { code: 'VALIDATION' } });
    }
  });
});
