/** The CPU-heavy half of a retrain, the same in a worker thread or inline. */
import { trainModel } from '../nlu/model';
import type { LabelledExample } from '../nlu/types';

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
export function trainJob(job: TrainJob, onProgress: (fraction: number) => void): TrainJobResult {
  const started = Date.now();
  let last = -1;
  const report = (f: number) => {
    const pct = Math.floor(f * 100);
    if (pct !== last) {
      last = pct;
      onProgress(f);
    }
  };
  const parts = job.baseline ? 3 : 2;
  const stage = (k: number) => (f: number) => report((k + f) / parts);
  const evaluated = trainModel(job.train, { categories: job.categories, seed: job.seed, onProgress: stage(0) });
  const baseline = job.baseline
    ? trainModel(job.baseline, { categories: job.baselineCategories ?? job.categories, seed: job.seed, onProgress: stage(1) })
    : undefined;
  const final = trainModel(job.all, { categories: job.categories, seed: job.seed, onProgress: stage(parts - 1) });
  const result: TrainJobResult = { evaluated: evaluated.toJSON(), final: final.toJSON(), trainMs: Date.now() - started };
  if (baseline) result.baseline = baseline.toJSON();
  return result;
}
