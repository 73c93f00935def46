/**
 * Issue 13, defect 8, over the real app on PostgreSQL (which refuses NUL and lone surrogates):
 * such text in any channel — choice, hello context and locale, feedback, agent REST and socket
 * actions, a path parameter — is answered INVALID_TEXT, never INTERNAL; the chat carries on; and no
 * log line carries the customer's words, a card number or an email, even from a driver error.
 */
import path from 'node:path';
import { Client } from 'pg';
import type pino from 'pino';
import { buildApp, createLogger } from '../../src/app';
import { loadOrTrainModel } from '../../src/nlu/model-cache';
import type { ServerFrame } from '../../src/protocol/customer';
import { createPostgresStorage } from '../../src/storage/postgres';
import { ROOT, testConfig, type TestApp } from '../helpers/app';
import { startChat } from '../helpers/ws-client';
import { claimedChat, onlineSocket, rest, signedIn } from '../http/agent-helpers';
import { dropSchema, freshSchemaName, requirePostgres, TEST_DATABASE_URL } from '../storage/pg-test-db';

const CARD = '4111 1111 1111 1111';
const EMAIL = 'jane.doe@example.org';
/** The card's digits however a log might render them. */
const LEAKS = [/4111[\s-]*1111[\s-]*1111[\s-]*1111/, /jane\.doe@example\.org/, /secret words/];

describe('INVALID_TEXT on PostgreSQL, and logs without customer data', () => {
  const schema = freshSchemaName();
  const lines: string[] = [];
  let t: TestApp;

  beforeAll(async () => {
    await requirePostgres();
    const { model } = await loadOrTrainModel({ intentsDir: path.join(ROOT, 'intents'), dataDir: path.join(ROOT, 'test-output', 'model-cache') });
    const config = testConfig({ logLevel: 'debug' });
    const storage = await createPostgresStorage({ connectionString: TEST_DATABASE_URL, schema });
    const destination = { write: (s: string) => void lines.push(s) } as unknown as pino.DestinationStream;
    const logger = createLogger('debug', destination);
    const app = await buildApp(config, { storage, model, logger, availability: { check: async () => ({ available: true }) } });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    t = { app, url, wsUrl: url.replace(/^http/, 'ws') + '/ws/chat', dataDir: config.dataDir, storage, config, close: () => app.close() };
  });
  afterAll(async () => {
    await t.close();
    await dropSchema(schema);
  });

  type ErrorFrame = Extract<ServerFrame, { type: 'error' }>;

  it.each([
    ['choice value', { type: 'choice', id: 'c1', value: `refund\u0000 ${CARD}` }],
    ['choice value with a lone surrogate', { type: 'choice', id: 'c2', value: 'refund\ud800' }],
    ['feedback comment', { type: 'feedback', rating: 2, comment: `secret words\u0000 ${EMAIL}` }],
    ['message text', { type: 'message', id: 'm1', text: `secret words \udc00 ${CARD}` }],
  ])('customer %s: INVALID_TEXT, not INTERNAL, and the chat goes on', async (_name, frame) => {
    const { client } = await startChat(t.wsUrl);
    client.send(frame);
    const err = await client.waitFor<ErrorFrame>((f) => f.type === 'error');
    expect(err).toMatchObject({ code: 'INVALID_TEXT', retryable: false });
    if ('id' in frame) expect(err.id).toBe(frame.id);
    client.send({ type: 'message', id: 'ok1', text: 'how do I get a refund' });
    await client.waitFor((f) => f.type === 'ack' && f.id === 'ok1', 10_000);
    expect(client.frames.filter((f) => f.type === 'error' && f.code === 'INTERNAL')).toEqual([]);
    await client.close();
  });

  it.each([
    ['locale', { locale: 'en\u0000' }],
    ['context.pageUrl', { context: { pageUrl: `https://shop.example/?card=${CARD}\u0000` } }],
    ['context.orderId', { context: { orderId: '4821\ud83d' } }],
  ])('hello %s: INVALID_TEXT instead of a session that cannot be stored', async (_name, hello) => {
    const { ChatClient } = await import('../helpers/ws-client');
    const client = await ChatClient.connect(t.wsUrl);
    client.send({ type: 'hello', ...hello });
    await client.waitFor<ErrorFrame>((f) => f.type === 'error' && f.code === 'INVALID_TEXT');
    expect(client.frames.some((f) => f.type === 'session')).toBe(false);
    await client.close();
  });

  it('agent REST and socket actions with a NUL get INVALID_TEXT; a path parameter with one too', async () => {
    const agent = await signedIn(t, 'Ada');
    const socket = await onlineSocket(t, agent);
    const { client, session } = await claimedChat(t, agent, socket, 'p1');

    const sent = await rest(t, agent, 'POST', `/api/conversations/${session.conversationId}/messages`, { id: 'a1', text: `hi\u0000 ${CARD}` });
    expect(sent).toMatchObject({ status: 400, body: { code: 'INVALID_TEXT' } });
    const closed = await rest(t, agent, 'POST', `/api/conversations/${session.conversationId}/close`, { resolution: 'done\ud800' });
    expect(closed).toMatchObject({ status: 400, body: { code: 'INVALID_TEXT' } });
    const byPath = await rest(t, agent, 'GET', '/api/conversations/abc%00def');
    expect(byPath).toMatchObject({ status: 400, body: { code: 'INVALID_TEXT' } });

    socket.send({ type: 'note', conversationId: session.conversationId, text: `note\u0000 ${EMAIL}`, ref: 'n1' });
    const err = await socket.waitFor('error', (f) => f.ref === 'n1');
    expect(err.code).toBe('INVALID_TEXT');
    await socket.close();
    await client.close();
  });

  it('a help-centre search with a card and an email in the query is not logged with them', async () => {
    const res = await fetch(`${t.url}/help?q=${encodeURIComponent(`secret words ${CARD} ${EMAIL}`)}`);
    expect(res.status).toBe(200);
  });

  it('a real PostgreSQL driver error and a JSON.parse error are logged without the data they quote', async () => {
    const logger = createLogger('info', { write: (s: string) => void lines.push(s) } as unknown as pino.DestinationStream);
    const pg = new Client({ connectionString: TEST_DATABASE_URL });
    await pg.connect();
    try {
      await pg.query('SELECT $1::jsonb', [`{"text":"secret words ${CARD} ${EMAIL} \\u0000"}`]);
      throw new Error('PostgreSQL accepted a NUL in jsonb');
    } catch (err) {
      expect((err as { where?: string }).where).toMatch(/4111/); // the driver does quote the data
      logger.error({ err }, 'driver error');
    } finally {
      await pg.end();
    }
    try {
      JSON.parse(`secret words ${CARD}`);
    } catch (err) {
      logger.error({ err }, 'parse error');
    }
    const driverLine = lines.find((l) => l.includes('driver error'));
    expect(driverLine).toBeDefined();
    expect(JSON.parse(driverLine!).err).toMatchObject({ type: 'DatabaseError', code: '22P05' });
  });

  afterAll(() => {
    // Runs before the app closes (declared later, runs first): every line logged by the suite.
    expect(lines.length).toBeGreaterThan(10);
    const leaked = lines.filter((l) => LEAKS.some((re) => re.test(l)));
    expect(leaked).toEqual([]);
  });
});
