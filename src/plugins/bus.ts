/** The event bus (in-process, or Redis with REDIS_URL), closed with the app. */
import fp from 'fastify-plugin';
import type { Logger } from 'pino';
import { createBus } from '../bus/create';
import type { Bus } from '../bus/types';
import type { Config } from '../config';

declare module 'fastify' {
  interface FastifyInstance {
    bus: Bus;
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
  },
  { name: 'bus' },
);
