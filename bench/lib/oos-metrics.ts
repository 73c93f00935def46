/** Out-of-scope measures used to choose a scoring method on CLINC150's train, val and oos_val only. */
import type { LabelledExample } from '../../src/nlu/types';
import type { Clinc150 } from './datasets';

/** Probability that an in-scope text scores above an out-of-scope one (ties count half). */
export function auroc(inScope: number[], outOfScope: number[]): number {
  const all = [...inScope.map((s) => ({ s, p: 1 })), ...outOfScope.map((s) => ({ s, p: 0 }))].sort((a, b) => a.s - b.s);
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]!.s === all[i]!.s) j++;
    const avg = (i + j + 1) / 2;
    for (let k = i; k < j; k++) if (all[k]!.p) rankSum += avg;
    i = j;
  }
  return (rankSum - (inScope.length * (inScope.length + 1)) / 2) / (inScope.length * outOfScope.length);
}

/** The lowest threshold that puts at least `floor` of the out-of-scope scores below it. */
export function thresholdAtFloor(outOfScope: number[], floor: number): number {
  const sorted = [...outOfScope].sort((a, b) => a - b);
  return sorted[Math.ceil(floor * sorted.length) - 1]! + 1e-12;
}

/** In-scope accuracy (a rejected text counts as an error) and out-of-scope recall at a threshold. */
export function atThreshold(t: number, inScores: number[], correct: boolean[], outScores: number[]): { accuracy: number; recall: number } {
  return {
    accuracy: inScores.filter((s, i) => s >= t && correct[i]).length / inScores.length,
    recall: outScores.filter((s) => s < t).length / Math.max(1, outScores.length),
  };
}

/**
 * A second out-of-scope set that does not lean on the 100 oos_val queries: every 10th intent
 * (15 of 150) is removed from train, and its val queries play the out-of-scope part.
 */
export function heldOutIntents(d: Clinc150): { held: string[]; train: LabelledExample[]; inScope: LabelledExample[]; outOfScope: string[] } {
  const names = [...new Set(d.train.map((e) => e.intent))].sort();
  const held = new Set(names.filter((_, i) => i % 10 === 5));
  return {
    held: [...held],
    train: d.train.filter((e) => !held.has(e.intent)),
    inScope: d.val.filter((e) => !held.has(e.intent)),
    outOfScope: d.val.filter((e) => held.has(e.intent)).map((e) => e.text),
  };
}
