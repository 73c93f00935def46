/**
 * Typos against the shipped model (issue 12): test/data/heldout-messages.csv (never trained on)
 * clean, and with 1 and 2 seeded typos per message (bench/lib/typos.ts: swap, drop, double a
 * letter), classified as typed and after spelling correction against the training vocabulary
 * (src/nlu/spelling.ts), in the same run. Category and intent accuracy of the top intent, and
 * "answered right": the right intent and not low confidence at the configured threshold.
 *
 *   npx tsx bench/nlu-typos.ts [--seeds 5]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { parseCsvRows } from '../src/nlu/dataset-file';
import { loadIntents } from '../src/nlu/intents';
import { loadOrTrainModel } from '../src/nlu/model-cache';
import { createParser } from '../src/nlu/parser';
import { createSpellCorrector } from '../src/nlu/spelling';
import { loadGloveTable } from '../src/nlu/word-vectors';
import { createRandom } from '../src/nlu/random';
import { addTypos } from './lib/typos';

const ROOT = path.resolve(__dirname, '..');
const opt = (name: string, def: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? String(process.argv[i + 1]) : def;
};

async function main(): Promise<void> {
  const loadStart = os.loadavg();
  const seeds = Number(opt('--seeds', '5'));
  const config = loadConfig({} as NodeJS.ProcessEnv);
  const defs = loadIntents(path.join(ROOT, 'intents'));
  const categories = Object.fromEntries(defs.map((d) => [d.name, d.category]));
  const { model } = await loadOrTrainModel({ intentsDir: path.join(ROOT, 'intents'), dataDir: path.join(ROOT, 'test-output', 'model-cache') });
  const glove = loadGloveTable();
  const speller = createSpellCorrector({ texts: defs.flatMap((d) => d.examples), known: (w) => glove.row(w) >= 0 });
  const plain = createParser({ model, threshold: config.confidenceThreshold, scopeThreshold: config.scopeThreshold });
  const corrected = createParser({ model, threshold: config.confidenceThreshold, scopeThreshold: config.scopeThreshold, correct: speller.correct });
  const rows = parseCsvRows(fs.readFileSync(path.join(ROOT, 'test', 'data', 'heldout-messages.csv'), 'utf8')).slice(1) as string[][];
  const table: Array<Record<string, number | string>> = [];
  for (const typos of [0, 1, 2]) {
    for (const [name, parser] of [['as typed', plain], ['corrected', corrected]] as const) {
      let cat = 0;
      let intent = 0;
      let answered = 0;
      let n = 0;
      for (let s = 0; s < (typos === 0 ? 1 : seeds); s++) {
        const rand = createRandom(1000 * typos + s + 1);
        for (const [text, category, want] of rows) {
          const typed = addTypos(text!, typos, rand);
          const r = parser.parse(typed);
          n++;
          if (categories[r.intent.name] === category) cat++;
          if (r.intent.name === want) intent++;
          if (r.intent.name === want && !r.lowConfidence) answered++;
        }
      }
      table.push({ typos, reading: name, messages: n, category: +(cat / n).toFixed(4), intent: +(intent / n).toFixed(4), answeredRight: +(answered / n).toFixed(4) });
    }
  }
  const loadEnd = os.loadavg();
  process.stdout.write(`${rows.length} held-out messages; typo'd versions: ${seeds} seeds each; speller vocabulary ${speller.size} words\n`);
  process.stdout.write('| typos/message | reading | messages | category acc | intent acc | answered right |\n|---|---|---|---|---|---|\n');
  for (const t of table) process.stdout.write(`| ${t.typos} | ${t.reading} | ${t.messages} | ${t.category} | ${t.intent} | ${t.answeredRight} |\n`);
  process.stdout.write(`loadavg start ${loadStart.map((x) => x.toFixed(2)).join(' ')}, end ${loadEnd.map((x) => x.toFixed(2)).join(' ')}\n`);
  fs.mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'bench', 'results', 'nlu-typos.json'), JSON.stringify({ at: new Date().toISOString(), seeds, rows: table, loadavg: { start: loadStart, end: loadEnd } }, null, 2));
}

void main();
