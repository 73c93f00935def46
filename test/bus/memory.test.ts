import { createMemoryBus } from '../../src/bus/memory';
import { busContract, collector } from './contract';

busContract('memory', async () => createMemoryBus());

describe('memory bus', () => {
  it('has delivered to every subscriber by the time publish resolves', async () => {
    const bus = createMemoryBus();
    const c = collector();
    await bus.subscribe('queue', c.handler);
    await bus.publish('queue', { type: 'queue.changed', length: 2 });
    expect(c.events).toEqual([{ type: 'queue.changed', length: 2 }]);
    await bus.close();
  });

  it('does not call a handler added during a delivery for that same event', async () => {
    const bus = createMemoryBus();
    const late = collector();
    await bus.subscribe('models', () => {
      void bus.subscribe('models', late.handler);
    });
    await bus.publish('models', { type: 'first' });
    await bus.publish('models', { type: 'second' });
    expect(late.events.map((e) => e.type)).toEqual(['second']);
    await bus.close();
  });

  it('keeps two memory buses apart (one per process)', async () => {
    const a = createMemoryBus();
    const b = createMemoryBus();
    const c = collector();
    await b.subscribe('queue', c.handler);
    await a.publish('queue', { type: 'x' });
    expect(c.events).toEqual([]);
    await Promise.all([a.close(), b.close()]);
  });
});
