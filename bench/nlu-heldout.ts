/**
 * The shipped intents/ model on test/data/heldout-messages.csv (realistic messages not in
 * intents/): category and intent accuracy per mode, TF-IDF only (the previous model) as the
 * baseline, trained in the same run.
 *
 *   npx tsx bench/nlu-heldout.ts [--intents DIR] [--modes tfidf,default,use-lite]
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseCsvRows } from '../src/nlu/dataset-file';
import { categoryMap, loadIntents, toExamples } from '../src/nlu/intents';
import type { IntentModel } from '../src/nlu/model';
import { trainForMode } from '../src/nlu/train-mode';
import { benchSentenceCache } from './lib/sentence';

const ROOT = path.resolve(__dirname, '..');

function opt(name: string, def: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? String(process.argv[i + 1]) : def;
}

async function main(): Promise<void> {
  const dir = path.resolve(opt('--intents', path.join(ROOT, 'intents')));
  const modes = opt('--modes', 'tfidf,default,use-lite').split(',');
  const defs = loadIntents(dir);
  const examples = toExamples(defs);
  const categories = categoryMap(defs);
  const rows = parseCsvRows(fs.readFileSync(path.join(ROOT, 'test', 'data', 'heldout-messages.csv'), 'utf8')).slice(1);
  const out: Record<string, unknown> = {};
  process.stdout.write(`intents: ${dir} (${defs.length} intents, ${examples.length} examples); ${rows.length} held-out messages\n| mode | category acc | intent acc |\n|---|---|---|\n`);
  for (const mode of modes) {
    const sentences = mode === 'use-lite' ? await benchSentenceCache() : undefined;
    const model: IntentModel = await trainForMode(examples, { categories, seed: 1, ...(mode === 'tfidf' ? { wordVectors: false } : {}), ...(sentences ? { sentences } : {}) });
    await model.prepare?.(rows.map((r) => r[0]!));
    let cat = 0;
    let intent = 0;
    for (const [text, category, want] of rows) {
      const top = model.rank(text!)[0]!;
      if (categories[top.name] === category) cat++;
      if (top.name === want) intent++;
    }
    out[mode] = { categoryAccuracy: cat / rows.length, intentAccuracy: intent / rows.length, messages: rows.length };
    process.stdout.write(`| ${mode} | ${((100 * cat) / rows.length).toFixed(1)} (${cat}/${rows.length}) | ${((100 * intent) / rows.length).toFixed(1)} (${intent}/${rows.length}) |\n`);
  }
  const file = path.join(__dirname, 'results', 'nlu-heldout.json');
  fs.writeFileSync(file, JSON.stringify({ intentsDir: path.relative(ROOT, dir) || '.', examples: examples.length, results: out }, null, 2) + '\n');
  process.stdout.write(`results in ${file}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
