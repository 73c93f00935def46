/**
 * The frame of a browser-test file: one real server (shipped intents and knowledge base, temp
 * SQLite) and one headless Chromium for the file, and fresh browser contexts for the people in a
 * test, closed after it.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { Config } from '../../src/config';
import { startTestApp, type TestApp } from './app';
import { launchBrowser, type TestBrowser } from './browser';

/** Where browser tests leave their screenshots. */
export const TEST_OUTPUT = path.resolve(__dirname, '..', '..', 'test-output');

/** One person at a browser: their own context (cookies, storage) and page, with its page errors. */
export interface Visitor {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/**
 * Starts the server (with `overrides` to the test config) and Chromium before the file's tests and
 * stops them after; call it at the top of the file. `server` and `chrome` are there once the tests run.
 * @example const e2e = useBrowserApp(); it('…', async () => { const { page } = await e2e.visitor(); await page.goto(e2e.server.url); });
 */
export function useBrowserApp(overrides: Partial<Config> = {}) {
  let server: TestApp | undefined;
  let chrome: TestBrowser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(TEST_OUTPUT, { recursive: true });
    [server, chrome] = await Promise.all([startTestApp(overrides), launchBrowser()]);
  });
  afterAll(async () => {
    await chrome?.close();
    await server?.close();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  function started<T>(value: T | undefined, what: string): T {
    if (!value) throw new Error(`${what} is not started yet: use it inside a test or hook`);
    return value;
  }

  return {
    get server(): TestApp {
      return started(server, 'The test server');
    },
    get chrome(): TestBrowser {
      return started(chrome, 'Chromium');
    },
    /** A new person in a fresh context (default viewport 1280×800), closed after the test. */
    async visitor(viewport?: { width: number; height: number }): Promise<Visitor> {
      const context = await started(chrome, 'Chromium').newContext(viewport);
      contexts.push(context);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      return { context, page, errors };
    },
  };
}
