/**
 * The storage every part shares, created here so `app.close()` closes it even when a later
 * plugin fails to start. Every write passes the masking gate, reports domain events and is
 * counted by the metrics (in that order, from the outside in: metrics see what was committed).
 */
import fp from 'fastify-plugin';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { tapStorage } from '../events/tap';
import { observeStorage } from '../metrics/observe-storage';
import { maskSensitive } from '../privacy';
import { createStorage } from '../storage/create';
import { withMasking, type TextMask } from '../storage/masked';
import type { Storage } from '../storage/types';

declare module 'fastify' {
  interface FastifyInstance {
    storage: Storage;
    /**
     * The masking gate: card numbers, CVV phrases and IBANs out of a text, keeping order ids of
     * the configured shape (ORDER_ID_PATTERN). Every stored text passes it; mail and training use it too.
     */
    maskText: TextMask;
  }
}

export interface StoragePluginOptions {
  config: Pick<Config, 'dataDir' | 'databaseUrl' | 'orderIdPattern'>;
  logger: Logger;
  /** A ready adapter (tests); closed with the app like one created here. Default: from config. */
  storage?: Storage;
}

export const storagePlugin = fp<StoragePluginOptions>(
  async (app, { config, logger, storage: given }) => {
    const orderIdPattern = config.orderIdPattern.search;
    const maskText: TextMask = (text) => maskSensitive(text, { orderIdPattern }).text;
    const raw = given ?? (await createStorage(config, logger, maskText));
    app.addHook('onClose', () => raw.close());
    const storage = observeStorage(withMasking(tapStorage(raw, app.events.emit), maskText), app.metrics);
    app.decorate('storage', storage);
    app.decorate('maskText', maskText);
  },
  { name: 'storage', dependencies: ['events'] },
);
