import type { ServerFrame } from '../../src/protocol/customer';
import type { TestApp } from '../helpers/app';
import { ChatClient, startChat } from '../helpers/ws-client';
import { startAppWith } from '../conversation/app-with';

type Msg = Extract<ServerFrame, { type: 'message' }>;

/** FLOW_TRANSCRIPTS=1 prints each conversation as the customer saw it (for the report). */
const PRINT = process.env.FLOW_TRANSCRIPTS === '1';

/** Sends a message (or quick-reply click) and resolves with the bot's replies to it. */
async function turn(client: ChatClient, id: string, input: string | { choice: string }): Promise<Msg[]> {
  const before = client.frames.length;
  if (typeof input === 'string') client.send({ type: 'message', id, text: input });
  else client.send({ type: 'choice', id, value: input.choice });
  await client.waitFor((f) => f.type === 'ack' && f.id === id, 5000, before);
  // The bot's replies are committed with the ack and published right after it; the last one
  // of a turn is either a question or the end of the flow. Wait until the stream is quiet.
  let count = -1;
  while (count !== client.frames.length) {
    count = client.frames.length;
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setTimeout(r, 30));
  }
  return client.messages().filter((m) => m.replyTo === id && m.from !== 'customer');
}

function transcript(client: ChatClient, title: string): void {
  if (!PRINT) return;
  const lines = client.messages().map((m) => {
    const replies = m.quickReplies?.length ? `  [${m.quickReplies.map((q) => q.label).join(' | ')}]` : '';
    return `${m.from.padEnd(8)} ${m.text}${replies}`;
  });
  process.stdout.write(`\n--- ${title} ---\n${lines.join('\n')}\n`);
}

const lastText = (msgs: Msg[]) => msgs.at(-1)?.text ?? '';
const caseIdIn = (text: string) => /CS-[23456789A-HJ-NP-Z]{6}/.exec(text)?.[0];

let t: TestApp;
beforeAll(async () => {
  t = await startAppWith({ availability: { check: async () => ({ available: true }) } });
});
afterAll(async () => {
  await t.close();
});

describe('guided flows over a real socket', () => {
  test('a full dispute ends in a case whose status the customer can then ask for', async () => {
    const { client, session } = await startChat(t.wsUrl);
    await client.waitFor((f) => f.type === 'message' && f.from === 'bot');
    expect(lastText(await turn(client, 'd1', "The seller never delivered and won't answer me"))).toMatch(/order id/);
    expect(lastText(await turn(client, 'd2', '1234'))).toMatch(/doesn't look like one of our order ids/);
    expect(lastText(await turn(client, 'd3', '48213977'))).toMatch(/Which shop or seller/);
    expect(lastText(await turn(client, 'd4', 'Zalando'))).toMatch(/How much/);
    expect(lastText(await turn(client, 'd5', '€49.99'))).toMatch(/what happened/);
    expect(lastText(await turn(client, 'd6', 'The parcel never arrived and the seller stopped replying to my emails'))).toMatch(/When did you contact/);
    expect(lastText(await turn(client, 'd7', 'I emailed them on 20 November'))).toMatch(/confirmation email/);
    expect(lastText(await turn(client, 'd8', { choice: 'have_it' }))).toMatch(/tracking number/);
    expect(lastText(await turn(client, 'd9', "I don't have it"))).toMatch(/messages with the merchant/);
    const done = lastText(await turn(client, 'd10', { choice: 'have_it' }));
    expect(done).toMatch(/opened dispute case CS-\w{6} for order 48213977 with Zalando/);
    expect(done).toMatch(/payments on this purchase are paused/);
    const caseId = caseIdIn(done)!;

    const stored = await t.storage.cases.getCase(caseId);
    expect(stored).toMatchObject({ conversationId: session.conversationId, kind: 'dispute', status: 'open' });
    expect(stored?.details).toMatchObject({ slots: { merchant: { value: 'Zalando' }, amount: { value: '€49.99' }, evidenceTracking: { value: 'not available' } } });

    expect(lastText(await turn(client, 'd11', `What's the status of ${caseId}?`))).toMatch(new RegExp(`Dispute case ${caseId} is open`));
    await t.storage.cases.updateCaseStatus(caseId, 'in_review');
    expect(lastText(await turn(client, 'd12', `any news on ${caseId.toLowerCase()}`))).toMatch(/is being reviewed by our team/);
    transcript(client, 'dispute');

    // Another customer (another token) asking for the same case learns nothing.
    const other = await startChat(t.wsUrl);
    const reply = lastText(await turn(other.client, 'o1', `What's the status of ${caseId}?`));
    expect(reply).toBe(lastText(await turn(other.client, 'o2', "What's the status of CS-ZZZZZZ?")).replace('CS-ZZZZZZ', caseId));
    expect(reply).not.toMatch(/dispute|review|Zalando|48213977/i);
    transcript(other.client, 'case status from another customer');
    await other.client.close();
    await client.close();
  });

  test('a full refund with an old return ends in a refund case, then its status', async () => {
    const { client } = await startChat(t.wsUrl);
    await client.waitFor((f) => f.type === 'message' && f.from === 'bot');
    const intro = await turn(client, 'r1', "I returned my jacket but I'm still being asked to pay");
    expect(intro[0]?.text).toMatch(/merchant registers your return/);
    expect(intro[0]?.article?.id).toBe('payments-paused');
    expect(lastText(await turn(client, 'r2', 'ORD-5521'))).toMatch(/When did you send the return back/);
    const done = lastText(await turn(client, 'r3', 'I sent it back on 1 October'));
    expect(done).toMatch(/opened refund case CS-\w{6} for order ORD-5521/);
    const caseId = caseIdIn(done)!;
    expect(lastText(await turn(client, 'r4', `What's the status of ${caseId}?`))).toMatch(new RegExp(`Refund case ${caseId} is open`));
    transcript(client, 'refund');
    await client.close();
  });

  test('security: urgent steps at once, then an urgent escalation carrying what was collected', async () => {
    const { client, session } = await startChat(t.wsUrl);
    await client.waitFor((f) => f.type === 'message' && f.from === 'bot');
    await turn(client, 's1', "I returned my jacket but I'm still being asked to pay");
    await turn(client, 's2', '48213977');
    const urgent = await turn(client, 's3', 'Someone logged into my account');
    expect(urgent[0]?.text).toMatch(/lock your card in the app and change your password/);
    expect(urgent.map((m) => m.text).join(' ')).not.toMatch(/what is your (password|code)|send (me )?your/i);
    const [escalation] = await t.storage.listEscalations({ conversationId: session.conversationId });
    expect(escalation).toMatchObject({ reason: 'urgent_security', priority: 'urgent', summary: { slots: { orderId: { value: '48213977' } } } });
    transcript(client, 'security');
    await client.close();
  });

  test('billing: the knowledge-base path first, a person when it does not solve it', async () => {
    const { client, session } = await startChat(t.wsUrl);
    await client.waitFor((f) => f.type === 'message' && f.from === 'bot');
    const first = await turn(client, 'b1', 'My payment failed');
    expect(first[0]?.article?.id).toBe('payment-failed');
    expect(lastText(first)).toBe('Did that sort it out?');
    expect(lastText(await turn(client, 'b2', { choice: 'no' }))).toMatch(/What's still wrong/);
    expect(lastText(await turn(client, 'b3', 'My card is valid but it still fails every time'))).toMatch(/passing this to a person/);
    const [escalation] = await t.storage.listEscalations({ conversationId: session.conversationId });
    expect(escalation?.summary).toMatchObject({ flow: { id: 'billing' }, slots: { problem: { value: 'My card is valid but it still fails every time' } } });
    transcript(client, 'billing');
    await client.close();
  });

  test('feedback at the end is stored and thanked, with card numbers in the comment masked', async () => {
    const { client, session } = await startChat(t.wsUrl);
    await client.waitFor((f) => f.type === 'message' && f.from === 'bot');
    client.send({ type: 'end' });
    await client.waitFor((f) => f.type === 'message' && f.text === 'Thanks for chatting with us.');
    client.send({ type: 'feedback', rating: 2, comment: 'slow, and my card 4111 1111 1111 1111 was shown' });
    await client.waitFor((f) => f.type === 'message' && f.from === 'system' && f.text === 'Thank you for your feedback!');
    expect(await t.storage.cases.listFeedback({ conversationId: session.conversationId })).toEqual([
      expect.objectContaining({ rating: 2, comment: 'slow, and my card [card ending 1111] was shown' }),
    ]);
    client.send({ type: 'feedback', rating: 9 });
    await client.waitFor((f) => f.type === 'error' && f.code === 'BAD_FRAME');
    await client.close();
  });
});

describe('no one available', () => {
  let offline: TestApp;
  beforeAll(async () => {
    offline = await startAppWith({
      availability: { check: async () => ({ available: false, nextOpening: Date.parse('2030-01-07T09:00:00Z') }) },
    });
  });
  afterAll(async () => {
    await offline.close();
  });

  test('says so honestly, records the hand-off as unmet, takes an email and opens the case with what was collected', async () => {
    const { client, session } = await startChat(offline.wsUrl);
    await client.waitFor((f) => f.type === 'message' && f.from === 'bot');
    await turn(client, 'n1', "The seller never delivered and won't answer me");
    await turn(client, 'n2', '48213977');
    const offer = lastText(await turn(client, 'n3', 'I want to talk to a person'));
    expect(offer).toMatch(/No one from our team is available right now \(we're back Monday 7 January at 09:00 UTC\), so I've opened support case CS-.*Which email/);
    // The case exists from the hand-off on, with what was collected: a customer who leaves now has one.
    const atHandoff = await offline.storage.cases.getCase(caseIdIn(offer)!);
    expect(atHandoff).toMatchObject({ kind: 'dispute', details: { slots: { orderId: { value: '48213977' } } } });
    expect(atHandoff).not.toHaveProperty('email');
    expect(lastText(await turn(client, 'n5', 'jane at example'))).toMatch(/doesn't look like an email/);
    const done = lastText(await turn(client, 'n6', 'jane.doe@example.com'));
    expect(done).toMatch(/added jane.doe@example.com to case CS-\w+. Our team will follow up there within 24 hours/);
    expect(caseIdIn(done)).toBe(caseIdIn(offer));
    // No SMTP_URL in this app: no email is claimed to have been sent.
    expect(done).not.toMatch(/sent a confirmation|email you/i);
    const stored = await offline.storage.cases.getCase(caseIdIn(done)!);
    expect(stored).toMatchObject({ kind: 'dispute', email: 'jane.doe@example.com', details: { slots: { orderId: { value: '48213977' } } } });
    expect(await offline.storage.listEscalations({ conversationId: session.conversationId })).toEqual([
      expect.objectContaining({ reason: 'asked_for_human', status: 'unmet' }),
    ]);
    expect((await offline.storage.getConversation(session.conversationId))?.state).toBe('bot');
    transcript(client, 'offline fallback');
    await client.close();
  });
});
