/**
 * Moving between the console's sections from the keyboard, in real headless Chromium against the
 * real server: the digits 1–9 pick the nav's sections by place, not while typing in a field, and
 * the keyboard help lists them. The top bar stays one row on 1366 and 1280 px laptop screens.
 */
import type { Page } from 'playwright-core';
import { createTestAgent, loginToConsole } from '../helpers/console';
import { useBrowserApp } from '../helpers/e2e';

jest.setTimeout(60_000);

const e2e = useBrowserApp();
const hashOf = (page: Page): Promise<string> => page.evaluate('location.hash') as Promise<string>;

describe('console section keys', () => {
  it('an operator reaches every section with its digit, and a digit typed into a field stays text', async () => {
    const olga = await createTestAgent(e2e.server.storage, { name: 'Olga Keys', role: 'operator' });
    const { page, errors } = await e2e.visitor({ width: 1280, height: 900 });
    await loginToConsole(page, e2e.server.url, olga);
    const links = page.getByRole('navigation', { name: 'Sections' }).getByRole('link');
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.length).toBeGreaterThanOrEqual(3);
    expect(hrefs[0]).toBe('#/chats');

    // from the last section back to the first, so that every press changes the section
    for (let i = hrefs.length - 1; i >= 0; i--) {
      await page.keyboard.press(String(i + 1));
      await page.waitForFunction(`location.hash === ${JSON.stringify(hrefs[i])}`);
      expect(await links.nth(i).getAttribute('aria-keyshortcuts')).toBe(String(i + 1));
    }
    await page.getByRole('region', { name: 'Queue' }).waitFor();

    // a digit with no section behind it does nothing
    await page.keyboard.press(String(hrefs.length + 1));
    expect(await hashOf(page)).toBe('#/chats');

    // in the Transcripts filter, "2" is part of the search text
    const transcripts = hrefs.indexOf('#/transcripts');
    expect(transcripts).toBeGreaterThan(0);
    await page.keyboard.press(String(transcripts + 1));
    await page.waitForFunction(`location.hash === '#/transcripts'`);
    const search = page.getByLabel('Search messages');
    await search.click();
    await page.keyboard.type('12');
    expect(await search.inputValue()).toBe('12');
    expect(await hashOf(page)).toBe('#/transcripts');

    await search.press('Escape');
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.getByText('Go to a section of the top bar by its place').waitFor();
    expect(errors).toEqual([]);
  });

  it.each([1366, 1280])('the top bar is one row at %i px, and Log out names whose session it ends', async (width) => {
    const otto = await createTestAgent(e2e.server.storage, { name: `Otto Width ${width}`, role: 'operator' });
    const { page, errors } = await e2e.visitor({ width, height: 768 });
    await loginToConsole(page, e2e.server.url, otto);
    const top = async (name: string): Promise<number> => (await page.getByRole('button', { name }).boundingBox())!.y;
    const brandTop = (await page.getByRole('banner').getByText('console').boundingBox())!.y;
    const logoutTop = await top('Log out');
    // the last control of the bar sits on the first row, not wrapped under the brand
    expect(Math.abs(logoutTop - (await top('Shortcuts ?')))).toBeLessThan(4);
    expect(logoutTop - brandTop).toBeLessThan(20);
    expect(await page.getByRole('button', { name: 'Log out' }).getAttribute('title')).toContain(`Otto Width ${width} (operator)`);
    expect(errors).toEqual([]);
  });
});
