/**
 * The console's Transcripts section in real headless Chromium against the real server (shipped
 * intents, temp SQLite): agents do not see it; an operator pages through conversations made in the
 * test, finds them by text and by hand-off, gets the empty state, the server's 400 and the form's
 * own check, reads a transcript with what the bot understood, flags a customer message, and finds
 * it in the training triage inbox under "Flagged by an operator".
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { ServerFrame } from '../../src/protocol/customer';
import { createTestAgent, loginToConsole, setStatus, type TestAgent } from '../helpers/console';
import { TEST_OUTPUT, useBrowserApp, type Visitor } from '../helpers/e2e';
import { startChat } from '../helpers/ws-client';

jest.setTimeout(90_000);

const NO_MATCH = 'No conversations match these filters.';
const e2e = useBrowserApp();

/** Someone logged into the console in a fresh browser context. */
async function signedIn(agent: TestAgent): Promise<Visitor> {
  const v = await e2e.visitor({ width: 1280, height: 900 });
  await loginToConsole(v.page, e2e.server.url, agent);
  return v;
}

/** A customer says `text` over a real socket; resolves with the conversation id once `done` frame came. */
async function customerChat(text: string, done: (f: ServerFrame) => boolean): Promise<string> {
  const { client, session } = await startChat(e2e.server.wsUrl);
  const from = client.frames.length;
  client.send({ type: 'message', id: `m-${randomUUID()}`, text });
  await client.waitFor(done, 10_000, from);
  await client.close();
  return session.conversationId;
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Sections' });

describe('console Transcripts section', () => {
  it('is not offered to agents, not even by its address', async () => {
    const abe = await createTestAgent(e2e.server.storage, { name: 'Abe Agent' });
    const { page, errors } = await signedIn(abe);
    expect(await nav(page).getByRole('link').allInnerTexts()).not.toContain('Transcripts');
    await page.goto(`${e2e.server.url}/console#/transcripts`);
    await page.getByRole('region', { name: 'Queue' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Transcripts' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('an operator filters past chats, reads one with what the bot understood, flags a customer message and finds it in the triage inbox', async () => {
    // An agent online, so asking for a person queues the chat (a hand-off) instead of offering a case.
    const dana = await createTestAgent(e2e.server.storage, { name: 'Dana Desk' });
    const desk = await signedIn(dana);
    await setStatus(desk.page, 'online');

    const tag = `kq${randomUUID().slice(0, 6)}`;
    // The bot is sure about this one (late_fee ≈ 100 %), so it is not in the inbox yet.
    const feeText = `I was charged a late fee but I paid on time <b>${tag}</b>`;
    const feeChat = await customerChat(feeText, (f) => f.type === 'message' && f.from === 'bot');
    const handedOver = await customerChat('I want to talk to a person', (f) => f.type === 'status' && f.state === 'queued');

    const olga = await createTestAgent(e2e.server.storage, { name: 'Olga Operator', role: 'operator' });
    const { page, errors } = await signedIn(olga);
    // Keyboard: the section is a link in the nav.
    const link = nav(page).getByRole('link', { name: 'Transcripts' });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Transcripts', level: 1 }).waitFor();
    expect(await link.getAttribute('aria-current')).toBe('page');

    const list = page.getByRole('list', { name: 'Conversations' });
    const row = (id: string) => list.locator(`a.trow[data-id="${id}"]`);
    const rowIds = async () => {
      const links = await list.locator('a.trow').all();
      return Promise.all(links.map((a) => a.getAttribute('data-id')));
    };
    await row(feeChat).waitFor();
    await row(handedOver).waitFor();
    // The preview is the customer's text, markup and all, never parsed as HTML.
    expect(await row(feeChat).locator('.preview').innerText()).toBe(feeText);
    expect(await row(feeChat).locator('b').count()).toBe(0);
    const feeFacts = await row(feeChat).locator('.facts').innerText();
    expect(feeFacts).toMatch(/^\d\d:\d\d\b/);
    for (const fact of ['With the bot', 'Not rated', /\d+ messages/]) expect(feeFacts).toMatch(fact);
    expect(feeFacts).not.toMatch('Handed over');
    const handoffFacts = await row(handedOver).locator('.facts').innerText();
    for (const fact of ['Waiting for a person', 'Handed over: Asked for a person']) expect(handoffFacts).toContain(fact);
    // Newest activity first.
    const ids = await rowIds();
    expect(ids.indexOf(handedOver)).toBeLessThan(ids.indexOf(feeChat));

    // "Load more" follows the server's cursor: with pages of one row, the same rows in the same order.
    const listUrl = /\/api\/conversations\?/;
    await page.route(listUrl, (route) => {
      const url = new URL(route.request().url());
      url.searchParams.set('limit', '1');
      return route.continue({ url: url.toString() });
    });
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '1 conversation shown; more to load.' }).waitFor();
    const more = page.getByRole('button', { name: 'Load more' });
    for (let shown = 1; shown < ids.length; shown++) {
      await more.click();
      await list.locator('a.trow').nth(shown).waitFor();
    }
    await more.waitFor({ state: 'hidden' });
    expect(await rowIds()).toEqual(ids);
    await page.unroute(listUrl);

    // Text search.
    const search = page.getByLabel('Search messages');
    await search.fill(tag);
    await search.press('Enter');
    await row(handedOver).waitFor({ state: 'detached' });
    expect(await rowIds()).toEqual([feeChat]);
    await page.getByRole('status').filter({ hasText: '1 conversation.' }).waitFor();

    // "Handed over to a person".
    await search.fill('');
    await page.getByLabel('Hand-off').selectOption({ label: 'Handed over to a person' });
    await row(handedOver).waitFor();
    expect(await row(feeChat).count()).toBe(0);

    // A search with no match says so; a day range the wrong way round is refused by the form.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await row(feeChat).waitFor();
    await search.fill(`nothing-like-${tag}-anywhere`);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText(NO_MATCH).waitFor();
    expect(await list.locator('a.trow').count()).toBe(0);
    // A failing list says why, near the filters: here the real server's 400 for a state it does not know.
    await page.route(listUrl, (route) => {
      const url = new URL(route.request().url());
      url.searchParams.set('state', 'archived');
      return route.continue({ url: url.toString() });
    });
    await page.getByLabel('State').selectOption({ label: 'Closed' });
    await page.getByRole('alert').filter({ hasText: /^Could not load conversations: .*state must be one of bot, queued, agent, closed/ }).waitFor();
    expect(await list.locator('a.trow').count()).toBe(0);
    await page.unroute(listUrl);
    await page.getByLabel('From', { exact: true }).fill('2026-05-02');
    await page.getByLabel('To', { exact: true }).fill('2026-05-01');
    await page.getByRole('alert').filter({ hasText: 'The “From” day is after the “To” day.' }).waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await row(feeChat).waitFor();
    expect(await page.locator('#tx-f-error').isVisible()).toBe(false);

    // Open the transcript from the keyboard: the rows are one tab stop, arrows move, Enter opens.
    await list.locator('a.trow').first().focus();
    for (let i = 0; i < ids.indexOf(feeChat); i++) await page.keyboard.press('ArrowDown');
    expect(await page.evaluate('document.activeElement.dataset.id')).toBe(feeChat);
    await page.keyboard.press('Enter');
    const transcript = page.getByRole('region', { name: `Conversation ${feeChat.slice(0, 8)}` });
    const customerMsg = transcript.locator('.msg.customer').filter({ hasText: tag });
    await customerMsg.waitFor();
    expect(await row(feeChat).getAttribute('aria-current')).toBe('true');
    expect(new URL(page.url()).hash).toBe(`#/transcripts/${feeChat}`);
    expect(await customerMsg.locator('.bubble').innerText()).toBe(feeText);
    expect(await customerMsg.locator('.meta').innerText()).toMatch(/^Customer\b/);
    // What the bot understood, with its confidence; and who said what.
    expect(await customerMsg.locator('.chip').innerText()).toMatch(/^late fee · \d+%$/);
    expect(await transcript.locator('.msg.bot').count()).toBeGreaterThan(0);
    expect(await transcript.locator('.msg.bot .meta').first().innerText()).toMatch(/^Bot\b/);
    // Read-only: no composer, and only customer messages can be flagged.
    expect(await transcript.getByRole('textbox').count()).toBe(0);
    expect(await transcript.locator('.msg.bot button, .msg.system button').count()).toBe(0);

    // Flag it.
    const flag = customerMsg.getByRole('button', { name: /^Flag for labelling/ });
    await flag.click();
    const flagged = customerMsg.getByRole('button', { name: 'In the triage inbox' });
    await flagged.waitFor();
    expect(await flagged.isDisabled()).toBe(true);
    const items = (await e2e.server.storage.training.listTriage()).filter((i) => i.conversationId === feeChat);
    expect(items.map((i) => [i.text, i.reasons])).toEqual([[feeText, ['operator_flagged']]]);
    await page.screenshot({ path: path.join(TEST_OUTPUT, 'console-transcripts.png') });

    // The address opens the same transcript after a reload; flagging again says it is there already.
    await page.reload();
    const again = page.getByRole('region', { name: `Conversation ${feeChat.slice(0, 8)}` }).locator('.msg.customer').filter({ hasText: tag });
    await again.getByRole('button', { name: /^Flag for labelling/ }).click();
    await again.getByRole('button', { name: 'Already in the inbox' }).waitFor();

    // The Training inbox lists it under the new reason.
    await nav(page).getByRole('link', { name: 'Training' }).click();
    const inbox = page.getByRole('tabpanel', { name: 'Triage inbox' });
    await inbox.getByLabel('Reason').selectOption({ label: 'Flagged by an operator' });
    const item = inbox.locator('li.titem').filter({ hasText: tag });
    await item.waitFor();
    expect(await item.locator('.chip.reason').allInnerTexts()).toContain('Flagged by an operator');
    expect(await inbox.locator('li.titem').filter({ hasNotText: 'Flagged by an operator' }).count()).toBe(0);

    expect(errors).toEqual([]);
    expect(desk.errors).toEqual([]);
  });
});
