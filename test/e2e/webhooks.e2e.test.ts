/**
 * The Webhooks section in real headless Chromium, against a real HTTP receiver: an operator adds
 * an endpoint (the form validates in the page, the secret is shown once), a customer leaves a
 * case, the receiver refuses the first POST, the deliveries list shows the failure, and a
 * keyboard-only Resend gets it delivered. Plus the empty and error states.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ServerFrame } from '../../src/protocol/customer';
import { verifyWebhookSignature } from '../../src/webhooks/signature';
import { createTestAgent, loginToConsole } from '../helpers/console';
import { TEST_OUTPUT, useBrowserApp } from '../helpers/e2e';
import { startReceiver } from '../helpers/receiver';
import { startChat } from '../helpers/ws-client';

jest.setTimeout(90_000);
type Msg = Extract<ServerFrame, { type: 'message' }>;

const e2e = useBrowserApp();

async function leaveCase(wsUrl: string): Promise<string> {
  const { client } = await startChat(wsUrl);
  client.send({ type: 'message', id: 'p1', text: 'I want to talk to a person' });
  // Nobody there: the hand-off is recorded and the bot asks where the team should reply.
  await client.waitFor((f) => f.type === 'message' && /Which email address/i.test(f.text) && f.from === 'bot', 10_000);
  client.send({ type: 'message', id: 'p3', text: 'sam@example.com' });
  // The case opened at the hand-off; the email goes on it.
  const opened = await client.waitFor<Msg>((f) => f.type === 'message' && f.from === 'bot' && /added sam@example.com to case CS-[A-Z0-9]{6}/.test(f.text), 10_000);
  await client.close();
  return /CS-[A-Z0-9]{6}/.exec(opened.text)![0];
}

test('an operator adds an endpoint, sees a failed delivery with its error, and resends it from the keyboard', async () => {
  const receiver = await startReceiver((_r, i) => (i === 0 ? 500 : 200));
  try {
    const operator = await createTestAgent(e2e.server.storage, { name: 'Olga Operator', role: 'operator' });
    const { page, errors } = await e2e.visitor({ width: 1366, height: 900 });
    await loginToConsole(page, e2e.server.url, operator);
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByText('No endpoints yet.').waitFor();
    await page.getByText('No deliveries to show.').waitFor();

    // The form checks in the page and says what is wrong.
    const form = page.getByRole('form', { name: 'Add endpoint' });
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    await form.getByText('Enter an http:// or https:// URL.').waitFor();
    expect(await page.evaluate('document.activeElement.id')).toBe('webhook-url');
    await form.getByLabel('URL').fill(receiver.url);
    await form.getByLabel('Description').fill('CRM');
    await form.getByLabel('conversation.escalated').uncheck();
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    const secretBox = page.getByRole('region', { name: 'New signing secret' });
    const secret = (await secretBox.locator('code').innerText()).trim();
    expect(secret).toMatch(/^whsec_/);
    const row = page.locator('tr[data-endpoint]');
    expect(await row.innerText()).toContain(receiver.url);
    expect(await row.innerText()).not.toContain(secret);
    await secretBox.getByRole('button', { name: 'Done' }).click();

    const caseId = await leaveCase(e2e.server.wsUrl);
    await receiver.waitFor(1, 10_000);
    const first = receiver.requests[0]!;
    expect(first.headers['x-webhook-event']).toBe('case.created');
    expect(JSON.parse(first.body).data.case.id).toBe(caseId);
    expect(verifyWebhookSignature({ secret, header: first.headers['x-webhook-signature'] as string, body: first.body })).toBe(true);

    await page.getByRole('button', { name: 'Refresh' }).click();
    const failed = page.locator('tr[data-delivery]', { hasText: 'case.created' });
    await failed.getByText('HTTP 500 — retry in').waitFor();
    expect(await failed.getAttribute('data-status')).toBe('pending');

    // Keyboard only: focus the row's Resend and press Enter.
    const resend = failed.getByRole('button', { name: /^Resend case\.created/ });
    await resend.focus();
    await page.keyboard.press('Enter');
    await page.getByText('case.created queued to be sent again.').waitFor();
    await receiver.waitFor(2, 10_000);
    for (let i = 0; i < 40; i++) {
      await page.getByRole('button', { name: 'Refresh' }).click();
      if ((await failed.getAttribute('data-status')) === 'delivered') break;
      await page.waitForTimeout(250);
    }
    expect(await failed.getAttribute('data-status')).toBe('delivered');
    expect(await failed.innerText()).toMatch(/Delivered[\s\S]*2[\s\S]*HTTP 200/);
    mkdirSync(TEST_OUTPUT, { recursive: true });
    await page.screenshot({ path: path.join(TEST_OUTPUT, 'console-webhooks.png'), fullPage: true });
    expect(errors).toEqual([]);
  } finally {
    await receiver.close();
  }
});

test('the section says so when the server cannot be reached, and agents do not see it', async () => {
  const operator = await createTestAgent(e2e.server.storage, { name: 'Otto Operator', role: 'operator' });
  const { page } = await e2e.visitor();
  await loginToConsole(page, e2e.server.url, operator);
  await page.route('**/api/webhooks/**', (route) => route.fulfill({ status: 500, contentType: 'application/json', body: '{"code":"INTERNAL","message":"Something went wrong on our side. Please try again."}' }));
  await page.getByRole('link', { name: 'Webhooks' }).click();
  await page.getByText('Could not load the endpoints: Something went wrong on our side.').waitFor();

  const agent = await createTestAgent(e2e.server.storage, { name: 'Ada Agent' });
  const other = await e2e.visitor();
  await loginToConsole(other.page, e2e.server.url, agent);
  expect(await other.page.getByRole('link', { name: 'Webhooks' }).count()).toBe(0);
});
