/**
 * The console's Team section in real headless Chromium: an admin adds an account and hands over
 * its one-time password, the new agent logs in, and disabling the account signs their open
 * console out at once with the reason in words.
 */
import { seriousViolations } from '../helpers/axe';
import { consoleUi, createTestAgent, loginToConsole } from '../helpers/console';
import { useBrowserApp } from '../helpers/e2e';

jest.setTimeout(90_000);

const e2e = useBrowserApp();

it('an admin adds an agent, who logs in with the one-time password; disabling them closes their console now', async () => {
  const root = await createTestAgent(e2e.server.storage, { name: 'Ada Admin', role: 'admin' });
  const admin = await e2e.visitor();
  await loginToConsole(admin.page, e2e.server.url, root);
  await admin.page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Team' }).click();
  const team = admin.page.locator('.team-section');
  await team.getByRole('row').filter({ hasText: 'Ada Admin' }).waitFor();

  // The form checks in the page first.
  await team.getByRole('button', { name: 'Add account' }).click();
  await team.getByRole('alert').getByText('Give a name.').waitFor();
  await team.getByLabel('Name').fill('Lee Park');
  await team.getByLabel('Email').fill('lee.park@desk.example');
  await team.getByRole('button', { name: 'Add account' }).click();
  const secret = team.getByRole('region', { name: 'One-time password' });
  await secret.waitFor();
  const password = (await secret.locator('code').innerText()).trim();
  expect(password.length).toBeGreaterThanOrEqual(12);
  expect(await seriousViolations(admin.page)).toEqual([]);

  const lee = await e2e.visitor();
  await loginToConsole(lee.page, e2e.server.url, { email: 'lee.park@desk.example', password });
  await consoleUi(lee.page).queue.waitFor();

  const row = team.getByRole('row').filter({ hasText: 'Lee Park' });
  await row.getByRole('button', { name: 'Disable' }).click();
  const confirm = admin.page.getByRole('dialog', { name: 'Disable account?' });
  await confirm.getByRole('button', { name: 'Disable' }).click();
  await row.getByText('Disabled').waitFor();

  await lee.page.getByText('An admin disabled your account.').waitFor();
  await consoleUi(lee.page).loginButton.waitFor();

  // The admin cannot lock themselves out: the server refuses, the page says why.
  const own = team.getByRole('row').filter({ hasText: 'Ada Admin' });
  await own.getByRole('button', { name: 'Disable' }).click();
  await admin.page.getByRole('dialog', { name: 'Disable account?' }).getByRole('button', { name: 'Disable' }).click();
  await team.getByRole('status').getByText(/cannot disable, remove or demote your own account/).waitFor();
  for (const v of [admin, lee]) expect(v.errors).toEqual([]);
});
