/**
 * Groups similar triage messages so an operator can label them in one go: TF-IDF vectors over
 * the classifier's own stemmed words and in-word character 4-grams (src/nlu/tokenize.ts), cosine similarity,
 * greedy single pass (each text joins the first cluster whose seed is similar enough, else
 * starts one). Greedy is order-dependent but linear in clusters × texts, and the inbox pages are
 * small; good enough for "select these 12 alike messages".
 */
import { tokens } from '../nlu/tokenize';

export interface ClusterOptions {
  /** Cosine similarity to a cluster's seed needed to join it. Default 0.35. */
  minSimilarity?: number;
  /**
   * Extra texts counted for document frequencies only (e.g. the intents/ examples), so words
   * every customer uses ("how", "my") weigh little even on a page where all texts share a topic.
   */
  background?: string[];
}

type Vector = Map<string, number>;

/** Stemmed words, plus character 4-grams within words so "login" meets "log in" and typos meet. */
function termsOf(text: string): string[] {
  const t = tokens(text, { charMin: 4, charMax: 4, charScope: 'word' });
  return [...t.words, ...t.words, ...t.chars];
}

/** Document frequencies of a corpus, kept between calls with the same background array. */
const dfCache = new WeakMap<string[], Map<string, number>>();

function backgroundDf(background: string[]): Map<string, number> {
  let df = dfCache.get(background);
  if (!df) {
    df = new Map();
    for (const text of background) for (const t of new Set(termsOf(text))) df.set(t, (df.get(t) ?? 0) + 1);
    dfCache.set(background, df);
  }
  return df;
}

function vectorize(texts: string[], background: string[]): Vector[] {
  const termLists = texts.map(termsOf);
  const df = new Map(backgroundDf(background));
  for (const terms of termLists) for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = texts.length + background.length;
  return termLists.map((terms) => {
    const v: Vector = new Map();
    for (const t of terms) v.set(t, (v.get(t) ?? 0) + 1);
    let norm = 0;
    for (const [t, tf] of v) {
      const w = tf * (Math.log((1 + n) / (1 + (df.get(t) ?? 0))) + 1);
      v.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [t, w] of v) v.set(t, w / norm);
    return v;
  });
}

export function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, w] of small) dot += w * (large.get(t) ?? 0);
  return dot;
}

/**
 * Cluster index (0-based, in order of first appearance) for each text.
 * @example clusterTexts(['refund late', 'my refund is late', 'hello']) // [0, 0, 1]
 */
export function clusterTexts(texts: string[], opts: ClusterOptions = {}): number[] {
  const min = opts.minSimilarity ?? 0.35;
  const vectors = vectorize(texts, opts.background ?? []);
  const seeds: Vector[] = [];
  return vectors.map((v) => {
    for (let c = 0; c < seeds.length; c++) {
      if (cosine(v, seeds[c] as Vector) >= min) return c;
    }
    seeds.push(v);
    return seeds.length - 1;
  });
}
