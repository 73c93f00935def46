/**
 * The intent classifier: sparse TF-IDF features (stemmed words, word bigrams and trigrams,
 * character n-grams across the text) plus dense blocks (the frequency-weighted GloVe average of
 * the words by default, `src/nlu/dense-features.ts`; sentence embeddings in accurate mode), multinomial logistic regression trained by shuffled SGD,
 * multiplied by a lightly weighted naive Bayes expert over the sparse features (one linear model in
 * the end), and a temperature fitted on a stratified held-out tenth so confidences mean what they say.
 *
 * Training: fit the features on all texts → train on 90 % → fit the temperature and measure on
 * the held-out 10 % → two last epochs on 100 %, continuing the same learning-rate schedule
 * (cheaper than a second full run).
 */
import { createHash } from 'node:crypto';
import { fitTemperature } from './calibration';
import { expectedCalibrationError } from './evaluate';
import { denseSize, gloveBlock, sentenceBlock, withDense, type DenseBlock, type DenseBlockJSON, type SentenceSource, type WordVectorOptions } from './dense-features';
import { FeatureSpace, type FeatureOptions, type FeatureSpaceJSON, type SparseVector } from './features';
import { addCounts, emptyCounts, nbLogWeights, nbScores } from './model-nb';
import { createRandom, shuffleInPlace } from './random';
import { decodeFloat32, encodeFloat32 } from './serialize';
import { logits, softmaxInPlace, trainSoftmax, type SoftmaxWeights } from './softmax';
import type { IntentScore, LabelledExample } from './types';

/** Bumped whenever features or training change, so cached models are retrained. */
export const MODEL_OPTIONS_VERSION = 'tfidf-w123-c35text-glove100-softmax-sgd-nb-ts/3';
const FORMAT = 'support-chatbot/intent-model';

/**
 * `ScopedRanking.scopeScore` softens the logits by this factor × the calibrated temperature: the top
 * probability of a softer softmax separates out-of-scope texts better (chosen on CLINC150 val + oos_val only).
 */
export const SCOPE_TEMPERATURE_FACTOR = 2;

/**
 * The GloVe word-vector block (`src/nlu/word-vectors.ts`): its norm next to the TF-IDF blocks and
 * the frequency rank at which a word counts half (chosen on validation data only:
 * `npm run bench:nlu-vectors`).
 */
export const DEFAULT_WORD_VECTORS: WordVectorOptions = { scale: 1, halfAt: 300 };

/** Word, bigram, trigram and character 3–5-gram blocks (chosen on a validation split of BANKING77's train). */
export const DEFAULT_FEATURES: FeatureOptions = { weights: { words: 1, bigrams: 0.6, trigrams: 0.4, chars: 1 } };

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
  /**
   * The sentence encoder whose embeddings the model also uses (`use-lite`: accurate mode), absent
   * for the default mode (TF-IDF and word vectors only). Stored with the model, so activating or
   * rolling back a version restores its mode.
   */
  encoder?: string;
}

/** `IntentModel.scope`: the ranking and the out-of-scope score of one text, from one pass. */
export interface ScopedRanking {
  /** As `rank` returns it. */
  ranking: IntentScore[];
  /**
   * How much the text looks like a request the model was trained on, 0…1 (higher = more in scope);
   * compare it with an out-of-scope threshold: below it, treat the message as out of scope
   * (`lowConfidence`). It is the top softmax probability at `SCOPE_TEMPERATURE_FACTOR` × the
   * calibrated temperature, multiplied by the text's vocabulary coverage
   * (`FeatureSpace.vectorizeWithCoverage`). It ranks out-of-scope texts below in-scope ones better
   * than `ranking[0].confidence` (CLINC150 val + oos_val AUROC 0.975 against 0.954), but it is a
   * score, not a calibrated probability: `confidence` stays the calibrated one. It is never above
   * `ranking[0].confidence` (a softer softmax and a coverage ≤ 1 only lower it), so its threshold
   * is its own, lower than a confidence threshold (bench/results/nlu.json `clinc150.*.threshold`
   * is one chosen on CLINC150's val + oos_val).
   */
  scopeScore: number;
}

export interface IntentModel {
  /** All intents, sorted by confidence descending; confidences sum to 1. */
  rank(text: string): IntentScore[];
  /** `rank` plus the out-of-scope score (optional so that test doubles need not implement it). */
  scope?(text: string): ScopedRanking;
  /**
   * Readies `rank`/`scope` for these texts when the model needs asynchronous work first (accurate
   * mode embeds them); absent or instant for the default mode. `rank` of a text not prepared still
   * answers, from the TF-IDF and word-vector features alone.
   */
  prepare?(texts: string[]): Promise<void>;
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
  /** SGD passes over the data before the last two on all of it; default scales with data size (6 for ≥10k examples, up to 40 for small sets). */
  epochs?: number;
  /** Share of each intent held out for calibration. Default 0.1; 0 skips calibration (temperature 1). */
  holdOut?: number;
  /** SGD gradient entries below this are skipped (see `trainSoftmax`). Default 1e-3. */
  minGradient?: number;
  /** Epochs on all data (held-out part included) after calibrating. Default 2. */
  finalEpochs?: number;
  /** Initial SGD learning rate (it decays linearly to 5 % of this). Default 3. */
  learningRate?: number;
  /**
   * Weight of the naive Bayes expert multiplied into the softmax (0 = softmax alone). Default 0.15.
   * @see ./model-nb.ts
   */
  nbWeight?: number;
  /** Additive smoothing of the naive Bayes expert. Default 0.01. */
  nbAlpha?: number;
  /** L2 strength. Default 1e-5. */
  l2?: number;
  /** Feature options (n-gram sizes, block weights, min document frequency). */
  features?: FeatureOptions;
  /** Clock for `createdAt`. Default `() => new Date()`. */
  now?: () => Date;
  /** The GloVe block; false leaves it out (TF-IDF only). Default `DEFAULT_WORD_VECTORS`. */
  wordVectors?: WordVectorOptions | false;
  /** More dense blocks after the word vectors (accurate mode's sentence embeddings). */
  dense?: DenseBlock[];
  /** `meta.encoder`: the sentence encoder behind `dense`, when there is one. */
  encoder?: string;
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
export function dataHash(examples: LabelledExample[], categories?: Record<string, string>, encoder?: string): string {
  const cats = resolveCategories(examples, categories);
  const rows = examples.map((e) => `${e.intent}\u0001${e.text}`).sort();
  const h = createHash('sha256');
  h.update(MODEL_OPTIONS_VERSION + '\n');
  // accurate mode makes a different model from the same data (the default mode hashes as before)
  if (encoder) h.update(`encoder ${encoder}\n`);
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
    private readonly dense: DenseBlock[],
  ) {
    this.scratch = new Float64Array(weights.classes);
    this.categoryOf = meta.intents.map((n) => meta.categories[n] ?? n);
  }

  async prepare(texts: string[]): Promise<void> {
    for (const b of this.dense) await b.prepare?.(texts);
  }

  rank(text: string): IntentScore[] {
    const x = withDense(this.features.vectorize(text), this.features.size, this.dense, text);
    return this.ranked(softmaxInPlace(logits(this.weights, x, this.scratch), this.meta.temperature));
  }

  scope(text: string): ScopedRanking {
    const { vector: sparse, coverage } = this.features.vectorizeWithCoverage(text);
    const vector = withDense(sparse, this.features.size, this.dense, text);
    const z = logits(this.weights, vector, this.scratch);
    const t = this.meta.temperature;
    // top probability at the softer temperature: exp(0) / Σ exp((z_c − max) / (k·T))
    let max = -Infinity;
    for (let c = 0; c < z.length; c++) max = Math.max(max, z[c] as number);
    let sum = 0;
    for (let c = 0; c < z.length; c++) sum += Math.exp(((z[c] as number) - max) / (SCOPE_TEMPERATURE_FACTOR * t));
    const scopeScore = coverage / sum;
    return { ranking: this.ranked(softmaxInPlace(z, t)), scopeScore };
  }

  private ranked(p: Float64Array): IntentScore[] {
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
      dense: this.dense.map((b) => b.toJSON()),
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

/** Weight of the naive Bayes expert (chosen on validation splits of BANKING77's and CLINC150's train data). */
const DEFAULT_NB_WEIGHT = 0.15;

/** Softmax weights plus the naive Bayes log-likelihoods (a product of the two experts), rounded to float32. */
function withNb(w: SoftmaxWeights, nbLog: Float64Array): SoftmaxWeights {
  const weights = Float32Array.from(w.weights);
  // the naive Bayes expert covers the sparse (count-like) features only: the first rows
  for (let j = 0; j < nbLog.length; j++) weights[j] = (w.weights[j] as number) + (nbLog[j] as number);
  return { ...w, weights };
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

  const { space: features, vectors: sparse } = FeatureSpace.fitTransform(
    examples.map((e) => e.text),
    opts.features ?? DEFAULT_FEATURES,
  );
  const wordVectors = opts.wordVectors ?? DEFAULT_WORD_VECTORS;
  const dense = [...(wordVectors ? [gloveBlock(wordVectors)] : []), ...(opts.dense ?? [])];
  const xs: SparseVector[] = sparse.map((x, i) => withDense(x, features.size, dense, examples[i]!.text));
  const size = features.size + denseSize(dense);
  const ys = examples.map((e) => classOf.get(e.intent) as number);
  progress(0.1);

  const epochs = opts.epochs ?? defaultEpochs(examples.length);
  const l2 = opts.l2 ?? 1e-5;
  const learningRate = opts.learningRate ?? 3;
  const { train, held } = splitHeldOut(ys, intents.length, opts.holdOut ?? 0.1, random);
  const seedOf = (): number => Math.floor(random() * 2 ** 31);
  const continueEpochs = held.length > 0 ? (opts.finalEpochs ?? 2) : 0;
  const totalEpochs = epochs + continueEpochs;
  // one learning-rate schedule over both passes: the second continues where the first stopped
  const split = epochs / totalEpochs;

  let w = trainSoftmax(
    train.map((i) => xs[i]!),
    Int32Array.from(train.map((i) => ys[i]!)),
    intents.length,
    size,
    { epochs, l2, learningRate, schedule: [0, split], seed: seedOf(), minGradient: opts.minGradient, onEpoch: (f) => progress(0.1 + 0.85 * f * split) },
  );

  const nbAlpha = opts.nbAlpha ?? 0.01;
  const nb = addCounts(emptyCounts(intents.length, features.size), xs, ys, train);
  const nbWeight = opts.nbWeight ?? DEFAULT_NB_WEIGHT;
  let temperature = 1;
  const metrics: ModelMetrics = { heldOut: held.length };
  if (held.length > 0) {
    const heldYs = held.map((i) => ys[i]!);
    // the held-out texts are judged by both experts as they stood before seeing them
    const nbLog = nbWeight > 0 ? nbLogWeights(nb, nbAlpha, nbWeight) : undefined;
    const rows = held.map((i) => {
      const row = Float64Array.from(logits(w, xs[i]!));
      if (nbLog) {
        const nbRow = nbScores(nbLog, intents.length, xs[i]!);
        for (let c = 0; c < row.length; c++) row[c] = (row[c] as number) + (nbRow[c] as number);
      }
      return row;
    });
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
    // the last epochs run on all data, so the held-out examples are learnt too
    w = trainSoftmax(xs, Int32Array.from(ys), intents.length, size, {
      epochs: continueEpochs,
      l2,
      learningRate,
      schedule: [split, 1],
      minGradient: opts.minGradient,
      init: w,
      seed: seedOf(),
      onEpoch: (f) => progress(0.1 + 0.85 * (split + f * (1 - split))),
    });
    addCounts(nb, xs, ys, held);
  }
  if (nbWeight > 0) w = withNb(w, nbLogWeights(nb, nbAlpha, nbWeight));

  const createdAt = (opts.now ?? (() => new Date()))();
  const hash = dataHash(examples, categories, opts.encoder);
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
  if (opts.encoder) meta.encoder = opts.encoder;
  progress(1);
  return new SoftmaxIntentModel(meta, features, w, dense);
}

function need(cond: unknown, what: string): asserts cond {
  if (!cond) throw new ModelFormatError(`invalid model file: ${what}`);
}

/** A model needs a sentence encoder that this process does not have (accurate mode without its packages). */
export class EncoderUnavailableError extends ModelFormatError {
  override name = 'EncoderUnavailableError';
  constructor(readonly encoder: string) {
    super(`the model uses the sentence encoder "${encoder}", which is not available here`);
  }
}

export interface LoadModelOptions {
  /**
   * The embeddings of an encoder (a `SentenceCache`), for accurate-mode models; undefined when this
   * process cannot embed with it (then such a model is refused with `EncoderUnavailableError`).
   */
  sentences?: (encoder: string) => SentenceSource | undefined;
}

function denseFromJSON(blocks: unknown, opts: LoadModelOptions): DenseBlock[] {
  if (blocks === undefined) return [];
  need(Array.isArray(blocks), 'dense must be a list');
  return (blocks as DenseBlockJSON[]).map((b) => {
    need(b && typeof b === 'object' && typeof b.scale === 'number' && typeof b.dims === 'number', 'dense block');
    if (b.kind === 'glove') {
      const block = gloveBlock({ scale: b.scale, halfAt: b.halfAt });
      need(block.toJSON().kind === 'glove' && (block.toJSON() as { sha256: string }).sha256 === b.sha256, `word-vector table ${b.table} with sha256 ${b.sha256}`);
      need(block.dims === b.dims, 'word-vector dimensions');
      return block;
    }
    need(b.kind === 'sentence' && typeof b.encoder === 'string', `dense block kind ${String((b as { kind?: unknown }).kind)}`);
    const source = opts.sentences?.(b.encoder);
    if (!source) throw new EncoderUnavailableError(b.encoder);
    return sentenceBlock(b.encoder, b.dims, b.scale, source);
  });
}

/**
 * Restores a model written by `toJSON()`; throws ModelFormatError on anything malformed, and
 * EncoderUnavailableError for an accurate-mode model when `opts` has no embeddings for its encoder.
 * @example loadModel(JSON.parse(fs.readFileSync('model.json', 'utf8')))
 */
export function loadModel(json: unknown, opts: LoadModelOptions = {}): IntentModel {
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
  const dense = denseFromJSON(j.dense, opts);
  need(s && s.classes === meta.intents.length && s.features === f.vocabulary.length + denseSize(dense), 'softmax dimensions');
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
  return new SoftmaxIntentModel(meta, FeatureSpace.fromJSON(f), weights, dense);
}
