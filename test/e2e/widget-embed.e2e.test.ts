/**
 * Issue 13, defect 11, in a real Chromium: with the security headers on, the widget still embeds
 * with one script tag on a shop's page on another origin and chats; our own pages run under their
 * CSP without a violation; and no other site can frame our pages.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { useBrowserApp } from '../helpers/e2e';

jest.setTimeout(60_000);

const e2e = useBrowserApp();

/** A third-party shop on another origin (localhost vs the app's 127.0.0.1, another port), serving `html`. */
async function thirdPartySite(html: (appUrl: string) => string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html(e2e.server.url));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://localhost:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Console lines in which Chromium reports a blocked resource or a CSP violation. */
function violations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Cross-Origin-Resource-Policy|Refused to/i.test(m.text())) seen.push(m.text());
  });
  page.on('requestfailed', (r) => seen.push(`failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  return seen;
}

async function chat(page: Page): Promise<void> {
  const host = page.locator('#support-widget');
  await host.locator('button.launcher').click();
  const input = host.getByRole('textbox', { name: 'Message' });
  await input.fill('how do I get a refund for my return');
  await input.press('Enter');
  await host.getByRole('log').locator('.msg.bot').nth(1).waitFor();
}

describe('the widget under the security headers', () => {
  it('embeds on a page of another origin with one script tag and chats', async () => {
    const site = await thirdPartySite((app) => `<!doctype html><title>Shop</title><h1>Some shop</h1><script src="${app}/widget.js" async></script>`);
    try {
      const { page, errors } = await e2e.visitor();
      const seen = violations(page);
      await page.goto(site.url);
      expect(new URL(page.url()).origin).not.toBe(new URL(e2e.server.url).origin);
      await chat(page);
      expect(errors).toEqual([]);
      expect(seen).toEqual([]);
    } finally {
      await site.close();
    }
  });

  it.each(['/', '/help'])('chats on our own page %s with no CSP violation', async (p) => {
    const { page, errors } = await e2e.visitor();
    const seen = violations(page);
    await page.goto(e2e.server.url + p);
    await chat(page);
    expect(errors).toEqual([]);
    expect(seen).toEqual([]);
  });

  it('another site cannot frame the console, the help centre or the demo page', async () => {
    const site = await thirdPartySite(
      (app) => `<!doctype html><title>Framer</title>${['/console', '/help', '/'].map((p) => `<iframe src="${app}${p}"></iframe>`).join('')}`,
    );
    try {
      const { page } = await e2e.visitor();
      const blocked: string[] = [];
      page.on('console', (m) => {
        if (/frame-ancestors|X-Frame-Options/i.test(m.text())) blocked.push(m.text());
      });
      await page.goto(site.url);
      await page.waitForTimeout(1000);
      const frames = page.frames().filter((f) => f !== page.mainFrame());
      expect(frames).toHaveLength(3);
      for (const f of frames) {
        // A refused frame holds Chromium's error page, never our document.
        const title = await f.title().catch(() => '');
        expect(title).not.toMatch(/Help Centre|Console|Acme/);
      }
      expect(blocked.length).toBeGreaterThanOrEqual(3);
    } finally {
      await site.close();
    }
  });
});
