/**
 * The console's Insights section in real headless Chromium against the real server (temp SQLite):
 * agents do not see it; on a fresh desk an operator gets the empty state; with conversations,
 * hand-overs, ratings and a model activation stored this week, the cards, the charts and the
 * week-by-week table show them; a failed load offers Retry; fewer weeks means fewer rows.
 * The tests run in order on one server: the empty state comes before anything is stored.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { EscalationReason } from '../../src/storage/types';
import { createTestAgent, loginToConsole, type TestAgent } from '../helpers/console';
import { TEST_OUTPUT, useBrowserApp, type Visitor } from '../helpers/e2e';

jest.setTimeout(90_000);

const e2e = useBrowserApp();

/** Tall enough that the screenshot holds the whole section (the console scrolls inside its main area). */
async function signedIn(agent: TestAgent): Promise<Visitor> {
  const v = await e2e.visitor({ width: 1280, height: 1900 });
  await loginToConsole(v.page, e2e.server.url, agent);
  return v;
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Sections' });

/** Opens the section from the nav and waits for its heading. */
async function openInsights(page: Page): Promise<void> {
  await nav(page).getByRole('link', { name: 'Insights' }).click();
  await page.getByRole('heading', { name: 'Insights', level: 1 }).waitFor();
}

/** A conversation started now, handed over once per reason (each hand-over closed again), rated as given. */
async function storedChat(opts: { escalate?: EscalationReason[]; rating?: number } = {}): Promise<void> {
  const { storage } = e2e.server;
  const id = `c-${randomUUID()}`;
  await storage.createConversation({ id, tokenHash: `h-${id}`, state: 'bot', snapshot: {}, context: {} });
  await storage.commitTurn({ conversationId: id, expectedVersion: 0, messages: [{ id: 'm1', from: 'customer', text: 'where is my refund' }] });
  for (const reason of opts.escalate ?? []) {
    const c = (await storage.getConversation(id))!;
    await storage.commitTurn({ conversationId: id, expectedVersion: c.version, messages: [], state: 'queued', escalation: { reason, priority: 'normal', summary: {} } });
    for (const e of await storage.listEscalations({ conversationId: id, status: 'queued' })) await storage.updateEscalationStatus(e.id, 'closed', { from: ['queued'] });
  }
  if (opts.rating !== undefined) await storage.cases.addFeedback({ conversationId: id, rating: opts.rating });
}

describe('console Insights section', () => {
  it('is not offered to agents, not even by its address', async () => {
    const abe = await createTestAgent(e2e.server.storage, { name: 'Abe Agent' });
    const { page, errors } = await signedIn(abe);
    expect(await nav(page).getByRole('link').allInnerTexts()).not.toContain('Insights');
    await page.goto(`${e2e.server.url}/console#/insights`);
    await page.getByRole('region', { name: 'Queue' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Insights' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('says so when there are no conversations yet', async () => {
    const olga = await createTestAgent(e2e.server.storage, { name: 'Olga Empty', role: 'operator' });
    const { page, errors } = await signedIn(olga);
    await openInsights(page);
    const empty = 'No conversations in the last 8 weeks yet. Figures appear here as customers chat.';
    await page.getByRole('paragraph').filter({ hasText: empty }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: empty }).count()).toBe(1);
    expect(await page.getByRole('img').count()).toBe(0);
    expect(await page.getByRole('table').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('an operator sees this week’s conversations, hand-overs, ratings and model activation in cards, charts and the table', async () => {
    const olga = await createTestAgent(e2e.server.storage, { name: 'Olga Operator', role: 'operator' });
    // This week: 4 chats, 2 handed over (one for two reasons), 2 rated (5 and 2), and the built-in model re-activated.
    await storedChat({ rating: 5 });
    await storedChat();
    await storedChat({ escalate: ['asked_for_human'], rating: 2 });
    await storedChat({ escalate: ['low_confidence', 'frustration'] });
    await e2e.server.storage.training.activateVersion(null, olga.id);

    const { page, errors } = await signedIn(olga);
    // A failed load says why and offers Retry, which works once the server answers again.
    let failures = 0;
    await page.route(/\/api\/insights\?/, (route) => {
      failures++;
      return route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ code: 'INTERNAL', message: 'boom' }) });
    });
    await openInsights(page);
    const alert = page.getByRole('alert').filter({ hasText: 'Could not load the figures: The server had a problem. Try again in a moment.' });
    await alert.waitFor();
    expect(failures).toBe(1);
    await page.unroute(/\/api\/insights\?/);
    const retry = page.getByRole('button', { name: 'Retry' });
    await retry.focus();
    await page.keyboard.press('Enter');

    const cards = page.getByRole('list', { name: 'This week against the week before' });
    await cards.waitFor();
    const cardTexts = (await cards.getByRole('listitem').allInnerTexts()).map((text) => text.split('\n'));
    expect(cardTexts).toEqual([
      ['CONVERSATIONS', '4', '+4 against last week (0)'],
      ['RESOLVED BY THE BOT', '50%', 'No conversations the week before'],
      ['HANDED TO A PERSON', '50%', 'No conversations the week before'],
      ['AVERAGE RATING', '3.5 / 5', '2 ratings; none the week before'],
    ]);
    // Keyboard focus stayed on the page when Retry went away.
    expect(await page.evaluate('document.activeElement.tagName')).toBe('H1');

    // The charts are images with a summary; the line chart marks the activation.
    const lineChart = page.getByRole('img', { name: /^Line chart/ });
    const lineLabel = (await lineChart.getAttribute('aria-label')) ?? '';
    expect(lineLabel).toContain('8 weeks from');
    expect(lineLabel).toContain('This week 50% resolved by the bot and 50% handed to a person.');
    expect(lineLabel).toContain('7 weeks without conversations are left blank.');
    expect(lineLabel).toContain('1 model activation is marked.');
    expect(await lineChart.locator('.activations text').allTextContents()).toEqual(['Built-in model']);
    // One point per series (the legend's samples are `.item`s): the seven quiet weeks are gaps.
    const resolvedPoints = lineChart.locator('g.series.resolved:not(.item) .pt');
    expect(await resolvedPoints.count()).toBe(1);
    expect(await lineChart.locator('g.series.handed:not(.item) .pt').count()).toBe(1);
    // The point sits half-way up the plot: 50 %.
    const box = (await lineChart.boundingBox())!;
    const point = (await resolvedPoints.boundingBox())!;
    expect(point.y - box.y).toBeGreaterThan(box.height * 0.35);
    expect(point.y - box.y).toBeLessThan(box.height * 0.55);
    const barChart = page.getByRole('img', { name: /^Bar chart/ });
    expect(await barChart.getAttribute('aria-label')).toMatch(/4 conversations in all, .*4 this week\.$/);

    // The table: one row per week, newest first, with every figure.
    const table = page.getByRole('table');
    expect(await table.locator('caption').innerText()).toMatch(/^Week by week, newest first \(8 weeks\)/);
    const headers = await table.getByRole('columnheader').allInnerTexts();
    expect(headers).toEqual([
      'Week',
      'Conversations',
      'Resolved by the bot',
      'Handed to a person',
      'Nobody available',
      'Asked for a person',
      'Bot unsure twice',
      'Frustrated',
      'Urgent: security',
      'Rated',
      'Average rating',
      'Model changes',
    ]);
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(8);
    const thisWeek = rows.first();
    expect(await thisWeek.getByRole('rowheader').innerText()).toMatch(/\(this week\)$/);
    const cells = await thisWeek.getByRole('cell').allInnerTexts();
    expect(cells.slice(0, 10)).toEqual(['4', '50% (2)', '50% (2)', '0', '1', '1', '1', '0', '2', '3.5 / 5']);
    expect(cells[10]).toMatch(/back to the built-in model$/);
    expect(await rows.nth(1).getByRole('cell').allInnerTexts()).toEqual(['0', '—', '—', '0', '0', '0', '0', '0', '0', '—', '—']);
    await page.screenshot({ path: path.join(TEST_OUTPUT, 'console-insights.png') });

    // The same figures as a CSV file, oldest week first.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^insights-\d{4}-\d{2}-\d{2}-8w\.csv$/);
    const csv = fs.readFileSync((await download.path())!, 'utf8').trim().split('\r\n');
    expect(csv).toHaveLength(9);
    expect(csv[0]!.split(',').slice(2, 11)).toEqual(['conversations', 'handed_over', 'unmet', 'asked_for_human', 'low_confidence', 'frustration', 'urgent_security', 'rated', 'rating_sum']);
    expect(csv[8]!.split(',').slice(2, 11)).toEqual(['4', '2', '0', '1', '1', '1', '0', '2', '7']);
    expect(csv[8]).toMatch(/built-in by /);

    // Fewer weeks from the keyboard: the select reloads the figures.
    const weeks = page.getByLabel('Show the last');
    await weeks.focus();
    await weeks.selectOption({ label: '4 weeks' });
    await table.locator('caption').filter({ hasText: '(4 weeks)' }).waitFor();
    expect(await rows.count()).toBe(4);
    expect((await page.getByRole('img', { name: /^Line chart/ }).getAttribute('aria-label')) ?? '').toContain('4 weeks from');
    expect(errors).toEqual([]);
  });
});
