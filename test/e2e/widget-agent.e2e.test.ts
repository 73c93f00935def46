/**
 * The widget while a person has the chat and after they close it, in real headless Chromium
 * against the real server; the agent is a real agent socket. One join notice per agent join
 * (also after a reload resumes the chat), the agent's name kept on their messages after the
 * close, a composer that says the chat has ended and offers a new one, and nothing the customer
 * typed is lost: a draft, or a message the server refused because the chat had already ended,
 * waits in the message box for the new conversation.
 */
import type { Page } from 'playwright-core';
import { AgentClient, addAgent, login } from '../http/agent-helpers';
import { openWidget, say, widgetUi } from '../helpers/console';
import { useBrowserApp, type Visitor } from '../helpers/e2e';

jest.setTimeout(90_000);

const e2e = useBrowserApp();
const ASK_FOR_PERSON = 'I want to speak to an agent';

async function onlineAgent(name: string) {
  const record = await addAgent(e2e.server, name);
  const socket = await AgentClient.connect(e2e.server, await login(e2e.server, record.email));
  await socket.waitFor('hello');
  socket.send({ type: 'presence', status: 'online' });
  await socket.waitFor('agents', (f) => f.agents.some((a) => a.id === record.id && a.status === 'online'));
  return socket;
}

/** The widget's extra parts this file looks at. */
function ui(page: Page) {
  const w = widgetUi(page);
  const host = page.locator('#support-widget');
  return {
    ...w,
    host,
    ended: host.locator('.bar.ended'),
    startNew: host.locator('.bar.ended').getByRole('button', { name: 'Start a new conversation' }),
    notice: host.getByRole('alert'),
    joinNotices: host.getByText(/joined the chat/),
  };
}

/** The customer asks for a person and `agent` claims the chat; resolves with its id once the widget shows the agent. */
async function handedTo(v: Visitor, agent: AgentClient, name: string): Promise<string> {
  await openWidget(v.page);
  await say(v.page, ASK_FOR_PERSON);
  const queue = await agent.waitFor('queue', (f) => f.entries.some((e) => e.preview.includes(ASK_FOR_PERSON)), 15_000);
  const conversationId = queue.entries.find((e) => e.preview.includes(ASK_FOR_PERSON))!.conversationId;
  agent.send({ type: 'claim', conversationId });
  await agent.waitFor('transcript', (f) => f.conversationId === conversationId);
  await ui(v.page).status.getByText(`You're chatting with ${name}`).waitFor();
  return conversationId;
}

/** A customer on the shop page whose chat `name` (a new, online agent) has taken. */
async function chatWith(name: string) {
  const agent = await onlineAgent(name);
  const v = await e2e.visitor();
  await v.page.goto(e2e.server.url + '/');
  const id = await handedTo(v, agent, name);
  return { agent, v, w: ui(v.page), id };
}

describe('widget: a person in the chat, and the end of it', () => {
  it('one join notice per agent; after the agent closes, their messages keep their name and the composer offers a new conversation (also after a reload)', async () => {
    const { agent, v, w, id } = await chatWith('Dana Reyes');
    await w.log.getByText('Dana Reyes joined the chat').waitFor();
    expect(await w.joinNotices.count()).toBe(1);

    // A reload resumes the chat from the server: still one notice.
    await v.page.reload();
    await w.log.getByText('Dana Reyes joined the chat').waitFor();
    await w.status.getByText("You're chatting with Dana Reyes").waitFor();
    await v.page.waitForTimeout(500); // time for a duplicate to (wrongly) arrive
    expect(await w.joinNotices.count()).toBe(1);

    agent.send({ type: 'message', conversationId: id, id: 'dana-1', text: 'Hi, Dana here. Your refund left today.' });
    const danaSays = w.log.locator('.msg.agent').filter({ hasText: 'Your refund left today.' });
    await danaSays.waitFor();
    expect(await danaSays.innerText()).toContain('Dana Reyes (support agent)');

    agent.send({ type: 'close', conversationId: id, resolution: 'refund sent' });
    await w.ended.getByText('This conversation has ended.').waitFor();
    await w.startNew.waitFor();
    await w.input.waitFor({ state: 'hidden' });
    expect(await danaSays.innerText()).toContain('Dana Reyes (support agent)');
    expect(await w.log.innerText()).not.toContain('Support agent');

    await v.page.reload();
    await w.ended.getByText('This conversation has ended.').waitFor();
    await danaSays.waitFor();
    expect(await danaSays.innerText()).toContain('Dana Reyes (support agent)');
    expect(await w.input.isVisible()).toBe(false);
    expect(v.errors).toEqual([]);
    await agent.close();
  });

  it('what the customer was typing when the agent closed the chat is still in the box in the new conversation, and gets answered there', async () => {
    const { agent, v, w, id } = await chatWith('Sam Okafor');
    await w.input.fill('and how long does a refund take?');
    agent.send({ type: 'close', conversationId: id, resolution: 'answered' });
    await w.startNew.waitFor();
    await w.input.waitFor({ state: 'hidden' });

    await w.startNew.click();
    await w.input.waitFor();
    expect(await w.input.inputValue()).toBe('and how long does a refund take?');
    await w.input.press('Enter');
    await w.log.locator('.msg.customer').filter({ hasText: 'and how long does a refund take?' }).waitFor();
    await w.log.locator('.msg.bot').nth(1).waitFor(); // the greeting, then an answer
    const stored = await e2e.server.storage.messagesAfter(id, 0);
    expect(stored.some((m) => m.text.includes('how long does a refund take'))).toBe(false);
    expect(v.errors).toEqual([]);
    await agent.close();
  });

  it('a message sent while the widget did not know the chat had ended is refused, shown as not sent, and waits in the box for a new conversation', async () => {
    const { agent, v, w, id } = await chatWith('Lee Park');

    // The customer's connection drops and stays down while Lee closes the chat.
    let hold = false;
    await v.page.routeWebSocket(/\/ws\/chat$/, (ws) => {
      if (!hold) ws.connectToServer();
    });
    await v.page.reload();
    await w.status.getByText("You're chatting with Lee Park").waitFor();
    hold = true;
    await v.page.reload();
    await w.status.getByText("You're chatting with Lee Park").waitFor(); // from the browser's storage
    agent.send({ type: 'close', conversationId: id, resolution: 'answered' });
    await agent.waitFor('closed', (f) => f.conversationId === id);
    await say(v.page, 'are you still there?');
    await w.log.locator('.msg.customer.pending').filter({ hasText: 'are you still there?' }).waitFor();

    // Back online: the resumed chat is closed and the server refuses the message.
    hold = false;
    await v.page.reload();
    await w.notice.getByText("This chat had already ended, so your message wasn't sent.", { exact: false }).waitFor();
    await w.log.locator('.msg.customer.failed').filter({ hasText: 'are you still there?' }).waitFor();
    await w.ended.getByText('This conversation has ended.').waitFor();
    expect((await e2e.server.storage.messagesAfter(id, 0)).some((m) => m.text === 'are you still there?')).toBe(false);

    await w.startNew.click();
    await w.input.waitFor();
    expect(await w.input.inputValue()).toBe('are you still there?');
    await w.input.press('Enter');
    await w.log.locator('.msg.customer.sent').filter({ hasText: 'are you still there?' }).waitFor();
    expect(await w.notice.isVisible()).toBe(false);
    expect(v.errors).toEqual([]);
    await agent.close();
  });
});
