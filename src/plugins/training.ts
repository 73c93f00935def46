/**
 * The operators' loop: the model switch (the active version from storage at start, hot swaps from
 * the bus on every node) and the training service. Both start when the app is ready and close
 * with it, before the bus and storage they use.
 */
import fp from 'fastify-plugin';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { loadModel } from '../nlu/model';
import { embeddingsDir } from '../nlu/nlu-mode';
import { createModelSwitch } from '../training/model-switch';
import { createTrainingService, type TrainingService } from '../training/service';

declare module 'fastify' {
  interface FastifyInstance {
    training: TrainingService;
  }
}

export interface TrainingPluginOptions {
  config: Pick<Config, 'confidenceThreshold' | 'dataDir'>;
  logger: Logger;
}

export const trainingPlugin = fp<TrainingPluginOptions>(
  async (app, opts) => {
    const logger = opts.logger.child({ part: 'training' });
    const { storage, bus, nlu } = app;
    const { runtime } = nlu;
    const switcher = createModelSwitch({
      store: storage.training,
      bus,
      target: nlu.parser,
      baseModel: nlu.baseModel,
      loadModel: (artifact) => loadModel(artifact, runtime.loadOptions),
      logger,
    });
    const service = createTrainingService({
      storage,
      bus,
      intents: nlu.intents,
      activeModel: () => nlu.parser.model,
      switcher,
      mask: app.maskText,
      globalThreshold: opts.config.confidenceThreshold,
      loadOptions: runtime.loadOptions,
      ...(runtime.sentences ? { accurate: { sentences: runtime.sentences, dir: embeddingsDir(opts.config.dataDir) } } : {}),
      logger,
    });
    app.addHook('onReady', async () => {
      await switcher.start();
      await service.start();
    });
    // Best effort: a failed unsubscribe must not keep the bus and storage below from closing.
    app.addHook('onClose', async () => {
      await service.close().catch((err: unknown) => logger.warn({ err }, 'training service did not close cleanly'));
      await switcher.close().catch((err: unknown) => logger.warn({ err }, 'model switch did not close cleanly'));
    });
    app.decorate('training', service);
  },
  { name: 'training', dependencies: ['storage', 'bus', 'nlu'] },
);
