/**
 * Chooses how the intent model scores "out of scope", on CLINC150's train, val and oos_val only
 * (never test): it trains our model, computes candidate scores for every val and oos_val query,
 * and prints for each its AUROC (in-scope val against oos_val) and the val in-scope accuracy at the
 * benchmark's threshold rule (the threshold rejecting OOS_RECALL_FLOOR of oos_val). A second check
 * that does not lean on the 100 oos_val queries: train without 15 of the 150 intents and treat their
 * val queries as out of scope (`heldOutIntents`); its recall is taken at the threshold oos_val gives.
 * `IntentModel.scope` computes the candidate that won ("msp T×2 · cov^1"). The last rows split
 * coverage into its word and character factors, weigh them differently, or smooth the word one.
 *
 *   npm run bench:oos-select      (about 5 minutes on a 2-core Xeon) writes bench/results/oos-select.json
 */
import { FeatureSpace, type FeatureSpaceJSON, type SparseVector } from '../../src/nlu/features';
import { trainModel } from '../../src/nlu/model';
import { decodeFloat32 } from '../../src/nlu/serialize';
import { logits, type SoftmaxWeights } from '../../src/nlu/softmax';
import type { LabelledExample } from '../../src/nlu/types';
import { oosRow, type OosRow } from '../lib/oos-metrics';
import { OOS_RECALL_FLOOR } from '../lib/threshold';
import { runOosExperiment } from './run';

interface Parts {
  features: FeatureSpace;
  weights: SoftmaxWeights;
  temperature: number;
  intents: string[];
  /** Per vocabulary entry: 1 for character n-grams, 0 for word features. */
  isChar: Uint8Array;
}

function parts(examples: LabelledExample[]): Parts {
  const model = trainModel(examples, { seed: 1 });
  const j = model.toJSON() as { features: FeatureSpaceJSON; softmax: { classes: number; features: number; weights: string; bias: string } };
  const s = j.softmax;
  return {
    features: FeatureSpace.fromJSON(j.features),
    weights: { classes: s.classes, features: s.features, weights: decodeFloat32(s.weights, s.classes * s.features), bias: decodeFloat32(s.bias, s.classes) },
    temperature: model.meta.temperature,
    intents: model.meta.intents,
    isChar: Uint8Array.from(j.features.vocabulary, (v) => (v.startsWith('c:') ? 1 : 0)),
  };
}

/** Per-text raw quantities from which every candidate score is computed. */
interface Raw {
  pred: string;
  z: Float64Array;
  coverage: number;
  /** Cosine (vectors are block-normalised; divide by the squared norm) to the nearest training text, and to the nearest of the predicted intent. */
  nnAny: number;
  nnPred: number;
  centroid: number;
  /** Mean per-feature log-likelihood ratio of the predicted intent's naive Bayes model against all training text pooled. */
  nbRatio: number;
  /** Logits from the word features alone and from the character n-grams alone (they sum to `z` minus the bias). */
  zWords: Float64Array;
  zChars: Float64Array;
  top: number;
  /** `coverage`'s two factors, the word block's and the character block's, and the word one with one known rarest token added (so one unknown word alone is not 0). */
  coverWords: number;
  coverChars: number;
  coverWordsSmoothed: number;
}

/** Per block, the IDF mass of known tokens and the mass of unknown ones (each weighing as the rarest known token), as `vectorizeWithCoverage` counts them. */
function blockCoverage(features: FeatureSpace, maxIdf: number, perBlock: Int32Array[], block: string, pseudo = 0): number {
  const ids = perBlock[features.blockNames.indexOf(block)] ?? new Int32Array();
  let known = 0;
  let all = 0;
  for (const i of ids) {
    if (i >= 0) known += features.idf[i] as number;
    all += i >= 0 ? (features.idf[i] as number) : maxIdf;
  }
  return all > 0 ? (known + pseudo * maxIdf) / (all + pseudo * maxIdf) : 1;
}

function dot(a: SparseVector, dense: Map<number, number>): number {
  let s = 0;
  for (let k = 0; k < a.index.length; k++) s += (a.value[k] as number) * (dense.get(a.index[k] as number) ?? 0);
  return s;
}

function raws(p: Parts, train: LabelledExample[], texts: string[]): Raw[] {
  // inverted index over the training vectors
  const trainVecs = train.map((e) => p.features.vectorize(e.text));
  const postings = new Map<number, { doc: number; v: number }[]>();
  trainVecs.forEach((x, d) => {
    for (let k = 0; k < x.index.length; k++) {
      const i = x.index[k] as number;
      let l = postings.get(i);
      if (!l) postings.set(i, (l = []));
      l.push({ doc: d, v: x.value[k] as number });
    }
  });
  const norm2 = (x: SparseVector): number => x.value.reduce((s, v) => s + v * v, 0);
  const trainNorm = trainVecs.map((x) => Math.sqrt(norm2(x)));
  const centroids = new Map<string, Map<number, number>>();
  trainVecs.forEach((x, d) => {
    const name = train[d]!.intent;
    let c = centroids.get(name);
    if (!c) centroids.set(name, (c = new Map()));
    for (let k = 0; k < x.index.length; k++) c.set(x.index[k] as number, (c.get(x.index[k] as number) ?? 0) + (x.value[k] as number));
  });
  const centroidNorm = new Map([...centroids].map(([n, c]) => [n, Math.sqrt([...c.values()].reduce((s, v) => s + v * v, 0))]));
  const pooled = new Map<number, number>();
  for (const c of centroids.values()) for (const [i, v] of c) pooled.set(i, (pooled.get(i) ?? 0) + v);
  const total = (m: Map<number, number>): number => [...m.values()].reduce((s, v) => s + v, 0);
  const totals = new Map([...centroids].map(([n, c]) => [n, total(c)]));
  const pooledTotal = total(pooled);
  const C = p.weights.classes;
  const maxIdf = p.features.idf.reduce((m, v) => Math.max(m, v), 0);
  return texts.map((text) => {
    const { vector: x, coverage } = p.features.vectorizeWithCoverage(text);
    const z = Float64Array.from(logits(p.weights, x));
    let best = 0;
    for (let c = 1; c < z.length; c++) if ((z[c] as number) > (z[best] as number)) best = c;
    const pred = p.intents[best]!;
    const acc = new Float64Array(train.length);
    for (let k = 0; k < x.index.length; k++) for (const { doc, v } of postings.get(x.index[k] as number) ?? []) acc[doc] = (acc[doc] as number) + v * (x.value[k] as number);
    const xn = Math.sqrt(norm2(x)) || 1;
    let nnAny = 0;
    let nnPred = 0;
    for (let d = 0; d < acc.length; d++) {
      const cos = (acc[d] as number) / (xn * (trainNorm[d] as number));
      if (cos > nnAny) nnAny = cos;
      if (train[d]!.intent === pred && cos > nnPred) nnPred = cos;
    }
    const centroid = dot(x, centroids.get(pred)!) / (xn * (centroidNorm.get(pred) as number));
    const alpha = 0.01;
    const F = p.features.size;
    let ratio = 0;
    let mass = 0;
    const zWords = new Float64Array(C);
    const zChars = new Float64Array(C);
    for (let k = 0; k < x.index.length; k++) {
      const i = x.index[k] as number;
      const v = x.value[k] as number;
      const own = ((centroids.get(pred)!.get(i) ?? 0) + alpha) / ((totals.get(pred) as number) + alpha * F);
      const all = ((pooled.get(i) ?? 0) + alpha) / (pooledTotal + alpha * F);
      ratio += v * Math.log(own / all);
      mass += v;
      const zz = p.isChar[i] ? zChars : zWords;
      for (let c = 0; c < C; c++) zz[c] = (zz[c] as number) + v * (p.weights.weights[i * C + c] as number);
    }
    const ids = p.features.tokenIds(text);
    const coverWords = blockCoverage(p.features, maxIdf, ids, 'words');
    const coverChars = blockCoverage(p.features, maxIdf, ids, 'chars');
    const coverWordsSmoothed = blockCoverage(p.features, maxIdf, ids, 'words', 1);
    return { pred, z, coverage, nnAny, nnPred, centroid, nbRatio: mass > 0 ? ratio / mass : 0, zWords, zChars, top: best, coverWords, coverChars, coverWordsSmoothed };
  });
}

function msp(z: Float64Array, t: number): number {
  let max = -Infinity;
  for (const v of z) max = Math.max(max, v);
  let sum = 0;
  for (const v of z) sum += Math.exp((v - max) / t);
  return 1 / sum;
}

function energy(z: Float64Array, t: number): number {
  let max = -Infinity;
  for (const v of z) max = Math.max(max, v);
  let sum = 0;
  for (const v of z) sum += Math.exp((v - max) / t);
  return max + t * Math.log(sum);
}

/** Probability of class `c` under a softmax of `z` at temperature `t`. */
function probOf(z: Float64Array, t: number, c: number): number {
  let max = -Infinity;
  for (const v of z) max = Math.max(max, v);
  let sum = 0;
  for (const v of z) sum += Math.exp((v - max) / t);
  return Math.exp(((z[c] as number) - max) / t) / sum;
}

type Scorer = (r: Raw, T: number) => number;

function candidates(): Record<string, Scorer> {
  const out: Record<string, Scorer> = {};
  for (const k of [1, 2, 3, 4]) {
    out[`msp T×${k}`] = (r, T) => msp(r.z, k * T);
    for (const a of [0.5, 1, 2]) out[`msp T×${k} · cov^${a}`] = (r, T) => msp(r.z, k * T) * r.coverage ** a;
    out[`energy T×${k}`] = (r, T) => energy(r.z, k * T);
  }
  out['max logit'] = (r) => Math.max(...r.z);
  out['coverage'] = (r) => r.coverage;
  out['nn cos (any)'] = (r) => r.nnAny;
  out['nn cos (predicted intent)'] = (r) => r.nnPred;
  out['centroid cos (predicted intent)'] = (r) => r.centroid;
  for (const k of [2, 3]) {
    for (const a of [0.5, 1]) {
      out[`msp T×${k} · cov · nnPred^${a}`] = (r, T) => msp(r.z, k * T) * r.coverage * r.nnPred ** a;
      out[`msp T×${k} · cov · centroid^${a}`] = (r, T) => msp(r.z, k * T) * r.coverage * r.centroid ** a;
    }
  }
  out['nb likelihood ratio'] = (r) => r.nbRatio;
  for (const b of [0.25, 0.5]) out[`msp T×2 · cov · exp(${b}·nb ratio)`] = (r, T) => msp(r.z, 2 * T) * r.coverage * Math.exp(b * r.nbRatio);
  out['msp words alone T×2'] = (r, T) => msp(r.zWords, 2 * T);
  out['msp chars alone T×2'] = (r, T) => msp(r.zChars, 2 * T);
  for (const k of [2, 4]) {
    out[`√(p_words · p_chars of top) T×${k}`] = (r, T) => Math.sqrt(probOf(r.zWords, k * T, r.top) * probOf(r.zChars, k * T, r.top));
    out[`msp T×2 · cov · √(p_words · p_chars of top) T×${k}`] = (r, T) => msp(r.z, 2 * T) * r.coverage * Math.sqrt(probOf(r.zWords, k * T, r.top) * probOf(r.zChars, k * T, r.top));
  }
  out['msp T×2 · word coverage only'] = (r, T) => msp(r.z, 2 * T) * r.coverWords;
  out['msp T×2 · character coverage only'] = (r, T) => msp(r.z, 2 * T) * r.coverChars;
  out['msp T×2 · word coverage^0.5 · character coverage'] = (r, T) => msp(r.z, 2 * T) * Math.sqrt(r.coverWords) * r.coverChars;
  out['msp T×2 · word coverage · character coverage^1.5'] = (r, T) => msp(r.z, 2 * T) * r.coverWords * r.coverChars ** 1.5;
  out['msp T×2 · word coverage (+1 known) · character coverage'] = (r, T) => msp(r.z, 2 * T) * r.coverWordsSmoothed * r.coverChars;
  return out;
}

function evaluateAll(p: Parts, train: LabelledExample[], inScope: LabelledExample[], oosVal: string[], heldOut?: string[]) {
  const rin = raws(p, train, inScope.map((e) => e.text));
  const rout = raws(p, train, oosVal);
  const rheld = heldOut ? raws(p, train, heldOut) : undefined;
  const correct = rin.map((r, i) => r.pred === inScope[i]!.intent);
  const rows: Record<string, OosRow> = {};
  for (const [name, f] of Object.entries(candidates())) {
    const score = (r: Raw): number => f(r, p.temperature);
    rows[name] = oosRow(rin.map(score), correct, rout.map(score), OOS_RECALL_FLOOR, rheld?.map(score));
  }
  return { accuracy: correct.filter(Boolean).length / correct.length, rows };
}

runOosExperiment({ results: 'oos-select.json', evaluate: (train, inScope, oosVal, heldOut) => evaluateAll(parts(train), train, inScope, oosVal, heldOut) });
