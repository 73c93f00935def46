/**
 * Issue 13, defect 11: every page and route carries security headers (CSP without inline script,
 * no framing, HSTS behind an https PUBLIC_URL), and the pages really run under that policy.
 * Over the real app and real HTTP.
 */
import { startTestApp, type TestApp } from '../helpers/app';

/** Every path a browser may render or load from this server, plus the JSON and error routes. */
const PATHS = ['/', '/orders.html', '/help', '/help?q=refund', '/console', '/health', '/api/agents', '/no-such-page'];

function directives(csp: string | null): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of (csp ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

describe('security headers over plain HTTP (PUBLIC_URL unset)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it.each(PATHS)('%s: CSP allows scripts only from this origin, never inline, and forbids framing', async (p) => {
    const res = await fetch(t.url + p);
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // No HSTS on plain HTTP: it would lock localhost out of http for a year.
    expect(res.headers.get('strict-transport-security')).toBeNull();
    expect(csp.has('upgrade-insecure-requests')).toBe(false);
  });

  it.each(['/', '/orders.html', '/help', '/help?q=card', '/console'])('%s has no inline script for the CSP to block', async (p) => {
    const html = await (await fetch(t.url + p)).text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc=/);
      expect(body?.trim()).toBe('');
    }
    // Inline event handlers are inline script too.
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  });

  it('the widget script may be loaded by any site; everything else stays same-origin', async () => {
    const widget = await fetch(`${t.url}/widget.js`);
    expect(widget.status).toBe(200);
    expect(widget.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    for (const p of ['/console.js', '/help', '/health']) {
      expect((await fetch(t.url + p)).headers.get('cross-origin-resource-policy')).toBe('same-origin');
    }
  });
});

describe('security headers behind PUBLIC_URL=https://…', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ publicUrl: 'https://chat.example.com' });
  });
  afterAll(() => t.close());

  it.each(['/', '/help', '/console', '/health'])('%s: HSTS for a year with subdomains, and insecure subresources are upgraded', async (p) => {
    const res = await fetch(t.url + p);
    const hsts = res.headers.get('strict-transport-security') ?? '';
    expect(Number(/max-age=(\d+)/.exec(hsts)?.[1])).toBeGreaterThanOrEqual(365 * 24 * 3600);
    expect(hsts).toMatch(/includeSubDomains/);
    expect(directives(res.headers.get('content-security-policy')).has('upgrade-insecure-requests')).toBe(true);
  });
});

describe('the console allows no inline style either', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('style-src is self only on /console, while the help centre may carry its inline stylesheet', async () => {
    expect(directives((await fetch(`${t.url}/console`)).headers.get('content-security-policy')).get('style-src')).toEqual(["'self'"]);
    expect(directives((await fetch(`${t.url}/help`)).headers.get('content-security-policy')).get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });
});
