/**
 * Wires the training part into the app: the model switch (active version at start-up, hot swaps
 * from the bus), the training service and its routes. One call from app.ts.
 */
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { Logger } from 'pino';
import type { Bus } from '../../bus/types';
import { loadModel, type IntentModel } from '../../nlu/model';
import type { Parser } from '../../nlu/parser';
import type { IntentDefinition } from '../../nlu/types';
import type { Storage } from '../../storage/types';
import { createModelSwitch } from '../../training/model-switch';
import type { TrainRunner } from '../../training/runner';
import { createTrainingService } from '../../training/service';
import { refuseUntilAuthWired } from './staff-guard';
import { trainingRoutes } from './training';

export interface TrainingSetupOptions {
  storage: Storage;
  bus: Bus;
  parser: Parser;
  /** The model from intents/ (used while no stored version is active, and after a full rollback). */
  baseModel: IntentModel;
  intents: IntentDefinition[];
  logger: Logger;
  globalThreshold: number;
  mask: (text: string) => string;
  /** Operator/admin guard; default refuses everything with 401 (until auth is wired). */
  operatorGuard?: preHandlerAsyncHookHandler;
  /** Any-agent guard; default refuses everything with 401. */
  agentGuard?: preHandlerAsyncHookHandler;
  /** Where retrains run. Default: a worker thread. */
  runner?: TrainRunner;
}

/**
 * @example await setupTraining(app, { storage, bus, parser, baseModel: model, intents, logger, globalThreshold: 0.5, mask })
 */
export async function setupTraining(app: FastifyInstance, opts: TrainingSetupOptions) {
  const logger = opts.logger.child({ part: 'training' });
  const switcher = createModelSwitch({ store: opts.storage.training, bus: opts.bus, target: opts.parser, baseModel: opts.baseModel, loadModel, logger });
  const service = createTrainingService({
    storage: opts.storage,
    bus: opts.bus,
    intents: opts.intents,
    activeModel: () => opts.parser.model,
    switcher,
    mask: opts.mask,
    globalThreshold: opts.globalThreshold,
    logger,
    ...(opts.runner ? { runner: opts.runner } : {}),
  });
  await switcher.start();
  await service.start();
  // The bus may already be closed when this runs (hook order is the app's business): best effort.
  app.addHook('onClose', async () => {
    await service.close().catch(() => undefined);
    await switcher.close().catch(() => undefined);
  });
  await app.register(trainingRoutes, {
    service,
    operatorGuard: opts.operatorGuard ?? refuseUntilAuthWired,
    agentGuard: opts.agentGuard ?? refuseUntilAuthWired,
  });
  return { service, switcher };
}
