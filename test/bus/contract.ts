import { randomUUID } from 'node:crypto';
import type { Bus, BusEvent } from '../../src/bus/types';

// The contract is about transport, not about any one part's events: `test:*` channels carry any JSON event.
declare module '../../src/bus/types' {
  interface ChannelEvents {
    [channel: `test:${string}`]: BusEvent;
  }
}

/** Collects events and waits for them without fixed sleeps. */
export function collector(): { events: BusEvent[]; handler: (e: BusEvent) => void; waitFor: (n: number, ms?: number) => Promise<BusEvent[]> } {
  const events: BusEvent[] = [];
  return {
    events,
    handler: (e) => {
      events.push(e);
    },
    async waitFor(n, ms = 3000) {
      const deadline = Date.now() + ms;
      while (events.length < n) {
        if (Date.now() > deadline) throw new Error(`expected ${n} events within ${ms} ms, got ${events.length}: ${JSON.stringify(events)}`);
        await new Promise((r) => setTimeout(r, 5));
      }
      return events;
    },
  };
}

/** Unique channel names, so runs sharing one Redis never hear each other. */
export const uniqueChannel = (label: string) => `test:${label}:${randomUUID()}` as const;

/**
 * Publishes a marker on a second channel and waits for it: everything published before it by the
 * same bus has been delivered by then (one connection, one order), so "nothing arrived" is a fact,
 * not a guess after a sleep.
 */
export async function flush(bus: Bus, subscriberBus: Bus = bus): Promise<void> {
  const channel = uniqueChannel('flush');
  const c = collector();
  const off = await subscriberBus.subscribe(channel, c.handler);
  await bus.publish(channel, { type: 'flush' });
  await c.waitFor(1);
  await off();
}

/** The behaviour every Bus must have. `make` returns a fresh bus per test. */
export function busContract(name: string, make: () => Promise<Bus>): void {
  describe(`Bus contract: ${name}`, () => {
    let bus: Bus;
    beforeEach(async () => {
      bus = await make();
    });
    afterEach(async () => {
      await bus.close();
    });

    it('delivers a published event to every subscriber of that channel, and only that channel', async () => {
      const ch = uniqueChannel('conv');
      const a = collector();
      const b = collector();
      const other = collector();
      await bus.subscribe(ch, a.handler);
      await bus.subscribe(ch, b.handler);
      await bus.subscribe(uniqueChannel('other'), other.handler);
      const event = { type: 'message', seq: 3, message: { id: 'b1', text: 'Hi 👋', quickReplies: [{ label: 'Yes', value: 'yes' }] } };
      await bus.publish(ch, event);
      expect(await a.waitFor(1)).toEqual([event]);
      expect(await b.waitFor(1)).toEqual([event]);
      await flush(bus);
      expect(other.events).toEqual([]);
    });

    it('delivers events of one channel in publish order', async () => {
      const ch = uniqueChannel('order');
      const c = collector();
      await bus.subscribe(ch, c.handler);
      for (let i = 0; i < 50; i++) await bus.publish(ch, { type: 'n', i });
      expect((await c.waitFor(50)).map((e) => e.i)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    });

    it('stops delivering to a handler after it unsubscribes, but keeps the others', async () => {
      const ch = uniqueChannel('unsub');
      const gone = collector();
      const stays = collector();
      const off = await bus.subscribe(ch, gone.handler);
      await bus.subscribe(ch, stays.handler);
      await bus.publish(ch, { type: 'first' });
      await gone.waitFor(1);
      await off();
      await off(); // a second call changes nothing
      await bus.publish(ch, { type: 'second' });
      expect((await stays.waitFor(2)).map((e) => e.type)).toEqual(['first', 'second']);
      await flush(bus);
      expect(gone.events.map((e) => e.type)).toEqual(['first']);
    });

    it('treats the same function subscribed twice as two subscriptions', async () => {
      const ch = uniqueChannel('twice');
      const c = collector();
      const off1 = await bus.subscribe(ch, c.handler);
      await bus.subscribe(ch, c.handler);
      await bus.publish(ch, { type: 'x' });
      await c.waitFor(2);
      await off1();
      await bus.publish(ch, { type: 'y' });
      expect((await c.waitFor(3)).map((e) => e.type)).toEqual(['x', 'x', 'y']);
    });

    it('can subscribe again after everyone unsubscribed from a channel', async () => {
      const ch = uniqueChannel('resub');
      const first = collector();
      const off = await bus.subscribe(ch, first.handler);
      await off();
      const second = collector();
      await bus.subscribe(ch, second.handler);
      await bus.publish(ch, { type: 'back' });
      expect(await second.waitFor(1)).toEqual([{ type: 'back' }]);
      expect(first.events).toEqual([]);
    });

    it('isolates a throwing handler: the others still get the event and the publisher does not see the error', async () => {
      const ch = uniqueChannel('throw');
      const c = collector();
      await bus.subscribe(ch, () => {
        throw new Error('handler bug');
      });
      await bus.subscribe(ch, c.handler);
      await expect(bus.publish(ch, { type: 'one' })).resolves.toBeUndefined();
      await bus.publish(ch, { type: 'two' });
      expect((await c.waitFor(2)).map((e) => e.type)).toEqual(['one', 'two']);
    });

    it('sends plain JSON: subscribers get a copy, not the publisher\'s object', async () => {
      const ch = uniqueChannel('json');
      const c = collector();
      await bus.subscribe(ch, c.handler);
      const sent = { type: 'status', at: new Date(0), missing: undefined, nested: { n: 1 } } as unknown as BusEvent;
      await bus.publish(ch, sent);
      const [got] = await c.waitFor(1);
      expect(got).toEqual({ type: 'status', at: '1970-01-01T00:00:00.000Z', nested: { n: 1 } });
      expect(got).not.toBe(sent);
    });

    it('does nothing for a publish nobody listens to', async () => {
      await expect(bus.publish(uniqueChannel('nobody'), { type: 'x' })).resolves.toBeUndefined();
    });

    it('refuses publish and subscribe after close', async () => {
      const closed = await make();
      await closed.close();
      await expect(closed.publish(uniqueChannel('closed'), { type: 'x' })).rejects.toThrow(/closed/);
      await expect(closed.subscribe(uniqueChannel('closed'), () => undefined)).rejects.toThrow(/closed/);
    });
  });
}
