import { createBus } from '../../src/bus/create';
import { collector, uniqueChannel } from './contract';

const TEST_REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

describe('createBus', () => {
  it('is in-process without redisUrl: another bus in the same process does not hear it', async () => {
    const a = await createBus({});
    const b = await createBus({});
    const onB = collector();
    const onA = collector();
    await b.subscribe('test:queue', onB.handler);
    await a.subscribe('test:queue', onA.handler);
    await a.publish('test:queue', { type: 'x' });
    expect(onA.events).toEqual([{ type: 'x' }]);
    expect(onB.events).toEqual([]);
    await Promise.all([a.close(), b.close()]);
  });

  it('goes through Redis with redisUrl: two buses hear each other', async () => {
    const a = await createBus({ redisUrl: TEST_REDIS_URL }).catch((err: Error) => {
      throw new Error(`Redis is not reachable at ${TEST_REDIS_URL} (${err.message}); start it or set TEST_REDIS_URL`);
    });
    const b = await createBus({ redisUrl: TEST_REDIS_URL });
    try {
      const ch = uniqueChannel('create');
      const onB = collector();
      await b.subscribe(ch, onB.handler);
      await a.publish(ch, { type: 'cross-node' });
      expect(await onB.waitFor(1)).toEqual([{ type: 'cross-node' }]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
