/**
 * The widget in a real headless Chromium against the real server (shipped intents and knowledge
 * base, temp SQLite): what a customer on the demo shop sees and can do.
 */
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { startTestApp } from '../helpers/app';
import { TEST_OUTPUT, useBrowserApp, type Visitor } from '../helpers/e2e';

jest.setTimeout(60_000);

const REFUND_QUESTION = 'I returned my shoes two weeks ago and still have no refund';

const e2e = useBrowserApp();

/** A new visitor (fresh storage) on a page of the demo shop. Page errors fail the test. */
async function visit(pathname = '/', viewport?: { width: number; height: number }, base = e2e.server.url): Promise<Visitor> {
  const v = await e2e.visitor(viewport);
  await v.page.goto(base + pathname);
  return v;
}

/** The widget's parts; playwright's CSS and role locators pierce the open shadow root. */
function widget(page: Page) {
  const host = page.locator('#support-widget');
  return {
    launcher: host.locator('button.launcher'),
    panel: host.getByRole('dialog'),
    log: host.getByRole('log'),
    input: host.getByRole('textbox', { name: 'Message' }),
    send: host.getByRole('button', { name: 'Send message' }),
    newConversation: host.getByRole('button', { name: 'New conversation' }),
    quickReply: (name: string | RegExp) => host.getByRole('group', { name: 'Suggested replies' }).getByRole('button', { name }),
    bubbles: host.locator('.bubble'),
  };
}

async function open(page: Page) {
  const w = widget(page);
  await w.launcher.click();
  await w.input.waitFor();
  return w;
}

async function ask(page: Page, text: string) {
  const w = widget(page);
  await w.input.fill(text);
  await w.input.press('Enter');
}

/** Waits until the element has focus inside its (shadow) root; fails the test if it never does. */
async function expectFocused(page: Page, locator: Locator) {
  const handle = await locator.elementHandle();
  await page.waitForFunction((el: { getRootNode(): { activeElement: unknown } } | null) => !!el && el.getRootNode().activeElement === el, handle, {
    timeout: 5000,
  });
}

async function bubbleTexts(page: Page): Promise<string[]> {
  return (await widget(page).bubbles.allInnerTexts()).map((t) => t.trim());
}

describe('support widget in a browser', () => {
  it('answers a refund question with the article and a yes/no check, and offers topics and a person on "No"', async () => {
    const { page, errors, context } = await visit('/');
    const w = widget(page);

    // Keyboard: focus the launcher and press Enter; focus lands in the composer.
    await w.launcher.focus();
    await page.keyboard.press('Enter');
    await w.panel.waitFor();
    expect(await w.launcher.getAttribute('aria-expanded')).toBe('true');
    await expectFocused(page, w.input);
    await w.log.getByText(/assistant/i).first().waitFor();

    await ask(page, REFUND_QUESTION);
    const article = w.log.locator('a[href*="/help/"]').first();
    await article.waitFor();
    expect(await article.getAttribute('target')).toBe('_blank');
    expect(await article.getAttribute('rel')).toContain('noopener');
    expect(await article.innerText()).toMatch(/refund/i);
    await w.log.getByText('Did this answer your question?').waitFor();
    await w.quickReply('Yes').waitFor();

    await w.quickReply('No').click();
    // The label shows as the customer's message and the bot clarifies with topics and a person.
    await w.log.locator('.msg.customer').getByText('No', { exact: true }).waitFor();
    await w.quickReply('Talk to a person').waitFor();
    const topics = await w.quickReply(/./).allInnerTexts();
    expect(topics.length).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: path.join(TEST_OUTPUT, 'widget.png') });

    // A reload shows the same history (from storage at once, then resumed without duplicates).
    const before = await bubbleTexts(page);
    expect(before).toContain(REFUND_QUESTION);
    await page.reload();
    await widget(page).log.getByText(REFUND_QUESTION).waitFor();
    await page.waitForTimeout(500); // give the resumed socket time to (wrongly) add duplicates
    expect(await bubbleTexts(page)).toEqual(before);

    // Another page of the shop shows it too, straight from the browser's storage: with the
    // socket held back, the history is there before the server could have sent anything.
    await context.routeWebSocket(/\/ws\/chat$/, () => undefined);
    await page.goto(e2e.server.url + '/orders.html');
    const onOrders = widget(page);
    if ((await onOrders.launcher.getAttribute('aria-expanded')) !== 'true') await onOrders.launcher.click();
    await onOrders.log.getByText(REFUND_QUESTION).waitFor();
    expect(await bubbleTexts(page)).toEqual(before);

    // Escape closes the panel and gives focus back to the launcher.
    await onOrders.input.focus();
    await page.keyboard.press('Escape');
    await onOrders.panel.waitFor({ state: 'hidden' });
    expect(await onOrders.launcher.getAttribute('aria-expanded')).toBe('false');
    await expectFocused(page, onOrders.launcher);
    expect(errors).toEqual([]);
  });

  it('keeps working and keeps its look when the host page has hostile CSS', async () => {
    const { page } = await visit('/');
    await page.addStyleTag({
      content: '* { color: red !important; display: block !important; font-size: 40px !important; background: yellow !important; } button { width: 10px !important; }',
    });
    const w = await open(page);
    await ask(page, REFUND_QUESTION);
    await w.log.getByText('Did this answer your question?').waitFor();

    const box = await w.panel.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.width).toBeGreaterThan(300);
    expect(box!.width).toBeLessThanOrEqual(400);
    expect(box!.x + box!.width).toBeLessThanOrEqual(1280);
    const style = await w.bubbles.first().evaluate((el: unknown) => {
      const s = (globalThis as unknown as { getComputedStyle(e: unknown): { color: string; fontSize: string } }).getComputedStyle(el);
      return { color: s.color, fontSize: s.fontSize };
    });
    expect(style.color).not.toBe('rgb(255, 0, 0)');
    expect(style.fontSize).toBe('14px');
    expect(await w.quickReply('Yes').isVisible()).toBe(true);
  });

  it('shows typed HTML as literal text and never runs it', async () => {
    const { page } = await visit('/');
    const w = await open(page);
    const attack = '<img src=x onerror="window.__xss=1">';
    await ask(page, attack);
    await w.log.locator('.msg.customer .bubble').getByText(attack, { exact: true }).waitFor();
    // Wait for the bot's reply so the server's copy of the message has come back too.
    await w.log.locator('.msg.bot').nth(1).waitFor();
    expect(await page.locator('#support-widget img').count()).toBe(0);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
  });

  it('says politely when a message is too long, and does not keep trying to send it', async () => {
    const { page } = await visit('/');
    const w = await open(page);
    await w.bubbles.first().waitFor();
    await ask(page, 'a'.repeat(e2e.server.config.maxMessageChars + 50));
    await page.locator('#support-widget').getByRole('alert').getByText(/too long/i).waitFor();
    await w.log.locator('.msg.failed').getByText('Not sent').waitFor();
    expect(await page.locator('#support-widget .msg.pending').count()).toBe(0);
    // The customer can carry on with a shorter message.
    await ask(page, REFUND_QUESTION);
    await w.log.getByText('Did this answer your question?').waitFor();
    expect(await page.locator('#support-widget').getByRole('alert').isHidden()).toBe(true);
  });

  it('can be opened and closed from the host page through window.SupportWidget', async () => {
    const { page } = await visit('/');
    const w = widget(page);
    await page.evaluate('window.SupportWidget.open()');
    await w.panel.waitFor();
    await w.bubbles.first().waitFor();
    await page.evaluate('window.SupportWidget.close()');
    await w.panel.waitFor({ state: 'hidden' });
    expect(await w.launcher.getAttribute('aria-expanded')).toBe('false');
  });

  it('starts a fresh conversation on "New conversation"', async () => {
    const { page } = await visit('/');
    const w = await open(page);
    await ask(page, REFUND_QUESTION);
    await w.log.getByText('Did this answer your question?').waitFor();
    const oldToken = await page.evaluate('Object.keys(localStorage).map((k) => JSON.parse(localStorage[k]).token).join()');

    await w.newConversation.click();
    // The chat has history, so the widget asks first.
    await page.locator('#support-widget').getByRole('alertdialog').getByRole('button', { name: 'Start new' }).click();
    await w.log.getByText(REFUND_QUESTION).waitFor({ state: 'detached' });
    await w.bubbles.first().waitFor();
    await page.waitForTimeout(300); // any late frame of the old conversation would show by now
    const texts = await bubbleTexts(page);
    expect(texts.join('\n')).not.toContain(REFUND_QUESTION);
    expect(texts.length).toBeGreaterThanOrEqual(1);
    const newToken = await page.evaluate('Object.keys(localStorage).map((k) => JSON.parse(localStorage[k]).token).join()');
    expect(newToken).toBeTruthy();
    expect(newToken).not.toBe(oldToken);

    // The fresh conversation also survives a reload.
    await page.reload();
    await widget(page).log.getByText(texts[0]!).waitFor();
    expect((await bubbleTexts(page)).join('\n')).not.toContain(REFUND_QUESTION);
  });

  it('says it is reconnecting when the connection drops, then delivers what was typed meanwhile, once', async () => {
    const { page } = await visit('/');
    const w = await open(page);
    await w.log.getByText(/assistant/i).first().waitFor();

    for (const client of e2e.server.app.websocketServer.clients) client.terminate();
    await page.locator('#support-widget').getByText('Reconnecting…').waitFor();
    await ask(page, REFUND_QUESTION);
    await w.log.getByText('Did this answer your question?').waitFor();
    await page.locator('#support-widget').getByText('Reconnecting…').waitFor({ state: 'hidden' });
    const texts = await bubbleTexts(page);
    expect(texts.filter((t) => t === REFUND_QUESTION)).toHaveLength(1);
    expect(texts.filter((t) => t === 'Did this answer your question?')).toHaveLength(1);
  });

  it('holds messages back when the server says to slow down, then delivers every one', async () => {
    const strict = await startTestApp({ rateLimitFrames: 6 });
    try {
      const { page } = await visit('/', undefined, strict.url);
      const w = await open(page);
      await w.bubbles.first().waitFor();
      const sent = ['one', 'two', 'three', 'four', 'five', 'six'].map((n) => `refund question number ${n}`);
      for (const text of sent) await ask(page, text);
      await page.locator('#support-widget').getByRole('alert').getByText(/moment/).waitFor();
      // Every message ends up stored once (none left "Sending…"), in the order typed.
      await page.locator('#support-widget .msg.pending').first().waitFor({ state: 'detached', timeout: 20_000 });
      const mine = (await w.log.locator('.msg.customer .bubble').allInnerTexts()).map((t) => t.trim());
      expect(mine).toEqual(sent);
    } finally {
      await strict.close();
    }
  });

  it('fills a 360 px phone screen with the open panel', async () => {
    const { page } = await visit('/', { width: 360, height: 740 });
    const w = await open(page);
    await ask(page, REFUND_QUESTION);
    await w.quickReply('No').waitFor();
    const box = await w.panel.boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: 360, height: 740 });
    expect(await w.send.isVisible()).toBe(true);
    await page.screenshot({ path: path.join(TEST_OUTPUT, 'widget-360.png') });
  });
});
