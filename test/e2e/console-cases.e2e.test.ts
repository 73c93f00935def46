/**
 * Cases in the agent console, in real headless Chromium: a customer with nobody at the desk leaves
 * a case and rates the chat; an agent finds the case, sees what the bot collected and the rating,
 * and moves it to "In review".
 */
import path from 'node:path';
import type { ServerFrame } from '../../src/protocol/customer';
import { consoleUi, createTestAgent, loginToConsole, setStatus } from '../helpers/console';
import { TEST_OUTPUT, useBrowserApp } from '../helpers/e2e';
import { startChat } from '../helpers/ws-client';

jest.setTimeout(90_000);
type Msg = Extract<ServerFrame, { type: 'message' }>;

const e2e = useBrowserApp();

test('an agent sees a case left while nobody was available, with its email and rating, and moves it to In review', async () => {
  // The customer: nobody online, so the bot opens a case and asks where the team should reply.
  const { client } = await startChat(e2e.server.wsUrl);
  client.send({ type: 'message', id: 'p1', text: 'I want to talk to a person' });
  await client.waitFor((f) => f.type === 'message' && /Which email address/i.test(f.text) && f.from === 'bot', 10_000);
  client.send({ type: 'message', id: 'p3', text: 'sam@example.com' });
  // The case opened at the hand-off; the email goes on it.
  const opened = await client.waitFor<Msg>((f) => f.type === 'message' && f.from === 'bot' && /added sam@example.com to case CS-[A-Z0-9]{6}/.test(f.text), 10_000);
  const caseId = /CS-[A-Z0-9]{6}/.exec(opened.text)![0];
  client.send({ type: 'feedback', rating: 2, comment: 'took too long' });
  await client.waitFor((f) => f.type === 'message' && f.from === 'system' && /thank/i.test(f.text), 10_000);
  await client.close();

  // The agent.
  const agent = await createTestAgent(e2e.server.storage, { name: 'Casey Cases' });
  const { page, errors } = await e2e.visitor();
  await loginToConsole(page, e2e.server.url, agent);
  await page.getByRole('link', { name: 'Cases' }).click();
  const row = page.locator('tr', { hasText: caseId });
  await row.waitFor();
  expect(await row.innerText()).toContain('sam@example.com');
  await row.getByRole('button', { name: `Open case ${caseId}` }).click();
  const detail = page.getByRole('region', { name: 'Case detail' });
  await detail.getByText(`Case ${caseId}`).waitFor();
  await detail.getByText('★★☆☆☆ 2/5').waitFor();
  expect(await detail.innerText()).toContain('took too long');
  await detail.getByLabel('Status').selectOption('in_review');
  await detail.getByRole('button', { name: 'Save status' }).click();
  await page.getByText(`${caseId} is now In review`).waitFor();
  expect((await e2e.server.storage.cases.getCase(caseId))?.status).toBe('in_review');
  await page.screenshot({ path: path.join(TEST_OUTPUT, 'console-cases.png') });
  expect(errors).toEqual([]);
});

test('"What was this about?": an agent handling an escalated chat picks an intent, and it becomes a labelled training example', async () => {
  const agent = await createTestAgent(e2e.server.storage, { name: 'Abe About' });
  const { page } = await e2e.visitor();
  await loginToConsole(page, e2e.server.url, agent);
  await setStatus(page, 'online');
  const ui = consoleUi(page);
  // with no chat open, the panel says what it is for instead of showing a bare heading
  const aboutEmpty = page.getByText('Open a chat to record what it was about');
  await aboutEmpty.waitFor();

  const { client, session } = await startChat(e2e.server.wsUrl);
  client.send({ type: 'message', id: 'a1', text: 'I want to talk to a person' });
  const entry = ui.queueItem('Asked for a person');
  await entry.waitFor();
  await entry.getByRole('button', { name: /^Claim/ }).click();
  await ui.transcript.getByText('I want to talk to a person').waitFor();

  const about = page.getByRole('combobox', { name: 'What was this about?' });
  await about.waitFor();
  expect(await aboutEmpty.isVisible()).toBe(false);
  await about.fill('refund_missing');
  await about.press('Enter');
  await page.getByText('saved “refund missing” as a training example').waitFor();
  const labelled = await e2e.server.storage.training.listLabelled();
  const mine = labelled.filter((l) => JSON.stringify(l).includes(session.conversationId));
  expect(mine).toHaveLength(1);
  expect(mine[0]!.label.intent).toBe('refund_missing');
  expect(mine[0]!.item.reasons).toContain('agent_corrected');
  await client.close();
});

test('one click on an intent the bot saw labels the chat, and the customer\'s rating shows beside the chat', async () => {
  const agent = await createTestAgent(e2e.server.storage, { name: 'Rita Rating' });
  const { page } = await e2e.visitor();
  await loginToConsole(page, e2e.server.url, agent);
  await setStatus(page, 'online');
  const ui = consoleUi(page);

  const { client, session } = await startChat(e2e.server.wsUrl);
  client.send({ type: 'message', id: 'r1', text: 'I want to talk to a person' });
  const entry = ui.queueItem('Asked for a person');
  await entry.waitFor();
  await entry.getByRole('button', { name: /^Claim/ }).click();
  await ui.transcript.getByText('I want to talk to a person').waitFor();

  const rating = page.getByRole('region', { name: 'Customer rating' });
  await rating.getByText('Not rated yet.').waitFor();
  client.send({ type: 'feedback', rating: 2, comment: 'slow' });
  await rating.getByText('★★☆☆☆ 2/5 — “slow”').waitFor();

  // The intent the bot understood is offered as a one-click button.
  const seen = page.getByRole('group', { name: 'Intents seen in this chat' }).getByRole('button');
  const first = seen.first();
  const label = (await first.getAttribute('aria-label'))!.replace(/^Save as /, '');
  await first.click();
  await page.getByText(`saved “${label}” as a training example`).waitFor();
  const mine = (await e2e.server.storage.training.listLabelled()).filter((l) => l.item.conversationId === session.conversationId);
  expect(mine).toHaveLength(1);
  expect(mine[0]!.item.reasons).toContain('agent_corrected');
  expect(mine[0]!.label.intent.replace(/[_-]+/g, ' ')).toBe(label);
  await page.screenshot({ path: path.join(TEST_OUTPUT, 'console-chat-rating.png') });
  await client.close();
});

test('an operator promotes an agent reply to a canned answer', async () => {
  const op = await createTestAgent(e2e.server.storage, { name: 'Olga Operator', role: 'operator' });
  const { page } = await e2e.visitor();
  await loginToConsole(page, e2e.server.url, op);
  await setStatus(page, 'online');
  const ui = consoleUi(page);

  const { client } = await startChat(e2e.server.wsUrl);
  client.send({ type: 'message', id: 'o1', text: 'I want to talk to a person' });
  const entry = ui.queueItem('Asked for a person');
  await entry.waitFor();
  await entry.getByRole('button', { name: /^Claim/ }).click();
  await ui.transcript.getByText('I want to talk to a person').waitFor();
  const reply = 'Refunds reach your plan within 5 business days once the merchant confirms the return.';
  await ui.composer.fill(reply);
  await ui.composer.press('Enter');
  const mine = ui.transcript.locator('.msg.agent').filter({ hasText: reply });
  await mine.getByRole('button', { name: 'Promote this reply' }).click();
  const dialog = page.getByRole('dialog', { name: 'Promote this reply' });
  await dialog.getByLabel('Keep as').selectOption('canned_answer');
  await dialog.getByLabel('Title').fill('Refund timing after a return');
  await dialog.getByRole('button', { name: 'Promote' }).click();
  await page.getByText('Saved as a canned answer.').waitFor();
  const promotions = await e2e.server.storage.training.listPromotions();
  expect(promotions.map((p) => [p.kind, p.title, p.text])).toContainEqual(['canned_answer', 'Refund timing after a return', reply]);
  await client.close();
});
