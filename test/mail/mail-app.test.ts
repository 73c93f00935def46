import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ServerFrame } from '../../src/protocol/customer';
import { startAppWith } from '../conversation/app-with';
import type { TestApp } from '../helpers/app';
import { TEST_OUTPUT } from '../helpers/e2e';
import { headersOf, startSmtp, textOf } from '../helpers/smtp';
import { startChat } from '../helpers/ws-client';
import { rest, signedIn } from '../http/agent-helpers';

type Msg = Extract<ServerFrame, { type: 'message' }>;
const nobody = { check: async () => ({ available: false as const, reason: 'no_agents_online' as const }) };

/** A customer with nobody at the desk leaves a case with their email; resolves to the case id and token. */
async function leaveCase(t: TestApp, email: string) {
  const { client, session } = await startChat(t.wsUrl);
  client.send({ type: 'message', id: 'p0', text: 'my card 4111 1111 1111 1111 was charged twice' });
  await client.waitFor((f) => f.type === 'message' && f.from !== 'customer', 10_000);
  client.send({ type: 'message', id: 'p1', text: 'I want to talk to a person' });
  // Nobody there: the hand-off is recorded, the case opened at once, and the bot asks where the team should reply.
  const asked = await client.waitFor<Msg>((f) => f.type === 'message' && /Which email address/i.test(f.text) && f.from === 'bot', 10_000);
  const caseId = /CS-[A-Z0-9]{6}/.exec(asked.text)![0];
  client.send({ type: 'message', id: 'p3', text: email });
  const added = await client.waitFor<Msg>((f) => f.type === 'message' && f.from === 'bot' && f.text.includes(`to case ${caseId}`), 10_000);
  await client.close();
  return { caseId, said: added.text, token: session.token };
}

describe('email over a real SMTP server', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let t: TestApp;
  beforeAll(async () => {
    smtp = await startSmtp();
    // A brand name with a line break in it must not become a header of its own.
    t = await startAppWith({ availability: nobody }, { smtpUrl: smtp.url, mailFrom: 'PayLater Support <support@paylater.example>', brandName: 'PayLater\r\nBcc: evil@attacker.example' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  test('the email given for the case opened at the hand-off is confirmed by mail then: its id, what was collected, the follow-up time; nothing injected', async () => {
    const before = smtp.messages.length;
    const { caseId, said, token } = await leaveCase(t, 'jane.doe@example.com');
    expect(before).toBe(0);
    expect(said).toContain(`added jane.doe@example.com to case ${caseId} and sent a confirmation there`);
    await smtp.waitFor(1);
    const mail = smtp.messages[0]!;
    expect(mail.to).toEqual(['jane.doe@example.com']);
    expect(mail.from).toBe('support@paylater.example');
    const headers = headersOf(mail.raw);
    expect(headers.get('bcc')).toBeUndefined();
    expect(headers.get('to')).toEqual(['jane.doe@example.com']);
    expect(headers.get('subject')?.[0]).toBe(`PayLater Bcc: evil@attacker.example: support case ${caseId} opened`);
    const body = textOf(mail.raw);
    expect(body).toContain(`we've opened support case ${caseId}`);
    expect(body).toMatch(/We'll follow up by \d{1,2} \w{3} \d{4}, \d\d:\d\d UTC\./);
    expect(mail.raw).not.toMatch(/4111 ?1111 ?1111 ?1111/);
    mkdirSync(TEST_OUTPUT, { recursive: true });
    writeFileSync(path.join(TEST_OUTPUT, 'case-confirmation.eml'), mail.raw);

    // The transcript on request: every message, the card number masked.
    const features = await fetch(`${t.url}/api/chat/features`).then((r) => r.json());
    expect(features).toEqual({ transcriptEmail: true });
    const sent = await fetch(`${t.url}/api/chat/transcript`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, email: 'jane.doe@example.com' }) });
    expect(sent.status).toBe(202);
    await smtp.waitFor(2);
    const transcript = smtp.messages[1]!;
    const text = textOf(transcript.raw);
    expect(text).toMatch(/\] You: my card .*was charged twice/);
    expect(text).toContain('] You: I want to talk to a person');
    expect(text).toContain(`so I've opened support case ${caseId}`);
    expect(transcript.raw).not.toMatch(/4111 ?1111 ?1111 ?1111/);
    expect(text).toMatch(/\*{4}|•{4}|1111/);
    writeFileSync(path.join(TEST_OUTPUT, 'transcript.eml'), transcript.raw);
  });

  test('a status change is mailed to the case email', async () => {
    const { caseId } = await leaveCase(t, 'sam@example.com');
    const before = smtp.messages.length;
    await smtp.waitFor(before); // the confirmation may still be on its way
    const operator = await signedIn(t, 'Olga', 'operator');
    expect((await rest(t, operator, 'PATCH', `/api/cases/${caseId}`, { status: 'waiting_on_customer' })).status).toBe(200);
    const deadline = Date.now() + 10_000;
    let found;
    while (!(found = smtp.messages.find((m) => /is now waiting for information from you/.test(m.raw))) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(found?.to).toEqual(['sam@example.com']);
    expect(textOf(found!.raw)).toContain(`support case ${caseId} is now waiting for information from you.`);
  });

  test('transcript requests: bad addresses and header tricks are refused, an unknown token is 404, and there is a limit', async () => {
    const { session } = await startChat(t.wsUrl);
    const post = (body: unknown) => fetch(`${t.url}/api/chat/transcript`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    for (const email of ['jane@example.com\r\nBcc: evil@attacker.example', 'a@example.com, b@example.com', 'Jane <jane@example.com>', 'nope']) {
      const res = await post({ token: session.token, email });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { code: string }).code).toBe('VALIDATION');
    }
    expect((await post({ token: 'not-a-token', email: 'jane@example.com' })).status).toBe(404);
    const before = smtp.messages.length;
    for (let i = 0; i < 3; i++) expect((await post({ token: session.token, email: 'jane@example.com' })).status).toBe(202);
    const limited = await post({ token: session.token, email: 'jane@example.com' });
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { code: string }).code).toBe('TOO_MANY_REQUESTS');
    await smtp.waitFor(before + 3);
    expect(smtp.messages.slice(before).flatMap((m) => m.to)).toEqual(['jane@example.com', 'jane@example.com', 'jane@example.com']);
  });
});

describe('without SMTP_URL', () => {
  test('the widget is told email is off, the transcript route does not exist, and the bot promises no email', async () => {
    const t = await startAppWith({ availability: nobody });
    try {
      expect(await fetch(`${t.url}/api/chat/features`).then((r) => r.json())).toEqual({ transcriptEmail: false });
      const res = await fetch(`${t.url}/api/chat/transcript`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"token":"x","email":"jane@example.com"}' });
      expect(res.status).toBe(404);
      const { said } = await leaveCase(t, 'jane@example.com');
      expect(said).toMatch(/added jane@example.com to case CS-[A-Z0-9]{6}. Our team will follow up there/);
      expect(said).not.toMatch(/sent a confirmation|email you/i);
    } finally {
      await t.close();
    }
  });
});
