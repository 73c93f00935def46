/**
 * Would averaging several separately trained models, or normalising the score per intent, separate
 * out-of-scope texts better than the one shipped model? Measured like `select.ts` on CLINC150's
 * train, val and oos_val only (never test), and with 15 intents held out of training. Members: the
 * shipped model (seed 1), the same with seed 2, one on word features alone and one on character
 * n-grams alone. An ensemble averages the members' probabilities at twice their calibrated
 * temperature (as the shipped score softens them) and multiplies the top one by the shipped
 * model's coverage.
 *
 *   npm run bench:oos-ensembles      (about 5 minutes) writes bench/results/oos-ensembles.json
 */
import { DEFAULT_FEATURES, trainModel, type IntentModel } from '../../src/nlu/model';
import type { LabelledExample } from '../../src/nlu/types';
import { oosRow, type OosRow } from '../lib/oos-metrics';
import { OOS_RECALL_FLOOR } from '../lib/threshold';
import { runOosExperiment, type OosMeasure } from './run';

const MEMBERS = ['shipped', 'seed 2', 'words', 'chars'] as const;
type Member = (typeof MEMBERS)[number];

function members(train: LabelledExample[]): Record<Member, IntentModel> {
  const w = DEFAULT_FEATURES.weights!;
  return {
    shipped: trainModel(train, { seed: 1 }),
    'seed 2': trainModel(train, { seed: 2 }),
    words: trainModel(train, { seed: 1, features: { ...DEFAULT_FEATURES, weights: { ...w, chars: 0 } } }),
    chars: trainModel(train, { seed: 1, features: { ...DEFAULT_FEATURES, weights: { words: 0, bigrams: 0, trigrams: 0, chars: 1 } } }),
  };
}

/** One member's view of a text: probabilities at twice its temperature (p^½, renormalised), its top intent and scope score. */
interface View {
  soft: Map<string, number>;
  top: string;
  scope: number;
}

function view(model: IntentModel, text: string): View {
  const { ranking, scopeScore } = model.scope!(text);
  let sum = 0;
  for (const r of ranking) sum += Math.sqrt(r.confidence);
  return { soft: new Map(ranking.map((r) => [r.name, Math.sqrt(r.confidence) / sum])), top: ranking[0]!.name, scope: scopeScore };
}

type Views = Record<Member, View>;
interface Scored {
  pred: string;
  score: number;
}

/** The shipped score divided by the model's coverage: what is left is its coverage. */
const coverage = (v: View): number => v.scope / v.soft.get(v.top)!;

function averaged(vs: Views, names: Member[]): Scored {
  const acc = new Map<string, number>();
  for (const n of names) for (const [intent, p] of vs[n].soft) acc.set(intent, (acc.get(intent) ?? 0) + p / names.length);
  let pred = '';
  let best = -1;
  for (const [intent, p] of acc) if (p > best) [pred, best] = [intent, p];
  return { pred, score: best * coverage(vs.shipped) };
}

function candidates(classMean: Map<string, number>): Record<string, (v: Views) => Scored> {
  const shipped = (v: Views): Scored => ({ pred: v.shipped.top, score: v.shipped.scope });
  const out: Record<string, (v: Views) => Scored> = { shipped };
  for (const a of [0.5, 1]) out[`shipped ÷ its intent's mean on train^${a}`] = (v) => ({ pred: v.shipped.top, score: v.shipped.scope / (classMean.get(v.shipped.top) ?? 1) ** a });
  const sets: Member[][] = [['shipped', 'seed 2'], ['shipped', 'words'], ['shipped', 'chars'], ['words', 'chars'], ['shipped', 'words', 'chars'], [...MEMBERS]];
  for (const s of sets) out[`average of ${s.join(' + ')}`] = (v) => averaged(v, s);
  out['geometric mean of shipped, words, chars scope scores'] = (v) => ({ pred: v.shipped.top, score: Math.cbrt(v.shipped.scope * v.words.scope * v.chars.scope) });
  return out;
}

/** Mean shipped score per intent over every third training text that the model classifies right. */
function classMeans(model: IntentModel, train: LabelledExample[]): Map<string, number> {
  const sums = new Map<string, { s: number; n: number }>();
  train.forEach((e, i) => {
    if (i % 3) return;
    const v = view(model, e.text);
    if (v.top !== e.intent) return;
    const m = sums.get(e.intent) ?? { s: 0, n: 0 };
    sums.set(e.intent, { s: m.s + v.scope, n: m.n + 1 });
  });
  return new Map([...sums].map(([k, m]) => [k, m.s / m.n]));
}

function evaluate(train: LabelledExample[], inScope: LabelledExample[], oosVal: string[], heldOut?: string[]): OosMeasure {
  const ms = members(train);
  const views = (t: string): Views => Object.fromEntries(MEMBERS.map((n) => [n, view(ms[n], t)])) as Views;
  const vin = inScope.map((e) => views(e.text));
  const vout = oosVal.map(views);
  const vheld = heldOut?.map(views);
  const accuracy: Record<string, number> = {};
  const rows: Record<string, OosRow> = {};
  for (const [name, f] of Object.entries(candidates(classMeans(ms.shipped, train)))) {
    const sin = vin.map(f);
    const correct = sin.map((s, i) => s.pred === inScope[i]!.intent);
    accuracy[name] = correct.filter(Boolean).length / correct.length;
    rows[name] = oosRow(sin.map((s) => s.score), correct, vout.map((v) => f(v).score), OOS_RECALL_FLOOR, vheld?.map((v) => f(v).score));
  }
  return { accuracy, rows };
}

runOosExperiment({ results: 'oos-ensembles.json', evaluate, first: 'candidate' });
