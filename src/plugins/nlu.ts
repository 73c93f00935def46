/**
 * Understanding: the intents from `intents/`, the model (given, saved in DATA_DIR, or trained at
 * start) and the parser the conversation service, /api/nlu/parse and the training part share.
 */
import fp from 'fastify-plugin';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Understanding } from '../conversation/ports';
import { extractEntities } from '../nlu/entities';
import { detectFrustration } from '../nlu/frustration';
import { loadIntents } from '../nlu/intents';
import type { IntentModel } from '../nlu/model';
import { loadOrTrainModel } from '../nlu/model-cache';
import { createParser, type Parser } from '../nlu/parser';
import type { IntentDefinition } from '../nlu/types';

export interface Nlu {
  intents: IntentDefinition[];
  /** The model built from intents/ (the training part swaps the parser's model; this one stays). */
  baseModel: IntentModel;
  /** Live parser: `parser.model` is the active model version. */
  parser: Parser;
  /** What the conversation service asks of understanding. */
  understanding: Understanding;
}

declare module 'fastify' {
  interface FastifyInstance {
    nlu: Nlu;
  }
}

export interface NluPluginOptions {
  config: Pick<Config, 'intentsDir' | 'dataDir' | 'confidenceThreshold' | 'scopeThreshold' | 'orderIdPattern'>;
  logger: Logger;
  /** A ready model (tests). Default: loaded from DATA_DIR, or trained from intents/ and saved. */
  model?: IntentModel;
}

export const nluPlugin = fp<NluPluginOptions>(
  async (app, { config, logger, model: given }) => {
    const intents = loadIntents(config.intentsDir);
    const labels = new Map(intents.map((i) => [i.name, i.label]));
    const baseModel = given ?? (await loadOrTrainModel({ intentsDir: config.intentsDir, dataDir: config.dataDir, logger })).model;
    const orderIdPattern = config.orderIdPattern.search;
    const parser = createParser({
      model: baseModel,
      threshold: config.confidenceThreshold,
      scopeThreshold: config.scopeThreshold,
      extractEntities: (text) => extractEntities(text, { orderIdPattern }),
    });
    app.decorate('nlu', {
      intents,
      baseModel,
      parser,
      understanding: {
        parse: (text) => parser.parse(text),
        labelOf: (name) => labels.get(name) ?? name.replace(/_/g, ' '),
        isFrustrated: detectFrustration,
      },
    });
  },
  { name: 'nlu' },
);
