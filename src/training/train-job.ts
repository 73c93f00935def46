/** The CPU-heavy half of a retrain, the same in a worker thread or inline. */
import { trainModel } from '../nlu/model';
import type { LabelledExample } from '../nlu/types';

export interface TrainJob {
  /** The training side of the held-out split: the model that is evaluated. */
  train: LabelledExample[];
  /** Everything: the model that is stored and activated. */
  all: LabelledExample[];
  categories: Record<string, string>;
  seed: number;
}

export interface TrainJobResult {
  /** `toJSON()` of the model trained on `train`. */
  evaluated: unknown;
  /** `toJSON()` of the model trained on `all`. */
  final: unknown;
  trainMs: number;
}

/** Trains both models; progress 0…1 over the two. */
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
  const evaluated = trainModel(job.train, { categories: job.categories, seed: job.seed, onProgress: (f) => report(f * 0.5) });
  const final = trainModel(job.all, { categories: job.categories, seed: job.seed, onProgress: (f) => report(0.5 + f * 0.5) });
  return { evaluated: evaluated.toJSON(), final: final.toJSON(), trainMs: Date.now() - started };
}
