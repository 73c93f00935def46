/**
 * Few-shot settings chosen on validation data only: k examples per intent drawn (seeds 1..draws)
 * from BANKING77 train minus a stratified tenth (seed 1), accuracy on that tenth. Never test.
 *
 * A config with `"accurate": true` trains in accurate mode from the benchmark's embedding cache
 * (`npx tsx bench/nlu-embed.ts`), with its `sentenceScale`.
 *
 *   npx tsx bench/nlu-fewshot-tune.ts [--shots 10,30] [--draws 3] [--configs JSON]
 */
import { trainForMode, type ModeTrainOptions } from '../src/nlu/train-mode';
import { createRandom, shuffleInPlace } from '../src/nlu/random';
import { loadBanking77 } from './lib/datasets';
import { meanStd, sampleFewShot } from './lib/few-shot';
import { benchSentenceCache } from './lib/sentence';
import { stratifiedSplit } from './nlu-vectors';

function opt(name: string, def: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? String(process.argv[i + 1]) : def;
}

const shots = opt('--shots', '10,30').split(',').map(Number);
const draws = Number(opt('--draws', '3'));
const configs = JSON.parse(opt('--configs', '{"default":{}}')) as Record<string, ModeTrainOptions & { accurate?: boolean }>;
const { train, val } = stratifiedSplit(shuffleInPlace(loadBanking77().train, createRandom(1)), 0.1, 1);
process.stdout.write(`| config | ${shots.map((k) => `${k}/intent val acc (mean ± std)`).join(' | ')} | cpu s per training |\n|---|${shots.map(() => '---|').join('')}---|\n`);
async function main(): Promise<void> {
for (const [name, { accurate, ...o }] of Object.entries(configs)) {
  const sentences = accurate ? await benchSentenceCache() : undefined;
  const cells: string[] = [];
  let cpu = 0;
  let n = 0;
  for (const k of shots) {
    const accs: number[] = [];
    for (let seed = 1; seed <= draws; seed++) {
      const ex = sampleFewShot(train, k, seed);
      const c0 = process.cpuUsage();
      const m = await trainForMode(ex, { seed: 1, ...o, ...(sentences ? { sentences } : {}) });
      const c = process.cpuUsage(c0);
      await m.prepare?.(val.map((e) => e.text));
      cpu += (c.user + c.system) / 1e6;
      n++;
      accs.push(val.filter((e) => m.rank(e.text)[0]!.name === e.intent).length / val.length);
    }
    const { mean, std } = meanStd(accs);
    cells.push(`${(mean * 100).toFixed(2)} ± ${(std * 100).toFixed(2)}`);
  }
  process.stdout.write(`| ${name} | ${cells.join(' | ')} | ${(cpu / n).toFixed(1)} |\n`);
}
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
