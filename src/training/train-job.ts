/** The CPU-heavy half of a retrain, the same in a worker thread or inline. */
import { trainModel, type IntentModel } from '../nlu/model';
import { openSentenceCache } from '../nlu/sentence-cache';
import { trainForMode } from '../nlu/train-mode';
import type { LabelledExample } from '../nlu/types';

/**
 * Accurate mode: where the job reads the sentence embeddings of its texts. The caller has embedded
 * every text into this cache file already (`SentenceCache.ensure`), so the job only reads it and
 * needs no encoder: the worker thread does not load a second 30 MB copy of the model.
 */
export interface JobSentences {
  encoder: string;
  dims: number;
  /** Folder of the cache file (`DATA_DIR/embeddings`). */
  dir: string;
}

export interface TrainJob {
  /** The training side of the held-out split: the model that is evaluated. */
  train: LabelledExample[];
  /** Everything: the model that is stored and activated. */
  all: LabelledExample[];
  categories: Record<string, string>;
  /**
   * The active model's data minus the held-out texts: retrained so the comparison is fair (the
   * active model itself was trained on most held-out texts). Omitted when it equals `train`.
   */
  baseline?: LabelledExample[];
  baselineCategories?: Record<string, string>;
  seed: number;
  /** Accurate mode (every model of the job is trained in it); omitted: the default mode. */
  sentences?: JobSentences;
}

export interface TrainJobResult {
  /** `toJSON()` of the model trained on `train`. */
  evaluated: unknown;
  /** `toJSON()` of the model trained on `all`. */
  final: unknown;
  /** `toJSON()` of the model trained on `baseline`, when given. */
  baseline?: unknown;
  trainMs: number;
}

/** Trains the models; progress 0…1 over all of them. */
export async function trainJob(job: TrainJob, onProgress: (fraction: number) => void): Promise<TrainJobResult> {
  const started = Date.now();
  let last = -1;
  const report = (f: number) => {
    const pct = Math.floor(f * 100);
    if (pct !== last) {
      last = pct;
      onProgress(f);
    }
  };
  const spec = job.sentences;
  const sentences = spec
    ? openSentenceCache({
        dir: spec.dir,
        encoder: {
          name: spec.encoder,
          dims: spec.dims,
          embed: () => Promise.reject(new Error('training texts must be embedded before the job starts')),
        },
      })
    : undefined;
  const train = (examples: LabelledExample[], categories: Record<string, string>, onStage: (f: number) => void): Promise<IntentModel> =>
    sentences
      ? trainForMode(examples, { categories, seed: job.seed, onProgress: onStage, sentences })
      : Promise.resolve(trainModel(examples, { categories, seed: job.seed, onProgress: onStage }));
  const parts = job.baseline ? 3 : 2;
  const stage = (k: number) => (f: number) => report((k + f) / parts);
  const evaluated = await train(job.train, job.categories, stage(0));
  const baseline = job.baseline ? await train(job.baseline, job.baselineCategories ?? job.categories, stage(1)) : undefined;
  const final = await train(job.all, job.categories, stage(parts - 1));
  const result: TrainJobResult = { evaluated: evaluated.toJSON(), final: final.toJSON(), trainMs: Date.now() - started };
  if (baseline) result.baseline = baseline.toJSON();
  return result;
}
