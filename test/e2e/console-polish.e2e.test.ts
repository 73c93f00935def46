/**
 * What a new agent tripped over, in real headless Chromium against the real server: the "Go
 * online?" question after login, a chat title that keeps the topic, a header without internal
 * jargon, and a close dialog with a preselected resolution checked in the page. axe-core guards
 * the console, widget and help centre at zero serious or critical violations.
 */
import { seriousViolations } from '../helpers/axe';
import { consoleUi, createTestAgent, openWidget, say } from '../helpers/console';
import { useBrowserApp, type Visitor } from '../helpers/e2e';

jest.setTimeout(90_000);

const e2e = useBrowserApp();

async function person(pathname: string): Promise<Visitor> {
  const v = await e2e.visitor();
  await v.page.goto(e2e.server.url + pathname);
  return v;
}

describe('console polish', () => {
  it('an offline agent is asked to go online after login; the chat keeps its topic; closing preselects and checks a resolution', async () => {
    const dana = await createTestAgent(e2e.server.storage, { name: 'Dana Reyes' });
    const agent = await person('/console');
    const ui = consoleUi(agent.page);
    await ui.email.fill(dana.email);
    await ui.password.fill(dana.password);
    await ui.loginButton.click();

    const ask = agent.page.getByRole('dialog', { name: 'Go online?' });
    await ask.waitFor();
    expect(await ask.innerText()).toMatch(/customers who ask for a person are told nobody is available/);
    expect(await seriousViolations(agent.page)).toEqual([]);
    // "Go online" has the focus: Enter answers it from the keyboard.
    await agent.page.keyboard.press('Enter');
    await ask.waitFor({ state: 'detached' });
    expect(await ui.status.inputValue()).toBe('online');
    const presence = async () => (await e2e.server.storage.handoff.listPresence()).find((p) => p.agentId === dana.id)?.status;
    for (let i = 0; i < 50 && (await presence()) !== 'online'; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await presence()).toBe('online');

    const customer = await person('/');
    const w = await openWidget(customer.page);
    await say(customer.page, 'someone stole my card yesterday and I need a person now');
    const entry = ui.queueItems.first();
    await entry.waitFor();
    await entry.getByRole('button', { name: /^Claim/ }).click();
    await ui.transcript.getByText('someone stole my card yesterday').waitFor();

    const header = agent.page.locator('.chat-head');
    const title = await header.locator('h1').innerText();
    expect(title).not.toMatch(/Asked for a person|Chat [0-9a-f]{8}/);
    expect(await header.innerText()).not.toMatch(/state:|\bid [0-9a-f]{8}\b/);

    // Small talk does not rename the chat.
    await say(customer.page, 'thanks!');
    await ui.transcript.getByText('thanks!').waitFor();
    expect(await header.locator('h1').innerText()).toBe(title);

    await agent.page.getByRole('button', { name: 'Close chat…' }).click();
    const close = agent.page.getByRole('dialog', { name: 'Close this chat' });
    expect(await close.getByLabel('Card frozen / account secured').isChecked()).toBe(true);
    expect(await seriousViolations(agent.page)).toEqual([]);
    // "Other" with no text is caught in the page, and the dialog stays open.
    await close.getByLabel('Other', { exact: true }).check();
    await close.getByRole('button', { name: 'Close chat' }).click();
    await close.getByRole('alert').getByText('Say how it was resolved.').waitFor();
    expect(await close.locator('form').evaluate((f) => (f as unknown as { noValidate: boolean }).noValidate)).toBe(true);
    await close.getByLabel('Other resolution').fill('Card replaced, new one posted');
    await close.getByRole('button', { name: 'Close chat' }).click();
    await close.waitFor({ state: 'detached' });
    await w.status.getByText('This conversation has ended.').waitFor();
    for (const p of [agent, customer]) expect(p.errors).toEqual([]);
  });

  it('an operator is not asked to go online', async () => {
    const olga = await createTestAgent(e2e.server.storage, { name: 'Olga Operator', role: 'operator' });
    const op = await person('/console');
    const ui = consoleUi(op.page);
    await ui.email.fill(olga.email);
    await ui.password.fill(olga.password);
    await ui.loginButton.click();
    await op.page.locator('body[data-presence-checked]').waitFor({ state: 'attached' });
    expect(await op.page.getByRole('dialog', { name: 'Go online?' }).count()).toBe(0);
  });

  it('the accessibility check itself finds violations when there are some', async () => {
    const v = await e2e.visitor();
    await v.page.setContent('<!doctype html><html lang="en"><title>t</title><body><main><img src="x.png"><button></button></main></body></html>');
    const ids = (await seriousViolations(v.page)).map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining(['image-alt', 'button-name']));
  });

  it('the demo page with the widget open and the help centre have no serious or critical accessibility violations', async () => {
    const shop = await person('/');
    await openWidget(shop.page);
    await say(shop.page, 'how do refunds work?');
    await shop.page.locator('#support-widget').getByRole('log').locator('.bot .bubble').nth(1).waitFor();
    expect(await seriousViolations(shop.page)).toEqual([]);
    const help = await person('/help');
    expect(await seriousViolations(help.page)).toEqual([]);
  });
});
