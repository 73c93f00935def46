/**
 * Chooses the default NLU_SCOPE_THRESHOLD from this project's own data (intents/), never from a
 * benchmark's test set, with the rule written in docs/training.md ("Out-of-scope messages").
 *
 * Every example is scored by a model that did not see it (5-fold cross-validation, folds dealt
 * round-robin per intent). The threshold only matters where the model would otherwise take a
 * message as understood (top intent not `out_of_scope`, confidence at least the default
 * NLU_CONFIDENCE_THRESHOLD 0.5): such a message scoring below it is treated as not understood
 * (a clarification instead of an answer). The rule: the largest t in 0.00, 0.01, …, 0.50 that sets
 * aside at most 0.5% (1 in 200) of the held-out in-scope examples the model takes as understood.
 * What it catches is shown beside it: the held-out out_of_scope examples the class missed that
 * fall below t. (On the shipped intents the out_of_scope class already catches most off-topic
 * text; the threshold is the guard for text the model has almost no evidence about.)
 *
 * It also prints, for information only (nothing is chosen on them), the scores of the lines in
 * scripts/data/scope-probe-lines.txt under the full model.
 *
 *   nice npx tsx scripts/scope-threshold.ts        (5 trainings; about a minute on 2 cores)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { categoryMap, loadIntents, toExamples } from '../src/nlu/intents';
import { trainModel } from '../src/nlu/model';
import type { LabelledExample } from '../src/nlu/types';
import { OUT_OF_SCOPE } from '../src/nlu/parser';

const FOLDS = 5;
const root = path.resolve(__dirname, '..');

const defs = loadIntents(path.join(root, 'intents'));
const examples = toExamples(defs);
const categories = categoryMap(defs);

// Stratified folds: every intent's examples dealt round-robin, in file order (deterministic).
const seen = new Map<string, number>();
const fold = examples.map((e) => {
  const n = seen.get(e.intent) ?? 0;
  seen.set(e.intent, n + 1);
  return n % FOLDS;
});

const CONFIDENCE = 0.5;
/** Held-out scores of the examples the model would take as understood, by kind. */
const inScope: number[] = [];
const oosAccepted: number[] = [];
let inScopeTotal = 0;
let oosTotal = 0;
for (let k = 0; k < FOLDS; k++) {
  const train: LabelledExample[] = examples.filter((_, i) => fold[i] !== k);
  const model = trainModel(train, { categories, seed: 1 });
  examples.forEach((e, i) => {
    if (fold[i] !== k) return;
    const { ranking, scopeScore } = model.scope!(e.text);
    const top = ranking[0]!;
    const accepted = top.name !== OUT_OF_SCOPE && top.confidence >= CONFIDENCE;
    if (e.intent === OUT_OF_SCOPE) {
      oosTotal++;
      if (accepted) oosAccepted.push(scopeScore);
    } else {
      inScopeTotal++;
      if (accepted) inScope.push(scopeScore);
    }
  });
  process.stderr.write(`fold ${k + 1}/${FOLDS} done\n`);
}

const below = (xs: number[], t: number) => xs.filter((x) => x < t).length;
const BUDGET = 0.005;
let threshold = 0;
for (let c = 0; c <= 50; c++) {
  if (below(inScope, c / 100) > BUDGET * inScope.length) break;
  threshold = c / 100;
}
console.log(`held-out in-scope examples: ${inScopeTotal} (${inScope.length} taken as understood); out_of_scope: ${oosTotal} (${oosAccepted.length} taken as understood)`);
console.log(`chosen threshold: ${threshold}`);
console.log(`  in-scope set aside by it: ${below(inScope, threshold)} of ${inScopeTotal}; out_of_scope caught by it: ${below(oosAccepted, threshold)} of the ${oosAccepted.length} the class missed`);
for (const t of [0.02, 0.05, 0.1, 0.15, 0.2]) console.log(`  at ${t}: cost ${below(inScope, t)}, gain ${below(oosAccepted, t)}`);

const full = trainModel(examples, { categories, seed: 1 });
const probe = readFileSync(path.join(root, 'scripts/data/scope-probe-lines.txt'), 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => l.split('\t')[1]!);
const probeScores = probe.map((text) => ({ text, score: full.scope!(text).scopeScore }));

console.log(`project probe lines below it (full model): ${probeScores.filter((p) => p.score < threshold).length} of ${probeScores.length}`);
for (const p of probeScores) console.log(`  ${p.score.toFixed(3)} ${p.score < threshold ? 'below' : 'above'}  ${p.text}`);
