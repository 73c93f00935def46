/**
 * Multinomial naive Bayes over the same TF-IDF vectors the softmax model sees, used as a second
 * expert: its log-likelihoods, scaled by a small weight, are added to the softmax weights. The
 * product of the two experts is still one linear model, so it costs nothing at classify time,
 * and it corrects the softmax where a class has rare but telling words (NBSVM, Wang & Manning 2012).
 */
import type { SparseVector } from './features';

/** Per-class sums of feature values, feature-major like the softmax weights. */
export interface NbCounts {
  classes: number;
  features: number;
  /** `counts[f * classes + c]`. */
  counts: Float64Array;
  /** Sum over features, per class. */
  totals: Float64Array;
}

export function emptyCounts(classes: number, features: number): NbCounts {
  return { classes, features, counts: new Float64Array(features * classes), totals: new Float64Array(classes) };
}

/**
 * Adds the examples `which` (indices into `xs`) to the counts, in place. Feature ids from
 * `nb.features` on (dense blocks, which are not counts) are left out.
 */
export function addCounts(nb: NbCounts, xs: SparseVector[], ys: ArrayLike<number>, which: Iterable<number>): NbCounts {
  const C = nb.classes;
  for (const i of which) {
    const x = xs[i] as SparseVector;
    const y = ys[i] as number;
    for (let k = 0; k < x.index.length; k++) {
      if ((x.index[k] as number) >= nb.features) continue;
      const v = x.value[k] as number;
      nb.counts[(x.index[k] as number) * C + y] = (nb.counts[(x.index[k] as number) * C + y] as number) + v;
      nb.totals[y] = (nb.totals[y] as number) + v;
    }
  }
  return nb;
}

/**
 * `weight × log P(feature | class)` with additive smoothing `alpha`, feature-major. Adding it to
 * softmax weights multiplies the softmax by the naive Bayes likelihood raised to `weight`.
 */
export function nbLogWeights(nb: NbCounts, alpha: number, weight: number): Float64Array {
  const C = nb.classes;
  const F = nb.features;
  const out = new Float64Array(F * C);
  const denom = new Float64Array(C);
  for (let c = 0; c < C; c++) denom[c] = Math.log((nb.totals[c] as number) + alpha * F);
  for (let f = 0; f < F; f++) {
    const row = f * C;
    for (let c = 0; c < C; c++) out[row + c] = weight * (Math.log((nb.counts[row + c] as number) + alpha) - (denom[c] as number));
  }
  return out;
}

/** Naive Bayes class scores of one vector under `nbLogWeights` (without the class prior); features beyond its rows are skipped. */
export function nbScores(logWeights: Float64Array, classes: number, x: SparseVector): Float64Array {
  const out = new Float64Array(classes);
  for (let k = 0; k < x.index.length; k++) {
    const row = (x.index[k] as number) * classes;
    if (row >= logWeights.length) continue;
    const v = x.value[k] as number;
    for (let c = 0; c < classes; c++) out[c] = (out[c] as number) + v * (logWeights[row + c] as number);
  }
  return out;
}
