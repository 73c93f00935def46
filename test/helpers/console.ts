/**
 * Helpers for browser tests of the agent console and the customer widget side by side: create an
 * agent account straight in the hand-off store, log in, and find the console's and widget's parts
 * the way a person would (roles and visible text).
 */
import { randomUUID } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { hashPassword } from '../../src/http/auth/password';
import type { AgentRole } from '../../src/storage/handoff';
import type { Storage } from '../../src/storage/types';

export interface TestAgent {
  id: string;
  email: string;
  name: string;
  role: AgentRole;
  password: string;
}

/** Stores an agent account (as `npm run cli -- agent add` would) and returns its credentials. */
export async function createTestAgent(
  storage: Storage,
  opts: { name?: string; email?: string; role?: AgentRole; capacity?: number; password?: string } = {},
): Promise<TestAgent> {
  const name = opts.name ?? 'Dana Agent';
  const email = opts.email ?? `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${randomUUID().slice(0, 6)}@support.example`;
  const password = opts.password ?? `pw-${randomUUID()}`;
  const role = opts.role ?? 'agent';
  const record = await storage.handoff.createAgent({ id: randomUUID(), email, name, role, passwordHash: await hashPassword(password), capacity: opts.capacity });
  return { id: record.id, email: record.email, name, role, password };
}

/** The console's parts, found by role and label. */
export function consoleUi(page: Page) {
  const queue = page.getByRole('region', { name: 'Queue' });
  return {
    email: page.getByLabel('Email'),
    password: page.getByLabel('Password'),
    loginButton: page.getByRole('button', { name: 'Log in' }),
    loginError: page.locator('#login-error'),
    status: page.getByLabel('Status'),
    queue,
    queueItems: queue.locator('li.qitem'),
    queueItem: (text: string | RegExp) => queue.locator('li.qitem').filter({ hasText: text }),
    myChats: page.getByRole('region', { name: 'My chats' }),
    transcript: page.getByRole('log'),
    composer: page.locator('#composer-input'),
    replyMode: page.getByRole('button', { name: 'Reply', exact: true }),
    noteMode: page.getByRole('button', { name: 'Internal note' }),
    typing: page.locator('.typing-line'),
    release: page.getByRole('button', { name: 'Release to bot' }),
    logout: page.getByRole('button', { name: 'Log out' }),
    kbSearch: page.getByRole('searchbox', { name: 'Search the knowledge base' }),
  };
}

/**
 * Opens /console, logs in and waits for the console (queue heading) to show. An agent who is not
 * online is asked "Go online?" right after logging in: `goOnline` answers it (default: stay as is,
 * so tests set presence themselves with setStatus).
 */
export async function loginToConsole(
  page: Page,
  baseUrl: string,
  agent: Pick<TestAgent, 'email' | 'password'>,
  opts: { goOnline?: boolean } = {},
): Promise<void> {
  await page.goto(`${baseUrl}/console`);
  const ui = consoleUi(page);
  await ui.email.fill(agent.email);
  await ui.password.fill(agent.password);
  await ui.loginButton.click();
  await ui.queue.waitFor();
  await page.locator('body[data-presence-checked]').waitFor({ state: 'attached' });
  const ask = page.getByRole('dialog', { name: 'Go online?' });
  if (await ask.isVisible()) {
    await ask.getByRole('button', { name: opts.goOnline ? 'Go online' : /^Stay / }).click();
    await ask.waitFor({ state: 'detached' });
  }
}

/** Sets the agent's presence and waits until the socket is up (the connection banner is gone). */
export async function setStatus(page: Page, status: 'online' | 'away' | 'offline'): Promise<void> {
  await page.locator('.conn').waitFor({ state: 'hidden' });
  await consoleUi(page).status.selectOption(status);
}

/** The widget's parts (playwright locators pierce its open shadow root). */
export function widgetUi(page: Page) {
  const host = page.locator('#support-widget');
  return {
    launcher: host.locator('button.launcher'),
    log: host.getByRole('log'),
    input: host.getByRole('textbox', { name: 'Message' }),
    quickReply: (name: string | RegExp) => host.getByRole('group', { name: 'Suggested replies' }).getByRole('button', { name }),
    bubbles: host.locator('.bubble'),
    typing: host.locator('.typing'),
    status: host.locator('.bar.status'),
  };
}

/** Opens the widget on the current page and waits for the composer. */
export async function openWidget(page: Page) {
  const w = widgetUi(page);
  await w.launcher.click();
  await w.input.waitFor();
  return w;
}

/** Types a message into the widget and sends it with Enter. */
export async function say(page: Page, text: string): Promise<void> {
  const w = widgetUi(page);
  await w.input.fill(text);
  await w.input.press('Enter');
}

/** Waits until a locator's text matches, and returns it. */
export async function textOf(locator: Locator): Promise<string> {
  await locator.waitFor();
  return (await locator.innerText()).trim();
}
