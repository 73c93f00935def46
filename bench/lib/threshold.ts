/** How the CLINC150 out-of-scope threshold is chosen, from val + oos_val only. */
import type { LabelledExample } from '../../src/nlu/types';
import type { Ranked } from './peers';

/**
 * Out-of-scope recall on oos_val that the CLINC threshold must reach. The goal is 55 % on test;
 * 100 oos_val queries are noisy (cross-validating the rule on halves of val and oos_val, the recall
 * on the unseen half varied by ±9 points), and at 60 % the previous model reached 53.1 % on test,
 * so aim higher. Fixed at 65 % on 2026-11-27 from val + oos_val alone, before the test run.
 */
export const OOS_RECALL_FLOOR = 0.65;

/** The score the threshold applies to: the model's out-of-scope score where it has one, else its top confidence. */
export const scopeOf = (p: Ranked): number => p.scopeScore ?? p.confidence;

/**
 * The threshold rule, decided on val + oos_val only: the threshold on `scopeOf` with the best in-scope accuracy
 * on val (a rejected in-scope query counts as an error) among those rejecting at least
 * `OOS_RECALL_FLOOR` of oos_val — in effect the lowest threshold that reaches the floor.
 */
export function chooseThreshold(inScope: LabelledExample[], inPreds: Ranked[], oosPreds: Ranked[], floor = OOS_RECALL_FLOOR): { threshold: number; valInScopeAccuracy: number; valOosRecall: number } {
  const candidates = [...new Set([0, ...inPreds.map(scopeOf), ...oosPreds.map(scopeOf), 1.000001])].sort((a, b) => a - b);
  let best = { threshold: 1.000001, valInScopeAccuracy: 0, valOosRecall: 1 };
  for (const t of candidates) {
    const acc = inScope.filter((e, i) => scopeOf(inPreds[i]!) >= t && inPreds[i]!.name === e.intent).length / inScope.length;
    const rec = oosPreds.filter((p) => scopeOf(p) < t).length / Math.max(1, oosPreds.length);
    if (rec >= floor && acc > best.valInScopeAccuracy) best = { threshold: t, valInScopeAccuracy: acc, valOosRecall: rec };
  }
  return best;
}
