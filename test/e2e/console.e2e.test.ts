/**
 * The agent console and the customer widget in real headless Chromium, against the real server
 * (shipped intents and knowledge base, temp SQLite): two browser contexts, one per person.
 */
import path from 'node:path';
import { consoleUi, createTestAgent, loginToConsole, openWidget, say, setStatus } from '../helpers/console';
import { TEST_OUTPUT, useBrowserApp, type Visitor } from '../helpers/e2e';

jest.setTimeout(90_000);

const ASK_FOR_PERSON = 'I want to speak to an agent';

const e2e = useBrowserApp();

/** A fresh browser context (own cookies and storage) on `pathname`; page errors are collected. */
async function person(pathname: string, viewport?: { width: number; height: number }): Promise<Visitor> {
  const v = await e2e.visitor(viewport);
  await v.page.goto(e2e.server.url + pathname);
  return v;
}

describe('agent console with a customer in the widget', () => {
  it('queue entry with its reason → claim → messages, typing and a private note both ways → release → the bot answers again', async () => {
    const dana = await createTestAgent(e2e.server.storage, { name: 'Dana Reyes' });
    const agent = await person('/console');
    const ui = consoleUi(agent.page);

    // A wrong password is refused with a clear message; the right one opens the console.
    await ui.email.fill(dana.email);
    await ui.password.fill('not-the-password');
    await ui.loginButton.click();
    await ui.loginError.getByText('do not match').waitFor();
    await loginToConsole(agent.page, e2e.server.url, dana);
    await ui.queue.getByText('No one is waiting. New chats appear here.').waitFor();
    await setStatus(agent.page, 'online');

    // The customer asks for a person in the widget on the demo shop.
    const customer = await person('/');
    const w = await openWidget(customer.page);
    await say(customer.page, ASK_FOR_PERSON);

    // The agent sees it live: reason in words, a ticking wait, the customer's words; the title is badged.
    const entry = ui.queueItem('Asked for a person');
    await entry.waitFor();
    expect(await entry.locator('.preview').innerText()).toContain(ASK_FOR_PERSON);
    expect(await entry.locator('.wait').innerText()).toMatch(/^\d+:\d\d$/);
    await agent.page.waitForFunction('/^\\(1\\) Console/.test(document.title)');
    // The customer is told they are in line.
    await w.status.getByText(/in line/i).waitFor();

    await entry.getByRole('button', { name: /^Claim/ }).click();
    await ui.myChats.locator('li.citem').first().waitFor();
    await ui.transcript.getByText(ASK_FOR_PERSON).waitFor();
    // Each customer turn shows what the bot understood, with its confidence.
    const customerTurn = ui.transcript.locator('.msg.customer').filter({ hasText: ASK_FOR_PERSON });
    expect(await customerTurn.locator('.meta .chip').innerText()).toMatch(/talk to human · \d+%/);
    await ui.queue.getByText('No one is waiting. New chats appear here.').waitFor();
    await agent.page.waitForFunction("document.title.startsWith('Console')");
    await w.status.getByText("You're chatting with Dana Reyes").waitFor();
    await w.log.getByText('Dana Reyes joined the chat').waitFor();

    // Customer → agent, with the typing indicator first. The widget sends "typing" at most every
    // 3 s, so type word by word, like a person, until the agent sees it.
    const customerTyping = ui.typing.getByText('Customer is typing…');
    for (const word of 'My refund for order 48213977 never arrived'.split(' ')) {
      await w.input.pressSequentially(`${word} `, { delay: 80 });
      if (await customerTyping.isVisible()) break;
    }
    await customerTyping.waitFor();
    await w.input.fill('My refund for order 48213977 never arrived');
    await w.input.press('Enter');
    await ui.transcript.getByText('My refund for order 48213977 never arrived').waitFor();

    // Agent → customer: typing shows in the widget, Enter sends.
    await ui.composer.click();
    await ui.composer.pressSequentially('Sorry about that, ');
    await w.typing.waitFor({ state: 'visible' });
    await ui.composer.pressSequentially('I am checking it now.');
    await ui.composer.press('Enter');
    await w.log.getByText('Sorry about that, I am checking it now.').waitFor();
    await ui.transcript.locator('.msg.agent:not(.pending)').getByText('Sorry about that, I am checking it now.').waitFor();

    // An internal note is shown to agents, marked as such, and never reaches the customer.
    await ui.noteMode.click();
    await ui.composer.fill('Merchant confirmed the return on the 3rd');
    await ui.composer.press('Enter');
    const note = ui.transcript.locator('.msg.note').filter({ hasText: 'Merchant confirmed the return on the 3rd' });
    await note.waitFor();
    expect(await note.innerText()).toMatch(/Internal note/);
    await ui.replyMode.click();
    await ui.composer.fill('The refund is on its way.');
    await ui.composer.press('Enter');
    await w.log.getByText('The refund is on its way.').waitFor();
    expect(await w.log.innerText()).not.toContain('Merchant confirmed');

    await agent.page.screenshot({ path: path.join(TEST_OUTPUT, 'console-live-chat.png') });

    // Release to the bot: the chat leaves My chats, and the bot answers the customer again.
    await ui.release.click();
    await ui.myChats.getByText('No chats yet. Claim one from the queue.').waitFor();
    const before = await w.log.locator('.msg.bot').count();
    await say(customer.page, 'How long does a refund take?');
    await customer.page.waitForFunction(`document.querySelector('#support-widget').shadowRoot.querySelectorAll('.msg.bot').length > ${before}`);
    expect(agent.errors).toEqual([]);
    expect(customer.errors).toEqual([]);
  });

  it('with no agent online, the customer is told so, asked for an email and sees the case id', async () => {
    const customer = await person('/');
    const w = await openWidget(customer.page);
    await say(customer.page, ASK_FOR_PERSON);
    await w.log.getByText(/No one from our team is available.*opened support case CS-.*Which email address/).waitFor();
    await say(customer.page, 'sam@example.com');
    const done = w.log.getByText(/added sam@example.com to case CS-/);
    await done.waitFor();
    expect(await done.innerText()).toMatch(/CS-[A-Z0-9-]+/);
    expect(customer.errors).toEqual([]);
  });

  it('shows markup a customer typed as literal text and never runs it (keyboard claim with j, c)', async () => {
    const lee = await createTestAgent(e2e.server.storage, { name: 'Lee Park' });
    const agent = await person('/console');
    const ui = consoleUi(agent.page);
    await loginToConsole(agent.page, e2e.server.url, lee);
    await setStatus(agent.page, 'online');

    const IMG = '<img src=x onerror="window.__pwned=1">';
    const SCRIPT = '<script>window.__pwned=2</script>';
    const customer = await person('/');
    const w = await openWidget(customer.page);
    await say(customer.page, `${IMG} hello`);
    await w.log.locator('.msg.bot').first().waitFor();
    await say(customer.page, `${SCRIPT} can i talk to a real person`);

    const entry = ui.queueItems.first();
    await entry.waitFor();
    expect(await entry.locator('.preview').innerText()).toContain(SCRIPT);

    // Keyboard only: j selects the first queue entry, c claims it.
    await agent.page.locator('body').click({ position: { x: 5, y: 5 } });
    await agent.page.keyboard.press('j');
    await agent.page.locator('li.qitem.selected').waitFor();
    await agent.page.keyboard.press('c');
    await ui.transcript.getByText(`${IMG} hello`).waitFor();
    await ui.transcript.getByText(`${SCRIPT} can i talk to a real person`).waitFor();

    expect(await agent.page.locator('.transcript img, .queue img').count()).toBe(0);
    expect(await agent.page.locator('.transcript script').count()).toBe(0);
    expect(await agent.page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(agent.errors).toEqual([]);
  });
});
