/**
 * Understanding: the intents from `intents/`, the mode (config `NLU_ENCODER`), the model (given,
 * saved in DATA_DIR, or trained at start) and the parser the conversation service,
 * /api/nlu/parse and the training part share.
 */
import fp from 'fastify-plugin';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Understanding } from '../conversation/ports';
import { extractEntities } from '../nlu/entities';
import { detectFrustration } from '../nlu/frustration';
import { loadIntents } from '../nlu/intents';
import { intentsSpeller } from '../nlu/intents-speller';
import type { IntentModel } from '../nlu/model';
import { loadOrTrainModel } from '../nlu/model-cache';
import { startNluRuntime, type NluRuntime, type NluRuntimeOptions } from '../nlu/nlu-mode';
import { createParser, type Parser } from '../nlu/parser';
import type { IntentDefinition } from '../nlu/types';

export interface Nlu {
  intents: IntentDefinition[];
  /** The model built from intents/ (the training part swaps the parser's model; this one stays). */
  baseModel: IntentModel;
  /** Live parser: `parser.model` is the active model version. */
  parser: Parser;
  /** The mode in effect, the embedding cache and how to restore models of that mode. */
  runtime: NluRuntime;
  /** What the conversation service asks of understanding. */
  understanding: Understanding & { prepare(text: string): Promise<void> };
}

declare module 'fastify' {
  interface FastifyInstance {
    nlu: Nlu;
  }
}

export interface NluPluginOptions {
  config: Pick<Config, 'intentsDir' | 'dataDir' | 'confidenceThreshold' | 'scopeThreshold' | 'orderIdPattern' | 'nluEncoder'>;
  logger: Logger;
  /** A ready model (tests). Default: loaded from DATA_DIR, or trained from intents/ (in the mode) and saved. */
  model?: IntentModel;
  /** Tests: a stand-in sentence encoder, or a `require` that simulates missing packages. */
  encoder?: Pick<NluRuntimeOptions, 'encoder' | 'load'>;
}

export const nluPlugin = fp<NluPluginOptions>(
  async (app, { config, logger, model: given, encoder }) => {
    const log = logger.child({ part: 'nlu' });
    const intents = loadIntents(config.intentsDir);
    const labels = new Map(intents.map((i) => [i.name, i.label]));
    // Accurate mode without its optional packages logs a warning here and runs the default mode.
    const runtime = await startNluRuntime({ mode: config.nluEncoder, dataDir: config.dataDir, logger: log, ...encoder });
    const baseModel =
      given ??
      (
        await loadOrTrainModel({
          intentsDir: config.intentsDir,
          dataDir: config.dataDir,
          logger: log,
          runtime,
          onEmbedding: (done, total) => {
            if (done === total) log.info({ embedded: total }, 'intents/ embedded for accurate mode');
          },
        })
      ).model;
    log.info({ mode: runtime.mode, modelId: baseModel.meta.id }, 'intent model ready');
    const orderIdPattern = config.orderIdPattern.search;
    const parser = createParser({
      model: baseModel,
      // Typos ("refnud", "verifcation") are corrected to the training vocabulary before the model reads the text.
      correct: intentsSpeller(intents).correct,
      threshold: config.confidenceThreshold,
      scopeThreshold: config.scopeThreshold,
      extractEntities: (text) => extractEntities(text, { orderIdPattern }),
    });
    app.decorate('nlu', {
      intents,
      baseModel,
      parser,
      runtime,
      understanding: {
        // Accurate mode embeds the text ahead of the synchronous parse; the default mode has nothing to do.
        prepare: async (text) => {
          await parser.model.prepare?.([parser.readable(text)]);
        },
        parse: (text) => parser.parse(text),
        labelOf: (name) => labels.get(name) ?? name.replace(/_/g, ' '),
        isFrustrated: detectFrustration,
      },
    });
  },
  { name: 'nlu' },
);
