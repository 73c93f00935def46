/**
 * Does a prediction that survives dropping any one word mark an in-scope request? Leave-one-word-out
 * stability as an out-of-scope score, alone and multiplied into the shipped score, measured like
 * `select.ts` on CLINC150's train, val and oos_val only (never test), and with 15 intents held
 * out of training. Each text is classified once whole and once per word left out.
 *
 *   npm run bench:oos-stability      (about 4 minutes) writes bench/results/oos-stability.json
 */
import { trainModel, type IntentModel } from '../../src/nlu/model';
import type { LabelledExample } from '../../src/nlu/types';
import { oosRow } from '../lib/oos-metrics';
import { OOS_RECALL_FLOOR } from '../lib/threshold';
import { runOosExperiment, type OosMeasure } from './run';

interface Raw {
  pred: string;
  /** The shipped score, `IntentModel.scope`. */
  scope: number;
  /** Lowest and mean probability of the whole text's top intent with one word left out. */
  minKept: number;
  meanKept: number;
  /** Share of left-out words after which the top intent stays on top. */
  agree: number;
}

function raw(model: IntentModel, text: string): Raw {
  const { ranking, scopeScore } = model.scope!(text);
  const pred = ranking[0]!.name;
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length < 2) return { pred, scope: scopeScore, minKept: ranking[0]!.confidence, meanKept: ranking[0]!.confidence, agree: 1 };
  let minKept = Infinity;
  let sum = 0;
  let agree = 0;
  for (let i = 0; i < words.length; i++) {
    const r = model.rank([...words.slice(0, i), ...words.slice(i + 1)].join(' '));
    const p = r.find((x) => x.name === pred)?.confidence ?? 0;
    minKept = Math.min(minKept, p);
    sum += p;
    if (r[0]!.name === pred) agree++;
  }
  return { pred, scope: scopeScore, minKept, meanKept: sum / words.length, agree: agree / words.length };
}

const CANDIDATES: Record<string, (r: Raw) => number> = {
  'shipped score': (r) => r.scope,
  'min p(top) one word out': (r) => r.minKept,
  'mean p(top) one word out': (r) => r.meanKept,
  'share of words whose removal keeps the top': (r) => r.agree,
  'shipped · min^0.25': (r) => r.scope * r.minKept ** 0.25,
  'shipped · min^0.5': (r) => r.scope * r.minKept ** 0.5,
  'shipped · min': (r) => r.scope * r.minKept,
  'shipped · mean^0.5': (r) => r.scope * r.meanKept ** 0.5,
  'shipped · mean': (r) => r.scope * r.meanKept,
  'shipped · share kept': (r) => r.scope * r.agree,
};

function evaluate(train: LabelledExample[], inScope: LabelledExample[], oosVal: string[], heldOut?: string[]): OosMeasure {
  const model = trainModel(train, { seed: 1 });
  const rin = inScope.map((e) => raw(model, e.text));
  const rout = oosVal.map((t) => raw(model, t));
  const rheld = heldOut?.map((t) => raw(model, t));
  const correct = rin.map((r, i) => r.pred === inScope[i]!.intent);
  return { rows: Object.fromEntries(Object.entries(CANDIDATES).map(([name, f]) => [name, oosRow(rin.map(f), correct, rout.map(f), OOS_RECALL_FLOOR, rheld?.map(f))])) };
}

runOosExperiment({ results: 'oos-stability.json', evaluate });
