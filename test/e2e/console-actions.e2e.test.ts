/**
 * The console's other actions in real headless Chromium against the real server: operator
 * read-only view and the Training section, transfer between agents, knowledge-base links and
 * canned replies, close with a resolution, logout; and the tablet-width layout.
 */
import path from 'node:path';
import { consoleUi, createTestAgent, loginToConsole, openWidget, say, setStatus } from '../helpers/console';
import { TEST_OUTPUT, useBrowserApp, type Visitor } from '../helpers/e2e';

jest.setTimeout(90_000);


const e2e = useBrowserApp();

async function person(pathname: string, viewport?: { width: number; height: number }): Promise<Visitor> {
  const v = await e2e.visitor(viewport);
  await v.page.goto(e2e.server.url + pathname);
  return v;
}

describe('agent console actions', () => {
  it('operator views read-only; an agent transfers to another, who inserts an article and a canned reply, closes with a resolution and logs out', async () => {
    const [dana, lee, olga] = await Promise.all([
      createTestAgent(e2e.server.storage, { name: 'Dana Reyes' }),
      createTestAgent(e2e.server.storage, { name: 'Lee Park' }),
      createTestAgent(e2e.server.storage, { name: 'Olga Operator', role: 'operator' }),
    ]);
    const a = await person('/console');
    const b = await person('/console');
    const op = await person('/console');
    await Promise.all([loginToConsole(a.page, e2e.server.url, dana), loginToConsole(b.page, e2e.server.url, lee), loginToConsole(op.page, e2e.server.url, olga)]);
    await setStatus(a.page, 'online');
    await setStatus(b.page, 'online');

    // Training is an operator/admin section; agents do not see it.
    await op.page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Training' }).waitFor();
    expect(await a.page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Training' }).count()).toBe(0);

    const customer = await person('/');
    const w = await openWidget(customer.page);
    await say(customer.page, 'My card was stolen, I need a person now');

    // The operator opens the queued chat read-only: transcript, no composer, no actions.
    const opUi = consoleUi(op.page);
    const opEntry = opUi.queueItems.first();
    await opEntry.waitFor();
    await opEntry.getByRole('button', { name: 'View' }).click();
    await op.page.getByText('Read-only: you are viewing this chat, not taking part in it.').waitFor();
    await opUi.transcript.getByText('My card was stolen, I need a person now').waitFor();
    expect(await opUi.composer.isVisible()).toBe(false);
    expect(await op.page.getByRole('button', { name: 'Release to bot' }).isVisible()).toBe(false);

    // Dana claims and transfers to Lee.
    const aUi = consoleUi(a.page);
    await aUi.queueItems.first().getByRole('button', { name: /^Claim/ }).click();
    await aUi.transcript.getByText('My card was stolen, I need a person now').waitFor();
    await a.page.getByRole('button', { name: 'Transfer…' }).click();
    const dialog = a.page.getByRole('dialog', { name: 'Transfer this chat' });
    await dialog.getByLabel('Transfer to').selectOption({ label: `${lee.name} — 0/3 chats` });
    await dialog.getByRole('button', { name: 'Transfer' }).click();
    await aUi.myChats.getByText('No chats yet. Claim one from the queue.').waitFor();

    const bUi = consoleUi(b.page);
    await bUi.myChats.locator('li.citem').first().waitFor();
    await bUi.transcript.getByText('My card was stolen, I need a person now').waitFor();

    // Lee finds an article and inserts its link, then a canned reply, and sends both.
    await bUi.kbSearch.fill('refund');
    await bUi.kbSearch.press('Enter');
    const insertLink = b.page.getByRole('button', { name: /^Insert link:/ }).first();
    await insertLink.waitFor();
    await insertLink.click();
    const inserted = await bUi.composer.inputValue();
    expect(inserted).toMatch(/https?:\/\/[^ ]+\/help\/[\w-]+/);
    await bUi.composer.press('Enter');
    const link = w.log.locator('a[href*="/help/"]').last();
    await link.waitFor();
    await b.page.getByRole('button', { name: 'Insert canned reply: Card secured' }).click();
    expect(await bUi.composer.inputValue()).toMatch(/freeze your card/i);
    await bUi.composer.press('Enter');
    await w.log.getByText(/freeze your card/i).waitFor();
    // The operator, still viewing read-only, gets the reply pushed (the view re-fetches only every 30 s).
    await opUi.transcript.getByText(/freeze your card/i).waitFor({ timeout: 10_000 });

    // Close with a resolution: the customer sees the chat end.
    await b.page.getByRole('button', { name: 'Close chat…' }).click();
    const closeDialog = b.page.getByRole('dialog', { name: 'Close this chat' });
    // The resolution a security chat usually ends with is preselected.
    expect(await closeDialog.getByLabel('Card frozen / account secured').isChecked()).toBe(true);
    await closeDialog.getByRole('button', { name: 'Close chat' }).click();
    await bUi.myChats.getByText('No chats yet. Claim one from the queue.').waitFor();
    await w.status.getByText('This conversation has ended.').waitFor();

    // Logout returns to the login page; the console is gone.
    await bUi.logout.click();
    await bUi.loginButton.waitFor();
    expect(await b.page.locator('.workspace').count()).toBe(0);
    await b.page.reload();
    await bUi.loginButton.waitFor();

    for (const p of [a, b, op, customer]) expect(p.errors).toEqual([]);
  });

  it('at 768 px the queue, the chat and its composer all fit on screen', async () => {
    const kim = await createTestAgent(e2e.server.storage, { name: 'Kim Tablet' });
    const tab = await person('/console', { width: 768, height: 1024 });
    await loginToConsole(tab.page, e2e.server.url, kim);
    await setStatus(tab.page, 'online');
    const customer = await person('/');
    await openWidget(customer.page);
    await say(customer.page, 'human please');
    const ui = consoleUi(tab.page);
    await ui.queueItems.first().getByRole('button', { name: /^Claim/ }).click();
    await ui.composer.waitFor();
    const box = await ui.composer.boundingBox();
    expect(box).not.toBeNull();
    expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(1024);
    expect(await tab.page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(768);
    await tab.page.screenshot({ path: path.join(TEST_OUTPUT, 'console-768.png') });
    expect(tab.errors).toEqual([]);
  });
});
