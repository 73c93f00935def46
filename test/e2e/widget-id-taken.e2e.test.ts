/**
 * Issue 13, defect 10, in real Chromium: a customer message whose id is already another sender's
 * (here the bot's) is refused by the server with ID_TAKEN; the widget sends the same words again
 * under a new id, so the customer's message is stored once, answered, and never shown as lost.
 */
import { openWidget, say, widgetUi } from '../helpers/console';
import { useBrowserApp } from '../helpers/e2e';

jest.setTimeout(90_000);

const e2e = useBrowserApp();

/** Resolves once `check` gives true, trying every 100 ms for `ms`; fails with what `describe` says. */
async function until(check: () => Promise<boolean>, describe: () => Promise<string>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out: ${await describe()}`);
}

test("a message whose id is the bot's is sent again with a new id: stored once, answered, not marked failed", async () => {
  const { page, errors } = await e2e.visitor();
  await page.goto(e2e.server.url + '/');
  const w = await openWidget(page);
  await say(page, 'how do I get a refund');
  await w.log.locator('.msg.bot').first().waitFor();
  const conversationId = (await e2e.server.storage.listConversations({ limit: 5 })).rows[0]!.id;
  let stored = await e2e.server.storage.messagesAfter(conversationId, 0);
  for (let i = 0; i < 100 && !stored.some((m) => m.from === 'bot'); i++) {
    await new Promise((r) => setTimeout(r, 100));
    stored = await e2e.server.storage.messagesAfter(conversationId, 0);
  }
  const botId = stored.find((m) => m.from === 'bot')!.id;

  // The next id the widget draws is the bot's message id (as a clash would be).
  await page.evaluate((id) => {
    const original = crypto.randomUUID.bind(crypto);
    let first = true;
    crypto.randomUUID = () => {
      if (!first) return original();
      first = false;
      return id as ReturnType<typeof crypto.randomUUID>;
    };
  }, botId);
  await say(page, 'when is my next payment due');

  const mine = w.log.locator('.msg.customer').filter({ hasText: 'when is my next payment due' });
  await mine.waitFor();
  const messages = () => e2e.server.storage.messagesAfter(conversationId, 0);
  const answered = async () => {
    const ms = await messages();
    const resent = ms.find((m) => m.from === 'customer' && m.text === 'when is my next payment due');
    return resent !== undefined && ms.some((m) => m.from === 'bot' && m.replyTo === resent.id);
  };
  await until(answered, async () => JSON.stringify((await messages()).map((m) => [m.from, m.id, m.text.slice(0, 30)])));
  const after = await messages();
  expect(after.filter((m) => m.from === 'customer').map((m) => m.text)).toEqual(['how do I get a refund', 'when is my next payment due']);
  const resent = after.find((m) => m.text === 'when is my next payment due')!;
  expect(resent.id).not.toBe(botId);
  // The bot's message kept its sender and text; nothing of the customer's was attached to it.
  expect(after.find((m) => m.id === botId)).toMatchObject({ from: 'bot', text: stored.find((m) => m.id === botId)!.text });
  await until(async () => !/Not sent|Sending/.test(await mine.innerText()), () => mine.innerText(), 10_000);
  expect(await widgetUi(page).bubbles.filter({ hasText: 'when is my next payment due' }).count()).toBe(1);
  expect(errors).toEqual([]);
});
