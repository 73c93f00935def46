/** Evaluation math: accuracy, per-intent precision/recall/F1, macro-F1, confusion matrix, ECE and its reliability bins. */
import type { ReliabilityBin } from '../protocol/training';

export type { ReliabilityBin };

export interface IntentMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface EvaluationReport {
  /** Share of examples whose predicted intent equals the true one. */
  accuracy: number;
  /** Unweighted mean F1 over the intents that occur as a true label. */
  macroF1: number;
  perIntent: Record<string, IntentMetrics>;
  /** `matrix[i][j]` counts examples of true label `labels[i]` predicted as `labels[j]`. */
  confusion: { labels: string[]; matrix: number[][] };
  /** Expected calibration error of the top confidence (present when confidences were given). */
  ece?: number;
  /** The non-empty confidence bins ECE was computed from (present with `ece`): the reliability diagram's bars. */
  reliability?: ReliabilityBin[];
  count: number;
}

export const CALIBRATION_BINS = 15;

export interface Prediction {
  expected: string;
  predicted: string;
  /** Confidence of the predicted intent, for calibration error. */
  confidence?: number;
}

const safeDiv = (a: number, b: number): number => (b === 0 ? 0 : a / b);

/**
 * Examples binned by top confidence into `bins` (default 15) equal-width bins; empty bins are left out.
 * @example reliabilityBins([{ confidence: 0.95, correct: true }, { confidence: 0.55, correct: false }], 10)
 * // [{ lower: 0.5, upper: 0.6, count: 1, accuracy: 0, confidence: 0.55 }, { lower: 0.9, upper: 1, count: 1, accuracy: 1, confidence: 0.95 }]
 */
export function reliabilityBins(items: { confidence: number; correct: boolean }[], bins = CALIBRATION_BINS): ReliabilityBin[] {
  const count = new Array<number>(bins).fill(0);
  const conf = new Array<number>(bins).fill(0);
  const hits = new Array<number>(bins).fill(0);
  for (const it of items) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(it.confidence * bins)));
    count[b]! += 1;
    conf[b]! += it.confidence;
    hits[b]! += it.correct ? 1 : 0;
  }
  const out: ReliabilityBin[] = [];
  for (let b = 0; b < bins; b++) {
    const n = count[b] as number;
    if (n > 0) out.push({ lower: b / bins, upper: (b + 1) / bins, count: n, accuracy: (hits[b] as number) / n, confidence: (conf[b] as number) / n });
  }
  return out;
}

/**
 * Expected calibration error: examples are binned by top confidence into `bins` equal-width
 * bins; ECE is the support-weighted mean |accuracy − mean confidence| over the bins.
 */
export function expectedCalibrationError(items: { confidence: number; correct: boolean }[], bins = CALIBRATION_BINS): number {
  return eceOf(reliabilityBins(items, bins), items.length);
}

function eceOf(bins: ReliabilityBin[], total: number): number {
  let ece = 0;
  for (const b of bins) ece += (b.count / total) * Math.abs(b.accuracy - b.confidence);
  return ece;
}

/** Scores predictions against their expected labels. */
export function evaluate(predictions: Prediction[]): EvaluationReport {
  const labels = [...new Set(predictions.flatMap((p) => [p.expected, p.predicted]))].sort();
  const pos = new Map(labels.map((l, i) => [l, i]));
  const matrix = labels.map(() => new Array<number>(labels.length).fill(0));
  let correct = 0;
  for (const p of predictions) {
    matrix[pos.get(p.expected) as number]![pos.get(p.predicted) as number]! += 1;
    if (p.expected === p.predicted) correct++;
  }
  const perIntent: Record<string, IntentMetrics> = {};
  let f1Sum = 0;
  let f1Count = 0;
  labels.forEach((label, i) => {
    const tp = matrix[i]![i]!;
    const support = matrix[i]!.reduce((a, b) => a + b, 0);
    const predicted = matrix.reduce((a, row) => a + row[i]!, 0);
    const precision = safeDiv(tp, predicted);
    const recall = safeDiv(tp, support);
    const f1 = safeDiv(2 * precision * recall, precision + recall);
    perIntent[label] = { precision, recall, f1, support };
    if (support > 0) {
      f1Sum += f1;
      f1Count++;
    }
  });
  const report: EvaluationReport = {
    accuracy: safeDiv(correct, predictions.length),
    macroF1: safeDiv(f1Sum, f1Count),
    perIntent,
    confusion: { labels, matrix },
    count: predictions.length,
  };
  if (predictions.length > 0 && predictions.every((p) => typeof p.confidence === 'number')) {
    const bins = reliabilityBins(predictions.map((p) => ({ confidence: p.confidence as number, correct: p.expected === p.predicted })));
    report.ece = eceOf(bins, predictions.length);
    report.reliability = bins;
  }
  return report;
}
