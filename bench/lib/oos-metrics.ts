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

/** One candidate score's figures: AUROC and in-scope accuracy at the floor's threshold, and on held-out intents if given. */
export interface OosRow {
  auroc: number;
  accAtFloor: number;
  heldAuroc?: number;
  heldRecall?: number;
}

/** `OosRow` of scores for in-scope val texts (with whether each was classified right), oos_val and, optionally, held-out intents. */
export function oosRow(inScores: number[], correct: boolean[], oosScores: number[], floor: number, heldScores?: number[]): OosRow {
  const t = thresholdAtFloor(oosScores, floor);
  const row: OosRow = { auroc: auroc(inScores, oosScores), accAtFloor: atThreshold(t, inScores, correct, oosScores).accuracy };
  if (heldScores) {
    row.heldAuroc = auroc(inScores, heldScores);
    row.heldRecall = atThreshold(t, inScores, correct, heldScores).recall;
  }
  return row;
}

/** A markdown table of candidates measured on all 150 intents (`full`) and with 15 held out (`held`). */
export function oosTable(floor: number, full: Record<string, OosRow>, held: Record<string, OosRow>, first = 'score'): string {
  const pct = (x: number | undefined): string => (x === undefined ? '-' : (x * 100).toFixed(1));
  const f = floor * 100;
  const lines = [
    `| ${first} | AUROC val/oos_val | val acc at ${f}% oos_val | held-out intents: acc at ${f}% oos_val | AUROC | recall |`,
    '|---|---|---|---|---|---|',
  ];
  for (const name of Object.keys(full)) {
    const a = full[name]!;
    const b = held[name]!;
    lines.push(`| ${name} | ${a.auroc.toFixed(4)} | ${pct(a.accAtFloor)} | ${pct(b.accAtFloor)} | ${b.heldAuroc?.toFixed(4)} | ${pct(b.heldRecall)} |`);
  }
  return lines.join('\n') + '\n';
}
