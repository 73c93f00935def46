/**
 * Issue 15: the API reference at /docs in real headless Chromium: swagger-ui renders the
 * document (title, version, tag groups, an operation opened with its schema), under the
 * server's Content-Security-Policy with no violation and no page error, and with zero serious
 * or critical axe-core violations. Leaves test-output/docs.png for the closing note.
 */
import path from 'node:path';
import { seriousViolations } from '../helpers/axe';
import { TEST_OUTPUT, useBrowserApp } from '../helpers/e2e';

jest.setTimeout(90_000);

const e2e = useBrowserApp();

test('/docs renders the reference for every route group, blocked by nothing, with no serious accessibility violation', async () => {
  const { page, errors } = await e2e.visitor({ width: 1280, height: 900 });
  const cspViolations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
  });
  await page.exposeFunction('reportCsp', (v: string) => cspViolations.push(v));
  await page.addInitScript({ content: "document.addEventListener('securitypolicyviolation', (e) => window.reportCsp(e.violatedDirective + ' ' + e.blockedURI));" });

  const res = await page.goto(`${e2e.server.url}/docs`);
  expect(res?.status()).toBe(200);
  await page.locator('.swagger-ui .info .title').waitFor({ timeout: 20_000 });
  expect(await page.locator('.swagger-ui .info .title').innerText()).toMatch(/support chatbot API/);
  // One section per tag; the cases group lists its operations.
  for (const tag of ['auth', 'conversations', 'cases', 'training', 'webhooks', 'accounts', 'health']) {
    await page.locator(`.opblock-tag-section h3[data-tag="${tag}"]`).waitFor();
  }
  await page.locator('#operations-cases-get_api_cases__id_').waitFor();

  // Open one operation: its parameters, an example body and the error answers are shown.
  await page.locator('#operations-cases-patch_api_cases__id_ .opblock-summary-control').click();
  await page.locator('#operations-cases-patch_api_cases__id_ .parameters').waitFor();
  const opened = await page.locator('#operations-cases-patch_api_cases__id_').innerText();
  expect(opened).toContain('"status": "open"');
  expect(opened).toMatch(/4XX/i);

  expect(await seriousViolations(page)).toEqual([]);
  // The screenshot for the closing note: the top of the page, title and the first groups.
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: path.join(TEST_OUTPUT, 'docs.png'), fullPage: false });
  expect(cspViolations).toEqual([]);
  expect(errors).toEqual([]);
});
