/**
 * Chooses the word-vector block's scale and frequency weighting on validation data only (never
 * test): BANKING77 with a seeded, stratified tenth of its train split held out, and CLINC150 train →
 * val, with the out-of-scope threshold rule of bench:nlu on val + oos_val.
 *
 * With `--sentence 0.5,1,2`, the same for accurate mode's sentence-embedding block scale (word
 * vectors at the default), from the benchmark's embedding cache (`npx tsx bench/nlu-embed.ts`).
 *
 *   npx tsx bench/nlu-vectors.ts [--scales 0,0.3,0.5,0.8] [--half 100,300,1000] [--data b77,clinc] [--out FILE]
 *   npx tsx bench/nlu-vectors.ts --sentence 0.5,1,2 [--data b77,clinc] [--out FILE]
 */
import fs from 'node:fs';
import path from 'node:path';
import type { IntentModel } from '../src/nlu/model';
import { trainForMode, type ModeTrainOptions } from '../src/nlu/train-mode';
import { createRandom, shuffleInPlace } from '../src/nlu/random';
import type { LabelledExample } from '../src/nlu/types';
import { loadBanking77, loadClinc150 } from './lib/datasets';
import type { Ranked } from './lib/peers';
import { benchSentenceCache } from './lib/sentence';
import { chooseThreshold } from './lib/threshold';

function opt(name: string, def: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? String(process.argv[i + 1]) : def;
}

/** A seeded, stratified split: `share` of each intent's examples held out. */
export function stratifiedSplit(ex: LabelledExample[], share: number, seed: number): { train: LabelledExample[]; val: LabelledExample[] } {
  const by = new Map<string, LabelledExample[]>();
  for (const e of ex) by.set(e.intent, [...(by.get(e.intent) ?? []), e]);
  const random = createRandom(seed);
  const train: LabelledExample[] = [];
  const val: LabelledExample[] = [];
  for (const intent of [...by.keys()].sort()) {
    const list = shuffleInPlace([...by.get(intent)!], random);
    const k = Math.round(list.length * share);
    val.push(...list.slice(0, k));
    train.push(...list.slice(k));
  }
  return { train, val };
}

async function predict(model: IntentModel, ex: LabelledExample[]): Promise<Ranked[]> {
  await model.prepare?.(ex.map((e) => e.text));
  return ex.map((e) => {
    const { ranking, scopeScore } = model.scope!(e.text);
    return { name: ranking[0]!.name, confidence: ranking[0]!.confidence, scopeScore };
  });
}

async function main(): Promise<void> {
  const scales = opt('--scales', '0,0.3,0.5,0.8').split(',').map(Number);
  const halves = opt('--half', '100,300,1000').split(',').map(Number);
  const sentence = process.argv.includes('--sentence') ? opt('--sentence', '1').split(',').map(Number) : undefined;
  const data = opt('--data', 'b77,clinc').split(',');
  const configs: { name: string; opts: ModeTrainOptions }[] = [];
  if (sentence) {
    const sentences = await benchSentenceCache();
    for (const s of sentence) configs.push({ name: `sentence scale ${s}`, opts: { sentences, sentenceScale: s } });
  } else {
    for (const scale of scales) {
      if (scale === 0) configs.push({ name: 'tfidf only', opts: { wordVectors: false } });
      else for (const halfAt of halves) configs.push({ name: `scale ${scale} half ${halfAt}`, opts: { wordVectors: { scale, halfAt } } });
    }
  }
  const b77 = data.includes('b77') ? stratifiedSplit(shuffleInPlace(loadBanking77().train, createRandom(1)), 0.1, 1) : undefined;
  const clinc = data.includes('clinc') ? loadClinc150() : undefined;
  const rows: Record<string, unknown>[] = [];
  process.stdout.write('| config | B77 val acc | B77 train s | CLINC val acc | CLINC val in-scope / oos_val recall (thr) |\n|---|---|---|---|---|\n');
  for (const c of configs) {
    const { sentences: _cache, ...shown } = c.opts;
    const row: Record<string, unknown> = { config: c.name, ...shown };
    if (b77) {
      const t = Date.now();
      const m = await trainForMode(b77.train, { seed: 1, ...c.opts });
      row.b77TrainS = (Date.now() - t) / 1000;
      const p = await predict(m, b77.val);
      row.b77ValAcc = p.filter((x, i) => x.name === b77.val[i]!.intent).length / p.length;
    }
    if (clinc) {
      const train = shuffleInPlace([...clinc.train], createRandom(1));
      const m = await trainForMode(train, { seed: 1, ...c.opts });
      const v = await predict(m, clinc.val);
      const o = await predict(m, clinc.oosVal);
      row.clincValAcc = v.filter((x, i) => x.name === clinc.val[i]!.intent).length / v.length;
      Object.assign(row, chooseThreshold(clinc.val, v, o));
    }
    rows.push(row);
    const f = (x: unknown) => (typeof x === 'number' ? (x * 100).toFixed(2) : '-');
    process.stdout.write(`| ${c.name} | ${f(row.b77ValAcc)} | ${typeof row.b77TrainS === 'number' ? row.b77TrainS.toFixed(1) : '-'} | ${f(row.clincValAcc)} | ${f(row.valInScopeAccuracy)} / ${f(row.valOosRecall)} (${typeof row.threshold === 'number' ? row.threshold.toFixed(3) : '-'}) |\n`);
  }
  const out = opt('--out', path.join(__dirname, 'results', 'nlu-vectors.json'));
  fs.writeFileSync(out, JSON.stringify({ note: 'validation data only: B77 train with a stratified 10 % held out (seed 1); CLINC150 train → val + oos_val', rows }, null, 2) + '\n');
  process.stdout.write(`results in ${out}\n`);
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  });
}
