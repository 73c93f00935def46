/**
 * Issue 13, defect 1: the login throttle cannot be bypassed with forged X-Forwarded-For headers,
 * guesses are also throttled per account, lockouts are in the audit log, and logs name the real
 * peer. Over the real app and real HTTP.
 */
import type pino from 'pino';
import { createLogger } from '../../src/app';
import { ConfigError, loadConfig } from '../../src/config';
import { startTestApp, type TestApp } from '../helpers/app';
import { PASSWORD, addAgent } from '../http/agent-helpers';

interface LogLine {
  msg: string;
  audit?: boolean;
  event?: string;
  ip?: string;
  account?: string;
  req?: { remoteAddress?: string };
}

function capture(): { logger: ReturnType<typeof createLogger>; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const destination = { write: (s: string) => void lines.push(JSON.parse(s) as LogLine) } as unknown as pino.DestinationStream;
  return { logger: createLogger('info', destination), lines };
}

const login = (t: TestApp, email: string, password: string, forwardedFor?: string) =>
  fetch(`${t.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    body: JSON.stringify({ email, password }),
  });

/** A different forged address every time, as the attack did. */
const forged = (i: number): string => `203.0.${Math.floor(i / 250)}.${(i % 250) + 1}`;

describe('TRUST_PROXY off (the default): X-Forwarded-For is not believed', () => {
  let t: TestApp;
  let lines: LogLine[];
  beforeEach(async () => {
    const c = capture();
    lines = c.lines;
    t = await startTestApp({ logLevel: 'info' }, { logger: c.logger });
  });
  afterEach(() => t.close());

  it('rotating forged addresses get no extra tries, the right password is refused once throttled, and logs name the real peer', async () => {
    const a = await addAgent(t, 'Ada');
    const statuses: number[] = [];
    const started = Date.now();
    for (let i = 0; i < 30; i++) statuses.push((await login(t, a.email, `wrong ${i}`, forged(i))).status);
    // 10 tries, plus one per 6 s the loop took (the bucket refills 10 a minute) on a loaded machine.
    const refills = Math.ceil((Date.now() - started) / 6000);
    expect(statuses.slice(0, 10)).toEqual(new Array(10).fill(401));
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10 + refills);
    expect(statuses.slice(-5)).toEqual(new Array(5).fill(429));
    const right = await login(t, a.email, PASSWORD, forged(99));
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    // The host, not just the account, is throttled: another agent's right password from it waits too.
    const other = await addAgent(t, 'Other');
    expect((await login(t, other.email, PASSWORD, forged(100))).status).toBe(429);

    const audit = lines.filter((l) => l.audit);
    expect(audit.some((l) => l.event === 'login_throttled')).toBe(true);
    const addresses = new Set([...audit.map((l) => l.ip), ...lines.map((l) => l.req?.remoteAddress)].filter(Boolean));
    expect([...addresses].every((ip) => ip === '127.0.0.1' || ip === '::ffff:127.0.0.1')).toBe(true);
    expect(JSON.stringify(lines)).not.toContain('203.0.');
  });
});

describe('per-account lockout, even from many real addresses (behind a trusted proxy)', () => {
  let t: TestApp;
  let lines: LogLine[];
  beforeEach(async () => {
    const c = capture();
    lines = c.lines;
    // One trusted hop: the test plays the proxy, so each forwarded address is a distinct client.
    t = await startTestApp({ logLevel: 'info', trustProxy: 1 }, { logger: c.logger });
  });
  afterEach(() => t.close());

  it('10 failures from 10 addresses lock the account: the right password is refused, the lock is audited, other accounts are unaffected', async () => {
    const a = await addAgent(t, 'Bob');
    const b = await addAgent(t, 'Cy');
    for (let i = 0; i < 10; i++) expect((await login(t, a.email, `guess ${i}`, forged(i))).status).toBe(401);
    const locked = await login(t, a.email.toUpperCase(), PASSWORD, forged(50));
    expect(locked.status).toBe(429);
    expect(((await locked.json()) as { code: string }).code).toBe('LOGIN_RATE_LIMITED');
    expect((await login(t, b.email, PASSWORD, forged(51))).status).toBe(200);

    const events = lines.filter((l) => l.audit).map((l) => ({ event: l.event, ip: l.ip, account: l.account }));
    expect(events).toContainEqual({ event: 'account_locked', ip: forged(9), account: a.email.toLowerCase() });
    expect(events).toContainEqual({ event: 'login_refused_account_locked', ip: forged(50), account: a.email.toLowerCase() });
    expect(events).toContainEqual({ event: 'login_succeeded', ip: forged(51), account: b.email.toLowerCase() });
  });

  it('an unknown account is throttled the same way (no hint which accounts exist)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await login(t, 'nobody@desk.example', 'x', forged(i))).status);
    expect(statuses).toEqual([...new Array(10).fill(401), 429]);
  });
});

describe('TRUST_PROXY configuration', () => {
  const load = (value: string) => loadConfig({ TRUST_PROXY: value }, process.cwd()).trustProxy;
  it.each([
    ['', false],
    ['false', false],
    ['1', 1],
    ['2', 2],
    ['10.0.0.2', ['10.0.0.2']],
    ['10.0.0.2, 10.0.1.0/24,::1', ['10.0.0.2', '10.0.1.0/24', '::1']],
  ])('%j → %j', (value, expected) => {
    expect(load(value)).toEqual(expected);
  });
  it.each(['true', 'yes', 'proxy.local', '10.0.0.1/33', '11', '10.0.0.300'])('refuses %j', (value) => {
    expect(() => load(value)).toThrow(ConfigError);
  });

  it('only the listed proxies are believed', async () => {
    const c = capture();
    const t = await startTestApp({ logLevel: 'info', trustProxy: ['10.1.2.3'] }, { logger: c.logger });
    try {
      const a = await addAgent(t, 'Dee');
      // The test client is 127.0.0.1, not a listed proxy: its X-Forwarded-For is ignored.
      // Ten different (unknown) accounts, so only the per-peer throttle can refuse the eleventh.
      let i = 0;
      while (i < 30 && (await login(t, `x${i}@desk.example`, 'nope', forged(i))).status !== 429) i++;
      expect(i).toBeGreaterThanOrEqual(10);
      expect(i).toBeLessThan(30);
      expect((await login(t, a.email, PASSWORD, forged(40))).status).toBe(429);
      expect(c.lines.filter((l) => l.audit).every((l) => l.ip === '127.0.0.1')).toBe(true);
    } finally {
      await t.close();
    }
  });
});
