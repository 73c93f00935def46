/**
 * The start-up model: trained from intents/ or, when the data has not changed, loaded from
 * `DATA_DIR/models/intents-<dataHash>.json` (training is seconds; loading is milliseconds).
 */
import fs from 'node:fs';
import path from 'node:path';
import { categoryMap, loadIntents, toExamples } from './intents';
import { dataHash, loadModel, type IntentModel } from './model';
import type { NluRuntime } from './nlu-mode';
import { trainForMode } from './train-mode';

export interface ModelCacheLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface LoadOrTrainOptions {
  /** Folder of intent YAML files (config `INTENTS_DIR`). */
  intentsDir: string;
  /** Config `DATA_DIR`; models are cached in its `models/` folder. */
  dataDir: string;
  logger?: ModelCacheLogger;
  /** Training seed. Default 1. */
  seed?: number;
  /**
   * The process's mode (`startNluRuntime`): in accurate mode the model is trained with sentence
   * embeddings (embedding only texts not cached yet) and cached under its own hash. Default: the default mode.
   */
  runtime?: Pick<NluRuntime, 'sentences' | 'loadOptions'>;
  /** While embedding intents/ in accurate mode: texts embedded so far, texts to embed. */
  onEmbedding?: (done: number, total: number) => void;
}

export function modelPath(dataDir: string, hash: string): string {
  return path.join(dataDir, 'models', `intents-${hash}.json`);
}

export async function loadOrTrainModel(
  opts: LoadOrTrainOptions,
): Promise<{ model: IntentModel; trainedMs: number; fromCache: boolean }> {
  const defs = loadIntents(opts.intentsDir);
  if (defs.length < 2) throw new Error(`need at least two intent files in ${opts.intentsDir}, found ${defs.length}`);
  const examples = toExamples(defs);
  const categories = categoryMap(defs);
  const sentences = opts.runtime?.sentences;
  const hash = dataHash(examples, categories, sentences?.encoder);
  const file = modelPath(opts.dataDir, hash);
  if (fs.existsSync(file)) {
    try {
      const model = loadModel(JSON.parse(await fs.promises.readFile(file, 'utf8')), opts.runtime?.loadOptions);
      if (model.meta.dataHash === hash) {
        opts.logger?.info({ modelId: model.meta.id, file }, 'intent model loaded from cache');
        return { model, trainedMs: 0, fromCache: true };
      }
    } catch (err) {
      opts.logger?.warn({ err, file }, 'cached intent model unreadable; retraining');
    }
  }
  const started = Date.now();
  const model = await trainForMode(examples, {
    categories,
    seed: opts.seed ?? 1,
    ...(sentences ? { sentences } : {}),
    ...(opts.onEmbedding ? { onEmbedding: opts.onEmbedding } : {}),
  });
  const trainedMs = Date.now() - started;
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  // write then rename, so a crash never leaves a half-written cache file behind
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.promises.writeFile(tmp, JSON.stringify(model.toJSON()));
  await fs.promises.rename(tmp, file);
  opts.logger?.info(
    { modelId: model.meta.id, intents: model.meta.intents.length, examples: examples.length, trainedMs, metrics: model.meta.metrics },
    'intent model trained',
  );
  return { model, trainedMs, fromCache: false };
}

/** Reads a model JSON file written by `train` (or this cache). */
export async function loadModelFile(file: string): Promise<IntentModel> {
  return loadModel(JSON.parse(await fs.promises.readFile(file, 'utf8')));
}

/**
 * The model for the CLI: the given file, else the one trained from `INTENTS_DIR` (default
 * ./intents) and cached under `DATA_DIR` (default ./data).
 */
export async function resolveCliModel(modelFile: string | undefined, env: Record<string, string | undefined>, cwd: string): Promise<IntentModel> {
  if (modelFile) return loadModelFile(modelFile);
  const { model } = await loadOrTrainModel({
    intentsDir: path.resolve(cwd, env.INTENTS_DIR || 'intents'),
    dataDir: path.resolve(cwd, env.DATA_DIR || 'data'),
  });
  return model;
}
