/** Per-intent confidence thresholds suggested from held-out predictions. */

export interface ScoredPrediction {
  expected: string;
  predicted: string;
  confidence: number;
}

export interface ThresholdSuggestion {
  /** The lowest confidence at which answers for this intent are still ≥ `precision` right. */
  threshold: number;
  /** Precision of the held-out predictions at or above it. */
  precision: number;
  /** How many held-out predictions of this intent are at or above it. */
  covered: number;
  /** Held-out predictions of this intent in all. */
  predicted: number;
}

export interface SuggestOptions {
  /** Precision to keep. Default 0.95. */
  precision?: number;
  /** Fewer predictions of an intent than this give no suggestion (too little evidence). Default 5. */
  minPredictions?: number;
  /** Intents never given one (out_of_scope is always unsure anyway). */
  skip?: string[];
}

/**
 * For each intent: sort the held-out messages predicted as it by confidence, best first, and
 * take the longest prefix whose precision is ≥ the target; its lowest confidence is the
 * suggestion. An intent whose best prediction is already wrong often enough gets none.
 * @example suggestThresholds(preds, { precision: 0.95 }).refund_status?.threshold // 0.41
 */
export function suggestThresholds(predictions: ScoredPrediction[], opts: SuggestOptions = {}): Record<string, ThresholdSuggestion> {
  const target = opts.precision ?? 0.95;
  const minPredictions = opts.minPredictions ?? 5;
  const skip = new Set(opts.skip ?? ['out_of_scope']);
  const byIntent = new Map<string, ScoredPrediction[]>();
  for (const p of predictions) {
    if (skip.has(p.predicted)) continue;
    const list = byIntent.get(p.predicted) ?? [];
    list.push(p);
    byIntent.set(p.predicted, list);
  }
  const out: Record<string, ThresholdSuggestion> = {};
  for (const [intent, list] of [...byIntent].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (list.length < minPredictions) continue;
    list.sort((a, b) => b.confidence - a.confidence);
    let right = 0;
    let best: ThresholdSuggestion | undefined;
    for (let k = 0; k < list.length; k++) {
      const p = list[k] as ScoredPrediction;
      if (p.expected === p.predicted) right++;
      // only cut between different confidences: equal scores cannot be told apart
      const next = list[k + 1];
      if (next && next.confidence === p.confidence) continue;
      const precision = right / (k + 1);
      if (precision >= target) best = { threshold: round(p.confidence), precision, covered: k + 1, predicted: list.length };
    }
    if (best) out[intent] = best;
  }
  return out;
}

/** Rounded down to 3 decimals, so the message that set it still passes. */
const round = (x: number): number => Math.floor(x * 1000) / 1000;
