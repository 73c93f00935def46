import type { ServerMessageFrame } from '../../src/protocol/customer';
import { startTestApp, type TestApp } from '../helpers/app';
import { ChatClient, startChat } from '../helpers/ws-client';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('message times on the customer socket', () => {
  test('every message frame carries createdAt, the stored time, live and again on resume', async () => {
    const before = Date.now();
    const { client, session } = await startChat(t.wsUrl);
    client.send({ type: 'message', id: 'c1', text: 'how do refunds work' });
    await client.waitFor((f) => f.type === 'message' && f.from === 'bot' && f.replyTo === 'c1');
    const live = client.messages();
    expect(live.length).toBeGreaterThanOrEqual(2);
    const stored = await t.storage.messagesAfter(session.conversationId, 0);
    for (const frame of live) {
      expect(frame.createdAt).toBe(stored.find((m) => m.seq === frame.seq)!.createdAt);
      expect(frame.createdAt).toBeGreaterThanOrEqual(before - 1000);
      expect(frame.createdAt).toBeLessThanOrEqual(Date.now());
    }
    await client.close();

    // A reload resumes from storage: the same times come back.
    const again = await ChatClient.connect(t.wsUrl);
    again.send({ type: 'hello', token: session.token, lastSeq: 0 });
    const last = live[live.length - 1]!;
    await again.waitFor((f) => f.type === 'message' && f.seq === last.seq);
    expect(again.messages().map((m: ServerMessageFrame) => [m.seq, m.createdAt])).toEqual(live.map((m) => [m.seq, m.createdAt]));
    await again.close();
  });
});
