/**
 * The widget's messenger basics and polish in real headless Chromium against the real server:
 * message times, the agent's initials, the rating's comment box, a text-safe brand colour, the
 * server's brand as the default, "New conversation" that asks first, the phone layout (focus kept
 * in the full-screen panel, a launcher that leaves the page's end readable) and a socket that
 * cannot connect explaining itself and offering a retry.
 */
import type { Page } from 'playwright-core';
import { AgentClient, login, addAgent } from '../http/agent-helpers';
import { openWidget, say, widgetUi } from '../helpers/console';
import { useBrowserApp, type Visitor } from '../helpers/e2e';

jest.setTimeout(90_000);

const e2e = useBrowserApp();
const PHONE = { width: 390, height: 844 };

async function visit(pathname = '/', viewport?: { width: number; height: number }): Promise<Visitor> {
  const v = await e2e.visitor(viewport);
  await v.page.goto(e2e.server.url + pathname);
  return v;
}

/**
 * A bare host page that embeds the widget with `attrs`. Written into a document the server served
 * (so Chromium treats it as the same local origin, as a real page there would be).
 */
async function hostPage(attrs: string, viewport?: { width: number; height: number }): Promise<Visitor> {
  const v = await e2e.visitor(viewport);
  await v.page.goto(`${e2e.server.url}/health`);
  await v.page.setContent(`<!doctype html><html lang="en"><title>Host</title><main><h1>Host page</h1></main><script src="/widget.js" ${attrs}></script></html>`);
  return v;
}

function host(page: Page) {
  return page.locator('#support-widget');
}

/** WCAG contrast of two `rgb(r, g, b)` strings, computed in the page. */
async function contrastInPage(page: Page, fg: string, bg: string): Promise<number> {
  return page.evaluate(
    ([a, b]) => {
      const lum = (c: string) => {
        const [r, g, bl] = (c.match(/\d+/g) ?? []).slice(0, 3).map((x) => {
          const s = Number(x) / 255;
          return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        }) as [number, number, number];
        return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
      };
      const [hi, lo] = [lum(a as string), lum(b as string)].sort((x, y) => y - x) as [number, number];
      return (hi + 0.05) / (lo + 0.05);
    },
    [fg, bg],
  );
}

describe('widget messenger basics', () => {
  it("shows each message's time and the agent's initials, and takes a comment with the rating", async () => {
    const ada = await addAgent(e2e.server, 'Ada Lovelace');
    const agent = await AgentClient.connect(e2e.server, await login(e2e.server, ada.email));
    await agent.waitFor('hello');
    agent.send({ type: 'presence', status: 'online' });

    const { page, errors } = await visit('/');
    const w = await openWidget(page);
    await say(page, 'I want to speak to an agent');
    const queued = await agent.waitFor('queue', (f) => f.entries.length > 0);
    const conversationId = queued.entries[0]!.conversationId;
    agent.send({ type: 'claim', conversationId });
    await agent.waitFor('assigned', (f) => f.conversationId === conversationId);
    agent.send({ type: 'message', conversationId, id: 'a1', text: 'Hi, Ada here.' });

    const agentMsg = host(page).locator('.msg.agent').filter({ hasText: 'Hi, Ada here.' });
    await agentMsg.waitFor();
    expect((await agentMsg.locator('.face').innerText()).trim()).toBe('AL');
    expect(await agentMsg.locator('.who').innerText()).toContain('Ada Lovelace');

    // Every delivered message carries a <time> with the server's instant, shown as a clock time.
    const stored = await e2e.server.storage.messagesAfter(conversationId, 0);
    const times = host(page).locator('.msg time');
    await page.waitForFunction(`[...document.querySelector('#support-widget').shadowRoot.querySelectorAll('.msg:not(.system)')].every((m) => m.querySelector('.meta'))`);
    const datetimes = await times.evaluateAll((els) => els.map((e) => e.getAttribute('datetime') ?? ''));
    expect(datetimes.length).toBeGreaterThanOrEqual(3);
    for (const iso of datetimes) expect(Math.abs(Date.parse(iso) - Date.now())).toBeLessThan(60_000);
    expect(datetimes).toContain(new Date(stored.find((m) => m.id === 'a1')!.createdAt).toISOString());
    expect(await times.first().innerText()).toMatch(/^\d{1,2}:\d\d/);

    // The agent closes; the customer rates 2, adds a comment with the keyboard, and sends it.
    agent.send({ type: 'close', conversationId, resolution: 'answered' });
    const stars = host(page).getByRole('group', { name: 'How was your chat?' });
    await stars.waitFor();
    await stars.getByRole('button', { name: 'Rate 2 out of 5' }).click();
    expect(await stars.getByRole('button', { name: 'Rate 2 out of 5' }).getAttribute('aria-pressed')).toBe('true');
    const comment = host(page).getByRole('textbox', { name: 'Anything to add? (optional)' });
    await comment.fill('The wait was long');
    await comment.press('Enter');
    await host(page).getByText('Thank you for your feedback.').waitFor();
    let feedback = await e2e.server.storage.cases.listFeedback({ conversationId });
    for (let i = 0; i < 50 && feedback.length === 0; i++) {
      await page.waitForTimeout(100);
      feedback = await e2e.server.storage.cases.listFeedback({ conversationId });
    }
    expect(feedback[0]).toMatchObject({ rating: 2, comment: 'The wait was long' });
    expect(errors).toEqual([]);
    // The chat has ended: no message box, the way on is a new conversation (focused after rating).
    const startNew = host(page).locator('.bar.ended').getByRole('button', { name: 'Start a new conversation' });
    await startNew.waitFor();
    expect(await w.input.isVisible()).toBe(false);
    expect(await startNew.evaluate((el) => el === (el.getRootNode() as unknown as { activeElement: unknown }).activeElement)).toBe(true);
    await agent.close();
  });

  it('keeps a light brand colour readable as text on white, and takes BRAND_NAME when the tag has no data-brand', async () => {
    const { page, errors } = await hostPage('data-color="#ffcc00"');
    const w = await openWidget(page);
    expect((await host(page).locator('header h2').innerText()).trim()).toBe(e2e.server.config.brandName);
    // An answer's "Read the article" link is brand-coloured text on white.
    await say(page, 'how long does a refund take');
    const chip = host(page).locator('.article .more').first();
    await chip.waitFor();
    await w.input.waitFor();
    const styleOf = (el: unknown) => {
      const cs = (globalThis as unknown as { getComputedStyle(e: unknown): { color: string; backgroundColor: string } }).getComputedStyle(el);
      return [cs.color, cs.backgroundColor];
    };
    const [fg, bg] = await chip.evaluate(styleOf);
    expect(await contrastInPage(page, fg!, bg!)).toBeGreaterThanOrEqual(4.5);
    // The header keeps the brand colour itself as its background, with dark text on it.
    const [headerFg, headerBg] = await host(page).locator('header').evaluate(styleOf);
    expect(headerBg).toBe('rgb(255, 204, 0)');
    expect(await contrastInPage(page, headerFg!, headerBg!)).toBeGreaterThanOrEqual(4.5);
    expect(errors).toEqual([]);
  });
});

describe('widget polish', () => {
  it('"New conversation" asks first once the customer has written, and not on a fresh chat', async () => {
    const { page } = await visit('/');
    const w = await openWidget(page);
    await w.bubbles.first().waitFor();
    const newBtn = host(page).getByRole('button', { name: 'New conversation' });
    const confirm = host(page).getByRole('alertdialog');

    // Nothing written yet: starts over at once.
    await newBtn.click();
    expect(await confirm.isVisible()).toBe(false);

    await say(page, 'how do refunds work');
    await w.log.getByText('how do refunds work').waitFor();
    await newBtn.click();
    await confirm.getByText('Start a new conversation? This chat will end.').waitFor();
    // Keeping the chat keeps it; Escape does too.
    await confirm.getByRole('button', { name: 'Keep this chat' }).click();
    expect(await w.log.getByText('how do refunds work').count()).toBe(1);
    await newBtn.click();
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'hidden' });
    expect(await host(page).getByRole('dialog').isVisible()).toBe(true);

    await newBtn.click();
    await confirm.getByRole('button', { name: 'Start new' }).click();
    await w.log.getByText('how do refunds work').waitFor({ state: 'detached' });
  });

  it('on a phone: the button says "New conversation", Tab stays in the full-screen panel, and the launcher leaves the page end readable', async () => {
    const { page } = await visit('/', PHONE);
    // Closed: at the very end of the page the footer's last line is clear of the launcher.
    await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
    const launcher = await host(page).locator('button.launcher').boundingBox();
    // The page's last visible line of text (scripts, styles and the widget aside).
    const lastText = (await page.evaluate(`(() => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let last = null;
      while (walker.nextNode()) {
        const n = walker.currentNode;
        if (n.textContent.trim() && !n.parentElement.closest('script,style,#support-widget')) last = n;
      }
      const range = document.createRange();
      range.selectNodeContents(last);
      const r = range.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    })()`)) as { x: number; y: number; width: number; height: number };
    const overlaps = launcher!.x < lastText.x + lastText.width && lastText.x < launcher!.x + launcher!.width && launcher!.y < lastText.y + lastText.height && lastText.y < launcher!.y + launcher!.height;
    expect(overlaps).toBe(false);

    const w = await openWidget(page);
    const newBtn = host(page).getByRole('button', { name: 'New conversation' });
    expect((await newBtn.innerText()).trim()).toBe('New conversation');
    expect(await host(page).getByRole('dialog').getAttribute('aria-modal')).toBe('true');
    // Tab and Shift+Tab cycle inside the panel; the page behind never gets focus.
    for (const key of [...Array(12).fill('Tab'), ...Array(12).fill('Shift+Tab')]) {
      await page.keyboard.press(key);
      expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('support-widget');
    }
    await w.input.focus();
  });

  it('does not trap focus in the floating panel on a wide screen', async () => {
    const { page } = await visit('/');
    await openWidget(page);
    expect(await host(page).getByRole('dialog').getAttribute('aria-modal')).toBeNull();
    let left = false;
    for (let i = 0; i < 15 && !left; i++) {
      await page.keyboard.press('Tab');
      left = (await page.evaluate(`document.activeElement && document.activeElement.id !== 'support-widget'`)) as boolean;
    }
    expect(left).toBe(true);
  });

  it('a socket that cannot connect explains itself and offers "Try again", which reconnects', async () => {
    const v = await e2e.visitor();
    let refuse = true;
    let attempts = 0;
    await v.page.routeWebSocket(/\/ws\/chat$/, (ws) => {
      attempts++;
      if (refuse) ws.close({ code: 4000, reason: 'down' });
      else ws.connectToServer();
    });
    await v.page.goto(e2e.server.url + '/');
    const w = await openWidget(v.page);
    const conn = host(v.page).locator('.bar.conn');
    await conn.getByText("We can't reach the chat service.", { exact: false }).waitFor({ timeout: 30_000 });
    expect(await conn.innerText()).not.toContain('Reconnecting');
    const before = attempts;
    refuse = false;
    await conn.getByRole('button', { name: 'Try again' }).click();
    await conn.waitFor({ state: 'hidden' });
    expect(attempts).toBeGreaterThan(before);
    await say(v.page, 'hello');
    await w.log.getByText('hello', { exact: true }).waitFor();
    await widgetUi(v.page).bubbles.nth(1).waitFor();
  });
});
