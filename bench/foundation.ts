/**
 * The figures the foundation issue asks for, each beside a baseline measured in the same run:
 *  - held-out category (and intent) accuracy on test/data/heldout-messages.csv: our model vs
 *    natural's BayesClassifier, both trained on intents/;
 *  - start-up model time: training from intents/ in a fresh data dir vs loading the saved model;
 *  - the widget bundle's gzipped size vs its 30 KB budget.
 *
 *   npm run bench:foundation            prints a table, writes bench/results/foundation.json
 *   npm run bench:foundation -- --out F writes the JSON elsewhere
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseCsvRows } from '../src/nlu/dataset-file';
import { categoryMap, loadIntents, toExamples } from '../src/nlu/intents';
import { loadOrTrainModel } from '../src/nlu/model-cache';
import { naturalBayes, ours, type BenchClassifier } from './lib/peers';

const ROOT = path.resolve(__dirname, '..');
const WIDGET_BUDGET_BYTES = 30 * 1024;

function parseArgs(argv: string[]): { out: string } {
  let out = path.join(ROOT, 'bench', 'results', 'foundation.json');
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') out = path.resolve(String(argv[++i]));
    else if (argv[i] === '--help') {
      process.stdout.write('npm run bench:foundation [-- --out FILE]\n');
      process.exit(0);
    } else throw new Error(`unknown option ${argv[i]}`);
  }
  return { out };
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

async function heldOut(clf: BenchClassifier, categories: Record<string, string>) {
  const rows = parseCsvRows(fs.readFileSync(path.join(ROOT, 'test', 'data', 'heldout-messages.csv'), 'utf8')).slice(1);
  const defs = loadIntents(path.join(ROOT, 'intents'));
  const t = process.hrtime.bigint();
  await clf.train(toExamples(defs));
  const trainSeconds = seconds(t);
  let cat = 0;
  let intent = 0;
  for (const [text, category, name] of rows) {
    const top = await clf.classify(text!);
    if ((categories[top.name] ?? top.name) === category) cat++;
    if (top.name === name) intent++;
  }
  return { classifier: clf.name, messages: rows.length, categoryAccuracy: cat / rows.length, intentAccuracy: intent / rows.length, trainSeconds };
}

async function startup() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-startup-'));
  try {
    let t = process.hrtime.bigint();
    const first = await loadOrTrainModel({ intentsDir: path.join(ROOT, 'intents'), dataDir });
    const trainSeconds = seconds(t);
    t = process.hrtime.bigint();
    const second = await loadOrTrainModel({ intentsDir: path.join(ROOT, 'intents'), dataDir });
    const loadSeconds = seconds(t);
    if (first.fromCache || !second.fromCache) throw new Error('expected a training run, then a cache hit');
    return { examples: first.model.meta.examples, trainSeconds, loadSeconds };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function widget() {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-web.mjs')], { stdio: 'inherit' });
  const code = fs.readFileSync(path.join(ROOT, 'dist', 'web', 'widget.js'));
  const gzipBytes = gzipSync(code, { level: 9 }).length;
  return { rawBytes: code.length, gzipBytes, budgetBytes: WIDGET_BUDGET_BYTES, shareOfBudget: gzipBytes / WIDGET_BUDGET_BYTES };
}

async function main() {
  const { out } = parseArgs(process.argv.slice(2));
  const categories = categoryMap(loadIntents(path.join(ROOT, 'intents')));
  const accuracy = [await heldOut(ours(1), categories), await heldOut(naturalBayes(), categories)];
  const start = await startup();
  const size = widget();
  const [mine, bayes] = accuracy as [(typeof accuracy)[0], (typeof accuracy)[0]];

  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const rows: string[][] = [
    ['measure', 'ours', 'baseline', 'ratio', 'baseline is'],
    ['held-out category accuracy', pct(mine.categoryAccuracy), pct(bayes.categoryAccuracy), (mine.categoryAccuracy / bayes.categoryAccuracy).toFixed(2), 'natural Bayes, same data'],
    ['held-out intent accuracy', pct(mine.intentAccuracy), pct(bayes.intentAccuracy), (mine.intentAccuracy / bayes.intentAccuracy).toFixed(2), 'natural Bayes, same data'],
    ['train on intents/ (s)', mine.trainSeconds.toFixed(2), bayes.trainSeconds.toFixed(2), (mine.trainSeconds / bayes.trainSeconds).toFixed(2), 'natural Bayes, same data'],
    ['start-up model (s)', start.trainSeconds.toFixed(2), start.loadSeconds.toFixed(3), (start.trainSeconds / start.loadSeconds).toFixed(1), 'loading the saved model'],
    ['widget.js gzipped (KB)', (size.gzipBytes / 1024).toFixed(1), (size.budgetBytes / 1024).toFixed(1), size.shareOfBudget.toFixed(2), 'the 30 KB budget'],
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows) process.stdout.write(r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ') + '\n');
  process.stdout.write(`\nheld-out messages: ${mine.messages}; intents/ examples: ${start.examples}\n`);

  const machine = { cpu: os.cpus()[0]?.model, cores: os.cpus().length, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), machine, heldOut: accuracy, startup: start, widget: size }, null, 2) + '\n');
  process.stdout.write(`wrote ${path.relative(process.cwd(), out)}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
