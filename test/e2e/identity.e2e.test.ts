/**
 * Verified customers in real headless Chromium: the host page calls
 * window.SupportWidget.identify() with its server's signature, the widget lists the customer's
 * cases from earlier conversations and asks about one in a click; a bad signature is explained and
 * the customer still chats.
 */
import { signIdentity } from '../../src/identity/verify';
import { openWidget, say, widgetUi } from '../helpers/console';
import { useBrowserApp } from '../helpers/e2e';

jest.setTimeout(90_000);

const SECRET = 'shop-shared-secret-0123456789';
const e2e = useBrowserApp({ identitySecret: SECRET });

it('an identified customer sees their case and asks about it; a forged identity is explained and the chat goes on', async () => {
  await e2e.server.storage.createConversation({
    id: 'c-earlier',
    tokenHash: 'h-earlier',
    state: 'closed',
    snapshot: {},
    context: { customer: { id: 'cust-42', name: 'Jane Doe', verified: true } },
  });
  await e2e.server.storage.cases.createCase({
    id: 'CS-JANE42',
    conversationId: 'c-earlier',
    sourceMessageId: 'm0',
    kind: 'dispute',
    priority: 'normal',
    details: {},
    followUpBy: Date.now() + 86_400_000,
  });

  const jane = await e2e.visitor();
  await jane.page.goto(e2e.server.url + '/');
  await jane.page.evaluate(`window.SupportWidget.identify(${JSON.stringify({ id: 'cust-42', name: 'Jane Doe', hash: signIdentity(SECRET, 'cust-42') })})`);
  await openWidget(jane.page);
  const host = jane.page.locator('#support-widget');
  const cases = host.getByRole('list', { name: 'Your cases' });
  await cases.getByText('CS-JANE42').waitFor();
  await cases.getByRole('button', { name: 'Ask about it: CS-JANE42' }).click();
  await widgetUi(jane.page).log.getByText(/Dispute case CS-JANE42 is open/).waitFor();

  const mallory = await e2e.visitor();
  await mallory.page.goto(e2e.server.url + '/');
  await mallory.page.evaluate(`window.SupportWidget.identify(${JSON.stringify({ id: 'cust-42', hash: signIdentity('guessed-secret-000000', 'cust-42') })})`);
  await openWidget(mallory.page);
  await mallory.page.locator('#support-widget').getByRole('alert').getByText(/couldn't confirm your account/).waitFor();
  expect(await mallory.page.locator('#support-widget').getByText('CS-JANE42').count()).toBe(0);
  await say(mallory.page, 'how do refunds work?');
  await widgetUi(mallory.page).log.locator('.bot .bubble').nth(1).waitFor();
  for (const v of [jane, mallory]) expect(v.errors).toEqual([]);
});
