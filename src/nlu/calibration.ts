/**
 * Temperature scaling (Guo et al. 2017): one scalar T divides the logits so that confidences
 * match observed accuracy on held-out data. It never changes which intent ranks first.
 */
import { softmaxInPlace } from './softmax';

/** Mean negative log-likelihood of the true classes at temperature `t`. */
export function nll(logitRows: Float64Array[], ys: ArrayLike<number>, t: number): number {
  let total = 0;
  for (let i = 0; i < logitRows.length; i++) {
    const row = logitRows[i] as Float64Array;
    let max = -Infinity;
    for (const v of row) max = Math.max(max, v);
    let sum = 0;
    for (const v of row) sum += Math.exp((v - max) / t);
    total += -(((row[ys[i] as number] as number) - max) / t - Math.log(sum));
  }
  return total / Math.max(1, logitRows.length);
}

/** The temperature in [0.3, 10] minimising held-out NLL (golden-section search on log T). */
export function fitTemperature(logitRows: Float64Array[], ys: ArrayLike<number>): number {
  if (logitRows.length === 0) return 1;
  // the lower bound keeps a perfect held-out set (tiny data) from sharpening confidences towards 1
  let lo = Math.log(0.3);
  let hi = Math.log(10);
  const g = (Math.sqrt(5) - 1) / 2;
  let a = hi - g * (hi - lo);
  let b = lo + g * (hi - lo);
  let fa = nll(logitRows, ys, Math.exp(a));
  let fb = nll(logitRows, ys, Math.exp(b));
  for (let k = 0; k < 40; k++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - g * (hi - lo);
      fa = nll(logitRows, ys, Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + g * (hi - lo);
      fb = nll(logitRows, ys, Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
}

/** Probabilities of each row at temperature `t` (new arrays). */
export function probabilities(logitRows: Float64Array[], t: number): Float64Array[] {
  return logitRows.map((r) => softmaxInPlace(Float64Array.from(r), t));
}
