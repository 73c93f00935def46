/**
 * The event bus (in-process, or Redis with REDIS_URL), and with REDIS_URL the per-minute counts
 * the client-address limits share between nodes; both closed with the app.
 */
import fp from 'fastify-plugin';
import type { Logger } from 'pino';
import { createBus } from '../bus/create';
import type { Bus } from '../bus/types';
import { createRedisWindowCounter, type WindowCounter } from '../bus/window-counter';
import type { Config } from '../config';

declare module 'fastify' {
  interface FastifyInstance {
    bus: Bus;
    /** Counts shared by every node (REDIS_URL); undefined on a single node, where each limit is the node's own. */
    limitCounter: WindowCounter | undefined;
  }
}

export interface BusPluginOptions {
  config: Pick<Config, 'redisUrl' | 'redisPrefix'>;
  logger: Logger;
  /** A ready bus (tests); closed with the app like one created here. Default: from config. */
  bus?: Bus;
}

export const busPlugin = fp<BusPluginOptions>(
  async (app, { config, logger, bus: given }) => {
    const bus = given ?? (await createBus(config, logger));
    app.addHook('onClose', () => bus.close());
    app.decorate('bus', bus);
    const counter = config.redisUrl ? await createRedisWindowCounter({ url: config.redisUrl, prefix: config.redisPrefix ?? '', logger }) : undefined;
    if (counter) app.addHook('onClose', () => counter.close());
    app.decorate('limitCounter', counter);
  },
  { name: 'bus' },
);
