import { createMemoryBus } from '../../src/bus/memory';
import { channels } from '../../src/bus/types';
import type { ServerFrame } from '../../src/protocol/customer';
import type { TestApp } from '../helpers/app';
import { startAppWith } from '../conversation/app-with';
import { startChat } from '../helpers/ws-client';

type Status = Extract<ServerFrame, { type: 'status' }>;

describe('customer socket: queue status', () => {
  const bus = createMemoryBus();
  let t: TestApp;
  beforeAll(async () => {
    t = await startAppWith({ bus });
  });
  afterAll(async () => {
    await t.close();
  });

  test('the same status published by several nodes reaches the customer once; a change still does', async () => {
    const { client, session } = await startChat(t.wsUrl);
    await client.waitFor((f) => f.type === 'message' && f.seq === 1);
    const channel = channels.conversation(session.conversationId);
    // as two nodes would after one queue event, then the next event moves the customer up
    await bus.publish(channel, { type: 'status', state: 'queued', queuePosition: 2, estimatedWaitSeconds: 120 });
    await bus.publish(channel, { type: 'status', state: 'queued', queuePosition: 2, estimatedWaitSeconds: 120 });
    await bus.publish(channel, { type: 'status', state: 'queued', queuePosition: 1, estimatedWaitSeconds: 60 });
    await bus.publish(channel, { type: 'status', state: 'queued', queuePosition: 1, estimatedWaitSeconds: 60 });
    await client.waitFor<Status>((f) => f.type === 'status' && f.queuePosition === 1);
    // a frame sent after the duplicates proves they were dropped, not merely late
    client.send({ type: 'typing' });
    client.send({ type: 'message', id: 'after', text: 'hello' });
    await client.waitFor((f) => f.type === 'ack' && f.id === 'after');
    const statuses = client.frames.filter((f): f is Status => f.type === 'status');
    expect(statuses.map((s) => s.queuePosition)).toEqual([2, 1]);
    await client.close();
  });
});
