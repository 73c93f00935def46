/**
 * The new model against the active one on the same held-out examples: accuracy, macro-F1,
 * per-intent F1 deltas, and which operator-labelled messages it now gets right or wrong.
 */
import { evaluate, type EvaluationReport } from '../nlu/evaluate';
import type { IntentModel } from '../nlu/model';
import type { TrainingExample } from './dataset';
import { suggestThresholds, type ThresholdSuggestion } from './thresholds';

import type { LabelledOutcome } from '../protocol/training';

export type { LabelledOutcome } from '../protocol/training';

export interface Comparison {
  heldOut: number;
  candidate: { accuracy: number; macroF1: number; ece?: number };
  /**
   * The active model's recipe (its data, minus the held-out texts) retrained on the same split:
   * the fair baseline. `deployedAccuracy` scores the live model itself, which saw most held-out
   * texts in training, so it is optimistic.
   */
  active: { modelId: string; accuracy: number; macroF1: number; deployedAccuracy: number };
  delta: { accuracy: number; macroF1: number };
  /** Intent → F1 of both and the difference (new − active); support = held-out examples. */
  perIntent: Record<string, { candidateF1: number; activeF1: number; delta: number; support: number }>;
  /** Held-out labelled messages the new model gets right and the active one (baseline) got wrong. */
  nowRight: LabelledOutcome[];
  /** …and the other way round. */
  nowWrong: LabelledOutcome[];
  /** Held-out labelled messages both get wrong. */
  stillWrong: LabelledOutcome[];
  /** The new model's full evaluation (confusion matrix for the heatmap). */
  report: EvaluationReport;
  /** Per intent, the lowest confidence that keeps precision ≥ 95 % on the held-out split. */
  suggestedThresholds: Record<string, ThresholdSuggestion>;
}

const top = (m: IntentModel, text: string) => m.rank(text)[0] ?? { name: '', confidence: 0 };

/**
 * @param candidate trained on the training side of the split
 * @param baseline the active model's data retrained on the same side (see Comparison.active)
 * @param deployed the live active model
 */
export function compareModels(candidate: IntentModel, baseline: IntentModel, deployed: IntentModel, heldOut: TrainingExample[]): Comparison {
  const active = baseline;
  const cand = heldOut.map((e) => {
    const t = top(candidate, e.text);
    return { expected: e.intent, predicted: t.name, confidence: t.confidence };
  });
  const act = heldOut.map((e) => ({ expected: e.intent, predicted: top(active, e.text).name }));
  const report = evaluate(cand);
  const activeReport = evaluate(act);
  const perIntent: Comparison['perIntent'] = {};
  for (const [intent, m] of Object.entries(report.perIntent)) {
    if (m.support === 0) continue;
    const activeF1 = activeReport.perIntent[intent]?.f1 ?? 0;
    perIntent[intent] = { candidateF1: m.f1, activeF1, delta: m.f1 - activeF1, support: m.support };
  }
  const nowRight: LabelledOutcome[] = [];
  const nowWrong: LabelledOutcome[] = [];
  const stillWrong: LabelledOutcome[] = [];
  heldOut.forEach((e, k) => {
    if (!e.itemId) return;
    const o: LabelledOutcome = { itemId: e.itemId, text: e.text, expected: e.intent, before: act[k]!.predicted, after: cand[k]!.predicted };
    const okBefore = o.before === o.expected;
    const okAfter = o.after === o.expected;
    if (okAfter && !okBefore) nowRight.push(o);
    else if (!okAfter && okBefore) nowWrong.push(o);
    else if (!okAfter && !okBefore) stillWrong.push(o);
  });
  const c: Comparison = {
    heldOut: heldOut.length,
    candidate: { accuracy: report.accuracy, macroF1: report.macroF1 },
    active: {
      modelId: deployed.meta.id,
      accuracy: activeReport.accuracy,
      macroF1: activeReport.macroF1,
      deployedAccuracy: evaluate(heldOut.map((e) => ({ expected: e.intent, predicted: top(deployed, e.text).name }))).accuracy,
    },
    delta: { accuracy: report.accuracy - activeReport.accuracy, macroF1: report.macroF1 - activeReport.macroF1 },
    perIntent,
    nowRight,
    nowWrong,
    stillWrong,
    report,
    suggestedThresholds: suggestThresholds(cand),
  };
  if (report.ece !== undefined) c.candidate.ece = report.ece;
  return c;
}
