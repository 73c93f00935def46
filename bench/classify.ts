/**
 * Where classifying one text spends its time, on BANKING77 (model trained on train, texts from
 * test; accuracy is not measured here). In the same run: turning a text's tokens into vocabulary
 * ids the way `FeatureSpace` does it (`tokenIds`: character n-grams hashed straight from the text)
 * against the baseline that builds every `c:`-prefixed n-gram string and looks it up in a Map, with
 * a check that both give the same ids; then the whole `scope()` call (features, logits, ranking).
 *
 *   npm run bench:classify [-- --rounds N]     writes bench/results/classify.json
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FeatureSpace, type FeatureSpaceJSON } from '../src/nlu/features';
import { trainModel } from '../src/nlu/model';
import { tokens, type Tokens } from '../src/nlu/tokenize';
import { loadBanking77 } from './lib/datasets';
import { roundsOption } from './lib/rounds';
import { median, quantile } from './lib/stats';


/** Mean ms per text of `f` over `texts`. */
function perText(texts: string[], f: (t: string) => unknown): number {
  const t = process.hrtime.bigint();
  for (const x of texts) f(x);
  return Number(process.hrtime.bigint() - t) / 1e6 / texts.length;
}

function main(): void {
  const rounds = roundsOption(process.argv.slice(2), 'npm run bench:classify [-- --rounds N]   (default 7 alternating rounds)', 7);
  if (rounds === undefined) return;
  const d = loadBanking77();
  const model = trainModel(d.train, { seed: 1 });
  const space = FeatureSpace.fromJSON((model.toJSON() as { features: FeatureSpaceJSON }).features);
  const texts = d.test.map((e) => e.text);

  // the baseline: every token as a string, looked up in a Map of the vocabulary
  const index = new Map(space.vocabulary.map((t, id) => [t, id]));
  const blocks = space.blockNames as (keyof Tokens)[];
  const viaStrings = (text: string): Int32Array[] => {
    const t = tokens(text, space.options);
    return blocks.map((b) => Int32Array.from(t[b], (tok) => index.get(tok) ?? -1));
  };
  const same = texts.every((t) => {
    const a = viaStrings(t);
    const b = space.tokenIds(t);
    return a.every((ids, k) => ids.length === b[k]!.length && ids.every((id, j) => id === b[k]![j]));
  });

  const base: number[] = [];
  const ours: number[] = [];
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      base.push(perText(texts, viaStrings));
      ours.push(perText(texts, (t) => space.tokenIds(t)));
    } else {
      ours.push(perText(texts, (t) => space.tokenIds(t)));
      base.push(perText(texts, viaStrings));
    }
  }
  for (const t of texts.slice(0, 300)) model.scope!(t);
  const whole: number[] = [];
  for (const t of texts) {
    const s = process.hrtime.bigint();
    model.scope!(t);
    whole.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  const ratio = median(ours) / median(base);
  const lines = [
    '| step | median ms per text | all rounds (ms per text) |',
    '|---|---|---|',
    `| token ids, baseline: n-gram strings + Map | ${median(base).toFixed(4)} | ${base.map((x) => x.toFixed(4)).join(', ')} |`,
    `| token ids, FeatureSpace.tokenIds (hashed from the text) | ${median(ours).toFixed(4)} | ${ours.map((x) => x.toFixed(4)).join(', ')} |`,
    `| whole scope() call, each test text once | p50 ${quantile(whole, 0.5).toFixed(3)}, p99 ${quantile(whole, 0.99).toFixed(3)} | |`,
    '',
    `tokenIds / baseline: ${ratio.toFixed(2)}; identical ids on ${texts.length} texts: ${same ? 'yes' : 'NO'}`,
  ];
  const cpus = os.cpus();
  const result = {
    machine: { cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length, node: process.version, date: new Date().toISOString() },
    texts: texts.length,
    rounds,
    tokenIds: { baselineMs: base, oursMs: ours, ratio, identical: same },
    scope: { p50Ms: quantile(whole, 0.5), p99Ms: quantile(whole, 0.99) },
  };
  const out = path.join(__dirname, 'results', 'classify.json');
  fs.writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  process.stdout.write(lines.join('\n') + `\nmachine: ${result.machine.cpu} x${result.machine.cores}, node ${process.version}; results in ${out}\n`);
  if (!same) process.exitCode = 1;
}

main();
