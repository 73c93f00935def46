import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import type { preHandlerAsyncHookHandler } from 'fastify';
import pino from 'pino';
import { createLogger } from '../../src/app';
import type { ServerFrame } from '../../src/protocol/customer';
import type { TestApp } from '../helpers/app';
import { startChat, type ChatClient } from '../helpers/ws-client';
import { startAppWith } from '../conversation/app-with';
import { cardLikeWindows, luhn } from '../privacy/card-runs';

/** Admin for requests carrying `x-test-admin: yes`; everyone else is refused like the real guard does. */
const testAdmin: preHandlerAsyncHookHandler = async (req, reply) => {
  if (req.headers['x-test-admin'] !== 'yes') await reply.code(401).send({ code: 'UNAUTHENTICATED', message: 'Please log in.', statusCode: 401 });
};

async function say(client: ChatClient, id: string, text: string): Promise<void> {
  client.send({ type: 'message', id, text });
  await client.waitFor((f: ServerFrame) => f.type === 'ack' && f.id === id);
}

function sqliteBytes(dataDir: string): string {
  // Fold the WAL into the main file first, as SQLite would at a checkpoint; then read both.
  const file = path.join(dataDir, 'chat.db');
  const db = new Database(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const parts = [file, `${file}-wal`, `${file}-shm`].filter((f) => existsSync(f)).map((f) => readFileSync(f).toString('latin1'));
  return parts.join('\n');
}

describe('erasure and retention', () => {
  const logDir = mkdtempSync(path.join(os.tmpdir(), 'chat-erasure-log-'));
  const logFile = path.join(logDir, 'app.log');
  let t: TestApp;
  let closed = false;

  beforeAll(async () => {
    const logger = createLogger('debug', pino.destination({ dest: logFile, sync: true }));
    t = await startAppWith({
      logger,
      availability: { check: async () => ({ available: true }) },
      staffGuards: { agent: testAdmin, admin: testAdmin },
    });
  });
  afterAll(async () => {
    if (!closed) await t.close();
    rmSync(logDir, { recursive: true, force: true });
  });

  test('DELETE /api/conversations/:id erases messages, snapshot, escalation, case and feedback; no table or log line keeps the text', async () => {
    const MARKER = 'Quokkafjord';
    const { client, session } = await startChat(t.wsUrl);
    await say(client, 'e1', "The seller never delivered and won't answer me");
    await say(client, 'e2', '48213977');
    await say(client, 'e3', `${MARKER} Outlet`);
    await say(client, 'e4', '€49.99');
    await say(client, 'e5', `The ${MARKER} parcel never came, my card 4111 1111 1111 1111 was charged`);
    await say(client, 'e6', 'let me talk to a person');
    client.send({ type: 'end' });
    client.send({ type: 'feedback', rating: 1, comment: `${MARKER} was awful` });
    await client.waitFor((f) => f.type === 'message' && f.text === 'Thank you for your feedback!');
    await client.close();

    // Someone else's conversation, which must survive.
    const keep = await startChat(t.wsUrl);
    await say(keep.client, 'k1', 'how do I change my payment method');
    await keep.client.close();

    expect(await t.storage.listEscalations({ conversationId: session.conversationId })).toHaveLength(1);
    expect(JSON.stringify(await t.storage.messagesAfter(session.conversationId, 0))).toContain(MARKER);
    expect(await t.storage.cases.listFeedback({ conversationId: session.conversationId })).toHaveLength(1);

    const refused = await t.app.inject({ method: 'DELETE', url: `/api/conversations/${session.conversationId}` });
    expect(refused.statusCode).toBe(401);
    const erased = await t.app.inject({ method: 'DELETE', url: `/api/conversations/${session.conversationId}`, headers: { 'x-test-admin': 'yes' } });
    expect(erased.statusCode).toBe(204);
    const again = await t.app.inject({ method: 'DELETE', url: `/api/conversations/${session.conversationId}`, headers: { 'x-test-admin': 'yes' } });
    expect(again.statusCode).toBe(404);

    expect(await t.storage.getConversation(session.conversationId)).toBeUndefined();
    expect(await t.storage.messagesAfter(session.conversationId, 0)).toEqual([]);
    expect(await t.storage.listEscalations({ conversationId: session.conversationId })).toEqual([]);
    expect(await t.storage.cases.listCases({ conversationId: session.conversationId })).toEqual([]);
    expect(await t.storage.cases.listFeedback({ conversationId: session.conversationId })).toEqual([]);
    expect(await t.storage.getConversation(keep.session.conversationId)).toBeDefined();

    await t.app.close();
    closed = true;
    const bytes = sqliteBytes(t.dataDir);
    expect(bytes).toContain('change my payment method'); // the kept conversation is really in there
    expect(bytes).not.toContain(MARKER);
    expect(bytes).not.toContain('4111 1111 1111 1111');
    const log = readFileSync(logFile, 'utf8');
    expect(log).toContain(session.conversationId); // the log was written during the test
    expect(log).not.toContain(MARKER);
    expect(log).not.toContain('4111 1111');
    rmSync(t.dataDir, { recursive: true, force: true });
  });
});

describe('masking over the real pipeline (property)', () => {
  const logDir = mkdtempSync(path.join(os.tmpdir(), 'chat-mask-log-'));
  const logFile = path.join(logDir, 'app.log');
  let t: TestApp;
  beforeAll(async () => {
    t = await startAppWith({ logger: createLogger('debug', pino.destination({ dest: logFile, sync: true })) }, { rateLimitFrames: 10_000 });
  });
  afterAll(async () => {
    await t.close();
    rmSync(logDir, { recursive: true, force: true });
  });

  const digit = fc.constantFrom(...'0123456789'.split(''));
  const card = fc.integer({ min: 13, max: 19 }).chain((n) =>
    fc.array(digit, { minLength: n - 1, maxLength: n - 1 }).map((body) => {
      const prefix = body.join('');
      return prefix + '0123456789'.split('').find((d) => luhn(prefix + d))!;
    }),
  );
  const grouped = card.chain((digits) =>
    fc.array(fc.constantFrom('', '', ' ', '-', '.'), { minLength: digits.length - 1, maxLength: digits.length - 1 }).map((gaps) =>
      [...digits].map((ch, i) => ch + (gaps[i] ?? '')).join(''),
    ),
  );
  const orderId = fc.oneof(fc.stringMatching(/^[1-9]\d{7}$/), fc.stringMatching(/^ORD-\d{1,9}$/));

  test('no Luhn-valid 13–19 digit run survives in any stored message, nor a typed card in any log line; configured order ids are kept', async () => {
    const { client, session } = await startChat(t.wsUrl);
    let n = 0;
    const typed: string[] = [];
    await fc.assert(
      fc.asyncProperty(grouped, orderId, fc.constantFrom('my card is', 'charged', 'pls check'), async (c, order, words) => {
        n++;
        typed.push(c.replace(/\D/g, ''));
        await say(client, `p${n}`, `order ${order}, ${words} ${c} thanks`);
        const stored = await t.storage.findMessage(session.conversationId, `p${n}`);
        expect(cardLikeWindows(stored!.text)).toEqual([]);
        expect(stored!.text).toContain(`order ${order},`);
      }),
      { numRuns: 40 },
    );
    await client.close();
    const all = await t.storage.messagesAfter(session.conversationId, 0);
    // Text and the entities kept for agents (meta also holds confidences: 0.0024485142617497 is no card).
    const entities = (m: (typeof all)[number]) => JSON.stringify((m.meta?.nlu as { entities?: unknown } | undefined)?.entities ?? []);
    for (const m of all) expect(cardLikeWindows(`${m.text} ${entities(m)}`)).toEqual([]);
    // The log: no card the customer typed, in any string of any line (keys included), whatever
    // separators surround its digits. Not "no Luhn-valid run at all": the log's own ids and
    // numbers (a model id ending in a timestamp, 20261203172019; a confidence in an array,
    // 0.0844509974722) pass Luhn by chance, and none of them came from a customer.
    const lines = readFileSync(logFile, 'utf8').split('\n').filter((l) => l.trim() !== '');
    expect(lines.length).toBeGreaterThan(3);
    expect(typed.length).toBe(40);
    const strings = (v: unknown): string[] =>
      typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(strings) : v && typeof v === 'object' ? Object.entries(v).flatMap(([k, x]) => [k, ...strings(x)]) : [];
    for (const line of lines) {
      for (const text of strings(JSON.parse(line))) {
        const digits = text.replace(/\D/g, '');
        expect({ text, cards: typed.filter((d) => digits.includes(d)) }).toEqual({ text, cards: [] });
      }
    }
  });
});
