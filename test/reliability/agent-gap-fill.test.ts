/**
 * Issue 13, defect 6: the agent socket no longer misses messages whose bus event was lost (a Redis
 * outage, a dropped publish): like the customer socket, it checks `seq` and fills a gap from
 * storage, in order, each message once. Here the bus drops chosen events on purpose.
 */
import { createMemoryBus } from '../../src/bus/memory';
import type { Bus, BusEvent } from '../../src/bus/types';
import type { ServerFrame } from '../../src/protocol/customer';
import { startTestApp, type TestApp } from '../helpers/app';
import { addAgent, claimedChat, login, onlineSocket } from '../http/agent-helpers';

/** An in-process bus that loses the message events `lose` picks, as a Redis outage would. */
function lossyBus(lose: (event: BusEvent) => boolean): Bus {
  const inner = createMemoryBus();
  return {
    ...inner,
    publish: (channel, event) => (event.type === 'message' && lose(event) ? Promise.resolve() : inner.publish(channel, event)),
  };
}

describe('agent socket gap fill', () => {
  let t: TestApp;
  const lost = new Set<string>();
  beforeAll(async () => {
    const bus = lossyBus((e) => lost.has((e.message as { id: string }).id));
    t = await startTestApp({}, { bus, availability: { check: async () => ({ available: true }) } });
  });
  afterAll(() => t.close());

  it('messages whose events were lost reach the agent from storage, in seq order, each once', async () => {
    const ada = await login(t, (await addAgent(t, 'Ada')).email);
    const agent = await onlineSocket(t, ada);
    const { client, session } = await claimedChat(t, ada, agent, 'c0');
    await agent.waitFor('assigned', (f) => f.conversationId === session.conversationId);

    lost.add('c1').add('c2');
    for (const id of ['c1', 'c2', 'c3']) {
      client.send({ type: 'message', id, text: `part ${id}` });
      await client.waitFor((f) => f.type === 'ack' && f.id === id);
    }
    await agent.waitFor('message', (f) => f.message.id === 'c3');
    const live = agent.frames.filter((f): f is Extract<typeof f, { type: 'message' }> => f.type === 'message' && f.conversationId === session.conversationId);
    const ids = live.map((f) => f.message.id);
    expect(ids.slice(-3)).toEqual(['c1', 'c2', 'c3']);
    const seqs = live.map((f) => f.message.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    const stored = (await t.storage.messagesAfter(session.conversationId, 0, 100)).map((m: { seq: number }) => m.seq);
    expect(seqs.every((s) => stored.includes(s))).toBe(true);
    expect(client.frames.filter((f: ServerFrame) => f.type === 'error')).toEqual([]);
    await client.close();
    await agent.close();
  });
});
