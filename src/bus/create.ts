import type { Logger } from 'pino';
import type { Config } from '../config';
import { createMemoryBus } from './memory';
import { createRedisBus } from './redis';
import type { Bus } from './types';

/**
 * The bus the configuration asks for: Redis pub/sub when `REDIS_URL` is set (several nodes),
 * otherwise in-process. Redis channels start with `REDIS_PREFIX`.
 * @example const bus = await createBus(config, logger.child({ part: 'bus' }));
 */
export async function createBus(config: Pick<Config, 'redisUrl'> & Partial<Pick<Config, 'redisPrefix'>>, logger?: Logger): Promise<Bus> {
  if (config.redisUrl) {
    logger?.info({ prefix: config.redisPrefix ?? '' }, 'bus: redis');
    return createRedisBus({ url: config.redisUrl, logger, prefix: config.redisPrefix ?? '' });
  }
  logger?.info('bus: in-process');
  return createMemoryBus({ logger });
}
