/**
 * The bus is typed per channel (src/bus/types.ts): a subscriber gets its channel's events with no
 * casts, and an event of another channel does not compile. The @ts-expect-error lines fail the
 * type check (tsc and ts-jest) the day that stops being true.
 */
import { createMemoryBus } from '../../src/bus/memory';
import { channels, type ConversationBusEvent, type ModelsBusEvent } from '../../src/bus/types';
import { handoffChannels } from '../../src/handoff/channels';

test('a subscriber of a conversation channel narrows events by type alone', async () => {
  const bus = createMemoryBus();
  const seen: string[] = [];
  await bus.subscribe(channels.conversation('c1'), (e) => {
    const event: ConversationBusEvent = e;
    if (event.type === 'typing') seen.push(`typing from ${event.from}`);
    else if (event.type === 'status') seen.push(`status ${event.state}`);
  });
  await bus.publish(channels.conversation('c1'), { type: 'typing', from: 'agent' });
  await bus.publish(channels.conversation('c1'), { type: 'status', state: 'queued', queuePosition: 2 });
  expect(seen).toEqual(['typing from agent', 'status queued']);
  await bus.close();
});

test('models and agent channels carry their own events; others do not compile', async () => {
  const bus = createMemoryBus();
  const models: ModelsBusEvent[] = [];
  await bus.subscribe(channels.models, (e) => models.push(e));
  await bus.publish(channels.models, { type: 'model.activated', versionId: null, by: 'op-1' });
  expect(models).toEqual([{ type: 'model.activated', versionId: null, by: 'op-1' }]);

  const refuse = async () => {
    // @ts-expect-error a conversation event on the models channel
    await bus.publish(channels.models, { type: 'typing', from: 'agent' });
    // @ts-expect-error an agent event without its conversation id
    await bus.publish(handoffChannels.agent('a1'), { type: 'assigned' });
    // @ts-expect-error a channel nobody declared
    await bus.publish('nowhere', { type: 'changed' });
  };
  expect(typeof refuse).toBe('function');
  await bus.close();
});
