/**
 * The console's Training section in real headless Chromium against the real server (shipped
 * intents, temp SQLite): an operator reviews what the bot was unsure about, labels it, retrains
 * with live progress, reads the report with the confusion-matrix heatmap, activates the new
 * version, rolls back and sets a per-intent threshold.
 */
import path from 'node:path';
import { createTestAgent, loginToConsole, type TestAgent } from '../helpers/console';
import { TEST_OUTPUT, useBrowserApp, type Visitor } from '../helpers/e2e';
import { startChat } from '../helpers/ws-client';
import type { ServerFrame } from '../../src/protocol/customer';

// A retrain runs for real in each test: generous limits, as a busy CI machine may take minutes.
jest.setTimeout(240_000);

/** The shipped model is unsure about this one (top guess ≈ 20 %), so it lands in the inbox. */
const UNSURE = 'my parrot ate the invoice';
const EMPTY = 'Nothing to review. Messages the bot was unsure about appear here.';

const e2e = useBrowserApp();

/** An operator logged into the console in a fresh browser context; page errors are collected. */
async function operatorConsole(agent: TestAgent): Promise<Visitor> {
  const v = await e2e.visitor({ width: 1280, height: 900 });
  await loginToConsole(v.page, e2e.server.url, agent);
  await v.page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Training' }).click();
  await v.page.getByRole('heading', { name: 'Training', level: 1 }).waitFor();
  return v;
}

/** A customer says `text` over a real socket; resolves once the bot answered (the message is stored). */
async function customerSays(text: string): Promise<void> {
  const { client } = await startChat(e2e.server.wsUrl);
  const from = client.frames.length;
  client.send({ type: 'message', id: `m-${Date.now()}`, text });
  await client.waitFor((f: ServerFrame) => f.type === 'message' && f.from === 'bot', 10_000, from);
  await client.close();
}

describe('console training pages', () => {
  it('label one message the bot was unsure about, start a retrain, see the progress reach 100 % and the report with the heatmap', async () => {
    const olga = await createTestAgent(e2e.server.storage, { name: 'Olga Operator', role: 'operator' });
    const { page, errors } = await operatorConsole(olga);
    const inbox = page.getByRole('tabpanel', { name: 'Triage inbox' });

    // On by default, and clear when there is nothing to do.
    await inbox.getByText(EMPTY).waitFor();

    // A customer asks something the bot is unsure about; the operator refreshes and sees it.
    await customerSays(UNSURE);
    await inbox.getByRole('button', { name: 'Refresh' }).click();
    const item = inbox.locator('li.titem').filter({ hasText: UNSURE });
    await item.waitFor();
    expect(await inbox.getByText(EMPTY).isVisible()).toBe(false);
    expect(await item.locator('.chip.reason').allInnerTexts()).toContain('Bot unsure');
    // The model's top guesses with their confidences.
    const guesses = await item.locator('.guesses .chip').allInnerTexts();
    expect(guesses.length).toBeGreaterThanOrEqual(2);
    for (const g of guesses) expect(g).toMatch(/^[a-z ]+ · \d+%$/);
    // Its conversation, expandable: the bot's reply to it is there.
    const showContext = item.locator('button[aria-controls]');
    expect(await showContext.innerText()).toBe('Show conversation');
    await showContext.click();
    expect(await showContext.getAttribute('aria-expanded')).toBe('true');
    expect(await showContext.innerText()).toBe('Hide conversation');
    await item.locator('.context li').filter({ hasText: "I'm not sure I understood" }).first().waitFor();
    await page.screenshot({ path: path.join(TEST_OUTPUT, 'training-inbox.png') });

    // Label it by keyboard: Space selects, type the intent, Enter applies.
    const box = item.getByRole('checkbox');
    await box.focus();
    await box.press('Space');
    expect(await box.isChecked()).toBe(true);
    await inbox.getByText('1 message selected').waitFor();
    const intentField = inbox.getByLabel('Intent', { exact: true });
    await intentField.fill('unexpected_charge');
    await intentField.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Labelled 1 message as unexpected charge.' }).waitFor();
    // Reviewed, so it leaves the to-review list; the label records who gave it and where from.
    await inbox.getByText(EMPTY).waitFor();
    const labelled = await e2e.server.storage.training.listLabelled();
    expect(labelled.map((l) => [l.item.text, l.label.intent, l.label.labelledBy])).toEqual([[UNSURE, 'unexpected_charge', olga.id]]);
    expect(labelled[0]?.label.conversationId).toEqual(labelled[0]?.item.conversationId);
    // …and shows under "Labelled".
    await inbox.getByLabel('Show').selectOption('labelled');
    await inbox.locator('li.titem').filter({ hasText: UNSURE }).locator('.chip.labelled').filter({ hasText: 'Labelled: unexpected charge' }).waitFor();

    // Retrain: every progress value the page shows is recorded.
    await page.getByRole('tab', { name: 'Retrain' }).click();
    const retrain = page.getByRole('tabpanel', { name: 'Retrain' });
    const bar = retrain.getByRole('progressbar', { name: 'Retraining progress' });
    // (Strings, not functions: the Node type-check has no DOM types.)
    await page.evaluate(`(() => {
      const el = document.querySelector('[role="progressbar"]');
      window.seenProgress = [];
      new MutationObserver(() => window.seenProgress.push(Number(el.getAttribute('aria-valuenow')))).observe(el, { attributes: true, attributeFilter: ['aria-valuenow'] });
    })()`);
    await retrain.getByRole('button', { name: 'Start retraining' }).click();
    await retrain.getByText('Training finished: 100%. The report is below.').waitFor({ timeout: 150_000 });
    expect(await bar.getAttribute('aria-valuenow')).toBe('100');
    const seen = (await page.evaluate('window.seenProgress')) as number[];
    expect(seen[0]).toBe(0);
    expect(seen[seen.length - 1]).toBe(100);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(await retrain.getByRole('button', { name: 'Start retraining' }).isEnabled()).toBe(true);

    // The report: the figures the server stored, the per-intent table, and the heatmap.
    const [version] = await e2e.server.storage.training.listVersions();
    expect(version).toBeDefined();
    const metrics = version!.metrics as { candidate: { accuracy: number; macroF1: number }; active: { accuracy: number }; report: { confusion: { labels: string[]; matrix: number[][] } } };
    const report = retrain.locator('section.report');
    await report.getByRole('heading', { name: 'Report: new model against the active one' }).waitFor();
    expect(await report.locator('.lead').first().innerText()).toContain(version!.id);
    const accuracy = report.locator('.card.accuracy');
    expect(await accuracy.locator('.v').innerText()).toBe(`${(metrics.candidate.accuracy * 100).toFixed(1)}%`);
    expect(await accuracy.locator('.s').innerText()).toMatch(new RegExp(`^active ${(metrics.active.accuracy * 100).toFixed(1)}% · [+−±]\\d+\\.\\d pts$`));
    expect(await report.locator('.card.macro-f1 .v').innerText()).toBe(`${(metrics.candidate.macroF1 * 100).toFixed(1)}%`);

    const perIntent = report.locator('table.per-intent');
    const rows = perIntent.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(10);
    // Sortable by keyboard-reachable header buttons.
    await perIntent.getByRole('button', { name: 'Intent' }).click();
    expect(await perIntent.locator('th', { hasText: 'Intent' }).getAttribute('aria-sort')).toBe('ascending');
    const names = await rows.locator('td:first-child').allInnerTexts();
    expect(names).toEqual([...names].sort());

    const labels = metrics.report.confusion.labels;
    const heatmap = report.locator('table.heatmap');
    await heatmap.waitFor();
    expect(await heatmap.locator('td.cell').count()).toBe(labels.length * labels.length);
    expect(await heatmap.locator('thead th').count()).toBe(labels.length + 1);
    // A diagonal cell says its count on hover, and it is shaded.
    const k = labels.indexOf('cancelled_order');
    const n = metrics.report.confusion.matrix[k]![k]!;
    const total = metrics.report.confusion.matrix[k]!.reduce((s, x) => s + x, 0);
    const cell = heatmap.locator('tbody tr').nth(k).locator('td.cell').nth(k);
    expect(await cell.getAttribute('title')).toBe(`true cancelled order → predicted cancelled order: ${n} of ${total} (${Math.round((n / total) * 100)}%)`);
    expect(await cell.innerText()).toBe(String(n));
    const shade = `getComputedStyle(document.querySelectorAll('table.heatmap tbody tr')[${k}].querySelectorAll('td.cell')[${k}]).backgroundColor`;
    expect(await page.evaluate(shade)).toMatch(/^rgba?\(30, 125, 50/);

    // The reliability diagram, drawn by the server, loads as an image with a text alternative.
    const diagram = report.getByRole('img', { name: /^Reliability diagram of the new model/ });
    await diagram.waitFor();
    await page.waitForFunction(`document.querySelector('section.report img.reliability').complete`);
    expect(await page.evaluate(`document.querySelector('section.report img.reliability').naturalWidth`)).toBe(360);
    expect(await diagram.getAttribute('alt')).toContain(`on ${(metrics.report as unknown as { count: number }).count} held-out messages`);

    await page.setViewportSize({ width: 1280, height: 3400 });
    await report.screenshot({ path: path.join(TEST_OUTPUT, 'training-report.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(errors).toEqual([]);
  });

  it('activate a version with confirmation, roll back, and save a per-intent threshold', async () => {
    const omar = await createTestAgent(e2e.server.storage, { name: 'Omar Operator', role: 'operator' });
    const { page, errors } = await operatorConsole(omar);
    // Versions exist only after a retrain: make one through the console.
    await page.getByRole('tab', { name: 'Retrain' }).click();
    const retrain = page.getByRole('tabpanel', { name: 'Retrain' });
    await retrain.getByRole('button', { name: 'Start retraining' }).click();
    await retrain.getByText('Training finished: 100%. The report is below.').waitFor({ timeout: 150_000 });
    const newest = (await e2e.server.storage.training.listVersions())[0]!;

    // Keyboard: arrow keys move between the tabs.
    await page.getByRole('tab', { name: 'Retrain' }).press('ArrowRight');
    const models = page.getByRole('tabpanel', { name: 'Models & thresholds' });
    await models.getByRole('heading', { name: 'Model versions' }).waitFor();
    const row = models.locator(`tr[data-version="${newest.id}"]`);
    await row.waitFor();
    expect(await row.locator('.badge').count()).toBe(0);
    // the mode it was trained in (this server runs the default mode)
    await row.getByRole('cell', { name: 'Default', exact: true }).waitFor();

    // Cancel changes nothing; confirming activates it on the e2e.server.
    await row.getByRole('button', { name: `Activate ${newest.id}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Activate this model?' });
    // Cancel has the focus, so a stray Enter does not switch the live model
    expect(await page.evaluate("document.activeElement && document.activeElement.closest('dialog') && document.activeElement.textContent")).toBe('Cancel');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await e2e.server.storage.training.listVersions()).some((v) => v.active)).toBe(false);
    await row.getByRole('button', { name: `Activate ${newest.id}` }).click();
    await dialog.getByRole('button', { name: 'Activate' }).click();
    await row.locator('.badge', { hasText: 'Active' }).waitFor();
    await page.getByRole('status').filter({ hasText: `Version ${newest.id} is now active.` }).waitFor();
    expect((await e2e.server.storage.training.listVersions()).find((v) => v.active)?.id).toBe(newest.id);

    // Roll back to the built-in model.
    await models.getByRole('button', { name: 'Roll back' }).click();
    await page.getByRole('dialog', { name: 'Roll back the model?' }).getByRole('button', { name: 'Roll back' }).click();
    await page.getByRole('status').filter({ hasText: 'Rolled back: the built-in model from intents/ is active.' }).waitFor();
    await row.locator('.badge').waitFor({ state: 'detached' });
    expect((await e2e.server.storage.training.listVersions()).some((v) => v.active)).toBe(false);

    // Thresholds: a wrong value is explained; a right one is saved and used.
    const thr = models.locator('tr[data-intent="late_fee"]');
    const field = thr.getByLabel('Threshold for late fee');
    await field.fill('1.5');
    await thr.getByRole('button', { name: 'Save' }).click();
    await thr.getByText('Enter a number from 0 to 1').waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await field.fill('0.72');
    await field.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Threshold for late fee set to 0.72.' }).waitFor();
    await models.locator('tr[data-intent="late_fee"]').getByText('Saved.').waitFor();
    expect((await e2e.server.storage.training.listThresholds()).map((t) => [t.intent, t.threshold, t.updatedBy])).toEqual([['late_fee', 0.72, omar.id]]);
    await models.locator('tr[data-intent="late_fee"] td.num').filter({ hasText: '0.72' }).waitFor();
    await page.screenshot({ path: path.join(TEST_OUTPUT, 'training-models.png') });
    expect(errors).toEqual([]);
  });
});
