/**
 * The console's Conversation tests section in headless Chromium against the real server: agents
 * do not see it; an operator sees "not run yet", runs the folder with the keyboard, watches the
 * progress, and reads the PASS/FAIL table and the failure's transcript; a failed load offers Retry.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { createTestAgent, loginToConsole } from '../helpers/console';
import { TEST_OUTPUT, useBrowserApp } from '../helpers/e2e';

jest.setTimeout(120_000);

const dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-conversations-'));
for (let i = 1; i <= 4; i++) writeFileSync(path.join(dir, `refund-${i}.yml`), 'turns:\n  - say: how long does a refund take\nexpect:\n  article: refund\n');
writeFileSync(path.join(dir, 'wrong-topic.yml'), 'title: Expects security for a refund question\nturns:\n  - say: how long does a refund take\nexpect:\n  article: security\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const e2e = useBrowserApp({ conversationsDir: dir });
const nav = (page: Page) => page.getByRole('navigation', { name: 'Sections' });

describe('console Conversation tests section', () => {
  it('is not offered to agents', async () => {
    const abe = await createTestAgent(e2e.server.storage, { name: 'Abe Agent' });
    const { page, errors } = await e2e.visitor();
    await loginToConsole(page, e2e.server.url, abe);
    expect(await nav(page).getByRole('link').allInnerTexts()).not.toContain('Tests');
    expect(errors).toEqual([]);
  });

  it('runs every file from the keyboard, shows progress, the table and the failure with its transcript', async () => {
    const olive = await createTestAgent(e2e.server.storage, { name: 'Olive Operator', role: 'operator' });
    const { page, errors } = await e2e.visitor({ width: 1280, height: 1400 });
    await loginToConsole(page, e2e.server.url, olive);
    await nav(page).getByRole('link', { name: 'Tests' }).click();
    await page.getByRole('heading', { name: 'Conversation tests', level: 1 }).waitFor();
    await page.getByText('Not run yet on this server').waitFor();

    const run = page.getByRole('button', { name: 'Run all' });
    await run.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Running…' }).waitFor();
    expect(await page.getByRole('button', { name: 'Running…' }).isDisabled()).toBe(true);

    await page.locator('p.ct-summary', { hasText: '5 conversations: 4 passed, 1 failed.' }).waitFor({ timeout: 60_000 });
    expect(await page.getByRole('status').innerText()).toBe('5 conversations: 4 passed, 1 failed.');
    const rows = page.getByRole('region', { name: 'Results' }).locator('tbody tr');
    expect(await rows.count()).toBe(5);
    expect(await rows.filter({ hasText: 'FAIL' }).innerText()).toMatch(/wrong-topic\.yml\s+article in security\s+articles refund-timing \(refund\)/);
    const failure = page.getByRole('article', { name: 'wrong-topic.yml: Expects security for a refund question' });
    expect(await failure.innerText()).toContain('no answer from the security category');
    expect(await failure.getByRole('listitem').filter({ hasText: 'customer: how long does a refund take' }).count()).toBe(1);
    // The failing file's name in the table jumps to its transcript.
    await rows.filter({ hasText: 'FAIL' }).getByRole('button', { name: 'wrong-topic.yml' }).press('Enter');
    expect(await failure.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await page.getByRole('heading', { name: 'Conversation tests', level: 1 }).waitFor();
    expect(await page.getByRole('button', { name: 'Run again' }).isEnabled()).toBe(true);
    await page.screenshot({ path: path.join(TEST_OUTPUT, 'conversation-tests.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('offers Retry when the results cannot be loaded', async () => {
    const ada = await createTestAgent(e2e.server.storage, { name: 'Ada Admin', role: 'admin' });
    const { page } = await e2e.visitor();
    await loginToConsole(page, e2e.server.url, ada);
    let fail = true;
    await page.route('**/api/conversation-tests/run', (route) => (fail ? route.fulfill({ status: 500, body: '{}' }) : route.continue()));
    await nav(page).getByRole('link', { name: 'Tests' }).click();
    await page.getByRole('alert').filter({ hasText: 'Could not load the conversation tests' }).waitFor();
    fail = false;
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.locator('p.ct-summary', { hasText: '5 conversations: 4 passed, 1 failed.' }).waitFor();
  });
});
