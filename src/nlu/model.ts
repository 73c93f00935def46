/**
 * The intent classifier: sparse TF-IDF features (stemmed words, word bigrams, character n-grams
 * across the text), multinomial logistic regression trained by shuffled SGD, and a temperature
 * fitted on a stratified held-out tenth so confidences mean what they say.
 *
 * Training: fit the features on all texts → train on 90 % → fit the temperature and measure on
 * the held-out 10 % → continue training a few epochs on 100 % (cheaper than a second full run).
 */
import { createHash } from 'node:crypto';
import { fitTemperature } from './calibration';
import { expectedCalibrationError } from './evaluate';
import { FeatureSpace, type FeatureOptions, type FeatureSpaceJSON } from './features';
import { createRandom, shuffleInPlace } from './random';
import { decodeFloat32, encodeFloat32 } from './serialize';
import { logits, softmaxInPlace, trainSoftmax, type SoftmaxWeights } from './softmax';
import type { IntentScore, LabelledExample } from './types';

/** Bumped whenever features or training change, so cached models are retrained. */
export const MODEL_OPTIONS_VERSION = 'tfidf-w12-c35text-softmax-sgd-ts/1';
const FORMAT = 'support-chatbot/intent-model';

export interface ModelMetrics {
  /** Examples held out from the first training pass. */
  heldOut: number;
  /** Accuracy on them. */
  heldOutAccuracy?: number;
  /** Expected calibration error on them after temperature scaling. */
  heldOutEce?: number;
  /** Filled in by `eval` or the training pipeline when a test set is available. */
  [key: string]: number | undefined;
}

export interface ModelMeta {
  /** `intents-<first 12 hex of dataHash>-<createdAt as yyyymmddhhmmss>`. */
  id: string;
  dataHash: string;
  createdAt: string;
  /** Intent names, sorted. */
  intents: string[];
  /** Intent name → category. */
  categories: Record<string, string>;
  metrics?: ModelMetrics;
  /** Logits are divided by this before the softmax. */
  temperature: number;
  /** Number of training examples. */
  examples: number;
  optionsVersion: string;
}

export interface IntentModel {
  /** All intents, sorted by confidence descending; confidences sum to 1. */
  rank(text: string): IntentScore[];
  readonly meta: ModelMeta;
  /** Plain JSON (weights base64-encoded) that `loadModel` restores exactly. */
  toJSON(): unknown;
}

export interface TrainOptions {
  /** Intent name → category. Else an example's `category`, else the intent name itself. */
  categories?: Record<string, string>;
  /** Seed for the held-out split and the SGD shuffles. Default 1. */
  seed?: number;
  /** Called with 0…1 while training. */
  onProgress?: (fraction: number) => void;
  /** SGD passes over the data; default scales with data size (6 for ≥10k examples, up to 40 for small sets). */
  epochs?: number;
  /** Share of each intent held out for calibration. Default 0.1; 0 skips calibration (temperature 1). */
  holdOut?: number;
  /** L2 strength. Default 1e-5. */
  l2?: number;
  /** Feature options (n-gram sizes, block weights, min document frequency). */
  features?: FeatureOptions;
  /** Clock for `createdAt`. Default `() => new Date()`. */
  now?: () => Date;
}

export class ModelFormatError extends Error {
  override name = 'ModelFormatError';
}

function resolveCategories(examples: LabelledExample[], given: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of examples) {
    out[e.intent] ??= given[e.intent] ?? e.category ?? e.intent;
  }
  return out;
}

/**
 * Stable sha256 of the training data (sorted, so order does not matter), the categories and the
 * model options version: equal hashes mean a saved model can be reused.
 */
export function dataHash(examples: LabelledExample[], categories?: Record<string, string>): string {
  const cats = resolveCategories(examples, categories);
  const rows = examples.map((e) => `${e.intent}\u0001${e.text}`).sort();
  const h = createHash('sha256');
  h.update(MODEL_OPTIONS_VERSION + '\n');
  for (const k of Object.keys(cats).sort()) h.update(`${k}\u0001${cats[k]}\n`);
  for (const r of rows) h.update(r + '\n');
  return h.digest('hex');
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

class SoftmaxIntentModel implements IntentModel {
  private readonly scratch: Float64Array;
  private readonly categoryOf: string[];

  constructor(
    readonly meta: ModelMeta,
    private readonly features: FeatureSpace,
    private readonly weights: SoftmaxWeights,
  ) {
    this.scratch = new Float64Array(weights.classes);
    this.categoryOf = meta.intents.map((n) => meta.categories[n] ?? n);
  }

  rank(text: string): IntentScore[] {
    const p = softmaxInPlace(logits(this.weights, this.features.vectorize(text), this.scratch), this.meta.temperature);
    const out: IntentScore[] = this.meta.intents.map((name, c) => ({
      name,
      category: this.categoryOf[c] as string,
      confidence: p[c] as number,
    }));
    return out.sort((a, b) => b.confidence - a.confidence || (a.name < b.name ? -1 : 1));
  }

  toJSON(): unknown {
    return {
      format: FORMAT,
      version: 1,
      meta: this.meta,
      features: this.features.toJSON(),
      softmax: {
        classes: this.weights.classes,
        features: this.weights.features,
        weights: encodeFloat32(this.weights.weights),
        bias: encodeFloat32(this.weights.bias),
      },
    };
  }
}

function defaultEpochs(n: number): number {
  return Math.max(6, Math.min(40, Math.round(60_000 / Math.max(1, n))));
}

/** Stratified split: per intent, a `share` of its examples (at least 1, only when it has ≥ 4). */
function splitHeldOut(ys: number[], classes: number, share: number, random: () => number): { train: number[]; held: number[] } {
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  ys.forEach((y, i) => byClass[y]!.push(i));
  const train: number[] = [];
  const held: number[] = [];
  for (const idx of byClass) {
    shuffleInPlace(idx, random);
    const k = share > 0 && idx.length >= 4 ? Math.max(1, Math.round(idx.length * share)) : 0;
    held.push(...idx.slice(0, k));
    train.push(...idx.slice(k));
  }
  return { train, held };
}

/**
 * Trains an intent model. Deterministic for a given seed and data (apart from `createdAt`).
 * @example const model = trainModel([{ text: 'where is my refund', intent: 'refund_status' }, …], { seed: 1 });
 */
export function trainModel(examples: LabelledExample[], opts: TrainOptions = {}): IntentModel {
  if (examples.length === 0) throw new Error('trainModel: no examples');
  const categories = resolveCategories(examples, opts.categories);
  const intents = Object.keys(categories).sort();
  if (intents.length < 2) throw new Error('trainModel: need at least two intents');
  const classOf = new Map(intents.map((n, i) => [n, i]));
  const random = createRandom(opts.seed ?? 1);
  const progress = opts.onProgress ?? (() => undefined);
  progress(0);

  const features = FeatureSpace.fit(
    examples.map((e) => e.text),
    opts.features,
  );
  const xs = examples.map((e) => features.vectorize(e.text));
  const ys = examples.map((e) => classOf.get(e.intent) as number);
  progress(0.1);

  const epochs = opts.epochs ?? defaultEpochs(examples.length);
  const l2 = opts.l2 ?? 1e-5;
  const { train, held } = splitHeldOut(ys, intents.length, opts.holdOut ?? 0.1, random);
  const seedOf = (): number => Math.floor(random() * 2 ** 31);
  const continueEpochs = held.length > 0 ? Math.max(2, Math.round(epochs / 4)) : 0;
  const totalEpochs = epochs + continueEpochs;

  let w = trainSoftmax(
    train.map((i) => xs[i]!),
    Int32Array.from(train.map((i) => ys[i]!)),
    intents.length,
    features.size,
    { epochs, l2, seed: seedOf(), onEpoch: (f) => progress(0.1 + (0.85 * f * epochs) / totalEpochs) },
  );

  let temperature = 1;
  const metrics: ModelMetrics = { heldOut: held.length };
  if (held.length > 0) {
    const rows = held.map((i) => Float64Array.from(logits(w, xs[i]!)));
    const heldYs = held.map((i) => ys[i]!);
    // a few dozen held-out texts (all usually right) would push T down and confidences to 1;
    // with little evidence, only ever soften
    const fitted = fitTemperature(rows, heldYs);
    temperature = held.length >= 100 ? fitted : Math.max(1, fitted);
    const items = rows.map((r, k) => {
      const p = softmaxInPlace(r, temperature);
      let best = 0;
      for (let c = 1; c < p.length; c++) if ((p[c] as number) > (p[best] as number)) best = c;
      return { confidence: p[best] as number, correct: best === heldYs[k] };
    });
    metrics.heldOutAccuracy = items.filter((it) => it.correct).length / items.length;
    metrics.heldOutEce = expectedCalibrationError(items);
    // continue on all data, with a smaller learning rate, so held-out examples are learnt too
    w = trainSoftmax(xs, Int32Array.from(ys), intents.length, features.size, {
      epochs: continueEpochs,
      l2,
      learningRate: 0.3,
      init: w,
      seed: seedOf(),
      onEpoch: (f) => progress(0.1 + (0.85 * (epochs + f * continueEpochs)) / totalEpochs),
    });
  }

  const createdAt = (opts.now ?? (() => new Date()))();
  const hash = dataHash(examples, categories);
  const meta: ModelMeta = {
    id: `intents-${hash.slice(0, 12)}-${stamp(createdAt)}`,
    dataHash: hash,
    createdAt: createdAt.toISOString(),
    intents,
    categories,
    metrics,
    temperature,
    examples: examples.length,
    optionsVersion: MODEL_OPTIONS_VERSION,
  };
  progress(1);
  return new SoftmaxIntentModel(meta, features, w);
}

function need(cond: unknown, what: string): asserts cond {
  if (!cond) throw new ModelFormatError(`invalid model file: ${what}`);
}

/** Restores a model written by `toJSON()`; throws ModelFormatError on anything malformed. */
export function loadModel(json: unknown): IntentModel {
  const j = json as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  need(j && typeof j === 'object' && j.format === FORMAT, `format must be "${FORMAT}"`);
  need(j.version === 1, `unsupported version ${String(j.version)}`);
  const meta = j.meta as ModelMeta;
  need(meta && Array.isArray(meta.intents) && meta.intents.length >= 2, 'meta.intents');
  need(meta.intents.every((n: unknown) => typeof n === 'string'), 'meta.intents must be strings');
  need(meta.categories && typeof meta.categories === 'object', 'meta.categories');
  need(typeof meta.temperature === 'number' && meta.temperature > 0, 'meta.temperature');
  need(typeof meta.dataHash === 'string' && typeof meta.id === 'string', 'meta.id / meta.dataHash');
  const f = j.features as FeatureSpaceJSON;
  need(f && Array.isArray(f.vocabulary) && Array.isArray(f.idf) && f.vocabulary.length === f.idf.length, 'features');
  need(f.options && typeof f.options.charMin === 'number' && typeof f.options.charMax === 'number', 'features.options');
  const s = j.softmax as Record<string, unknown>;
  need(s && s.classes === meta.intents.length && s.features === f.vocabulary.length, 'softmax dimensions');
  need(typeof s.weights === 'string' && typeof s.bias === 'string', 'softmax weights');
  let weights: SoftmaxWeights;
  try {
    weights = {
      classes: s.classes as number,
      features: s.features as number,
      weights: decodeFloat32(s.weights as string, (s.classes as number) * (s.features as number)),
      bias: decodeFloat32(s.bias as string, s.classes as number),
    };
  } catch (err) {
    throw new ModelFormatError(`invalid model file: ${(err as Error).message}`);
  }
  return new SoftmaxIntentModel(meta, FeatureSpace.fromJSON(f), weights);
}
