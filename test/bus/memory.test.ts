import { createMemoryBus } from '../../src/bus/memory';
import { busContract, collector } from './contract';

busContract('memory', async () => createMemoryBus());

describe('memory bus', () => {
  it('has delivered to every subscriber by the time publish resolves', async () => {
    const bus = createMemoryBus();
    const c = collector();
    await bus.subscribe('test:queue', c.handler);
    await bus.publish('test:queue', { type: 'queue.changed', length: 2 });
    expect(c.events).toEqual([{ type: 'queue.changed', length: 2 }]);
    await bus.close();
  });

  it('hands out plain JSON events frozen, without copying them, so no handler can change what another sees', async () => {
    const bus = createMemoryBus();
    const seen: unknown[] = [];
    await bus.subscribe('test:queue', (e) => {
      expect(() => {
        (e.message as { text: string }).text = 'changed';
      }).toThrow(TypeError);
      expect(() => (e.list as number[]).push(4)).toThrow(TypeError);
    });
    await bus.subscribe('test:queue', (e) => seen.push(e));
    const sent = { type: 'message', message: { text: 'hi', meta: { n: 1 } }, list: [1, 2, 3] };
    await bus.publish('test:queue', sent);
    expect(seen).toEqual([{ type: 'message', message: { text: 'hi', meta: { n: 1 } }, list: [1, 2, 3] }]);
    expect(seen[0]).toBe(sent);
    expect(Object.isFrozen(sent.message.meta)).toBe(true);
    await bus.close();
  });

  it('still copies through JSON what JSON would change (Dates, undefined, NaN), and freezes the copy', async () => {
    const bus = createMemoryBus();
    const c = collector();
    await bus.subscribe('test:queue', c.handler);
    const sent = { type: 'status', at: new Date(0), gone: undefined, nan: NaN, list: [1, undefined] };
    await bus.publish('test:queue', sent);
    expect(c.events).toEqual([{ type: 'status', at: '1970-01-01T00:00:00.000Z', nan: null, list: [1, null] }]);
    expect(c.events[0]).not.toBe(sent);
    expect(Object.isFrozen(c.events[0]!.list)).toBe(true);
    expect(Object.isFrozen(sent)).toBe(false);
    await bus.close();
  });

  it('does not call a handler added during a delivery for that same event', async () => {
    const bus = createMemoryBus();
    const late = collector();
    await bus.subscribe('test:models', () => {
      void bus.subscribe('test:models', late.handler);
    });
    await bus.publish('test:models', { type: 'first' });
    await bus.publish('test:models', { type: 'second' });
    expect(late.events.map((e) => e.type)).toEqual(['second']);
    await bus.close();
  });

  it('keeps two memory buses apart (one per process)', async () => {
    const a = createMemoryBus();
    const b = createMemoryBus();
    const c = collector();
    await b.subscribe('test:queue', c.handler);
    await a.publish('test:queue', { type: 'x' });
    expect(c.events).toEqual([]);
    await Promise.all([a.close(), b.close()]);
  });
});
