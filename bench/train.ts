/**
 * Training speed of the intent model on BANKING77's 10,003 training texts, by vocabulary order:
 * `frequency` (the default) against `alphabetical` (the order before), measured in the same run,
 * alternating (A B, then B A, …) so drift on a shared machine hits both. Also checks that both
 * orders give the very same predictions (on training texts; the test split is not used here).
 *
 *   npm run bench:train [-- --rounds N]     writes bench/results/train.json
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_FEATURES, trainModel, type IntentModel } from '../src/nlu/model';
import type { FeatureOptions } from '../src/nlu/features';
import { loadBanking77 } from './lib/datasets';
import { roundsOption } from './lib/rounds';
import { median } from './lib/stats';

type Order = NonNullable<FeatureOptions['vocabularyOrder']>;
const ORDERS: Order[] = ['alphabetical', 'frequency'];

function timedTrain(order: Order, train: ReturnType<typeof loadBanking77>['train']): { wall: number; cpu: number; model: IntentModel } {
  const cpu = process.cpuUsage();
  const t = process.hrtime.bigint();
  const model = trainModel(train, { seed: 1, features: { ...DEFAULT_FEATURES, vocabularyOrder: order } });
  const used = process.cpuUsage(cpu);
  return { wall: Number(process.hrtime.bigint() - t) / 1e9, cpu: (used.user + used.system) / 1e6, model };
}

function main(): void {
  const rounds = roundsOption(process.argv.slice(2), 'npm run bench:train [-- --rounds N]   (default 4 rounds of both orders, about 20 s each)', 4);
  if (rounds === undefined) return;
  const { train } = loadBanking77();
  const probe = train.slice(0, 1000).map((e) => e.text);
  const times: Record<Order, { wall: number[]; cpu: number[] }> = { alphabetical: { wall: [], cpu: [] }, frequency: { wall: [], cpu: [] } };
  let identical = true;
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? ORDERS : [...ORDERS].reverse();
    const models: Partial<Record<Order, IntentModel>> = {};
    for (const o of order) {
      const { wall, cpu, model } = timedTrain(o, train);
      times[o].wall.push(wall);
      times[o].cpu.push(cpu);
      models[o] = model;
      process.stderr.write(`round ${r + 1}/${rounds} ${o}: ${wall.toFixed(2)} s (cpu ${cpu.toFixed(2)} s)\n`);
    }
    if (r === 0) {
      const show = (m: IntentModel) => probe.map((t) => JSON.stringify(m.rank(t).slice(0, 5))).join('\n');
      identical = show(models.alphabetical!) === show(models.frequency!);
    }
  }
  const rows = ORDERS.map((o) => ({ order: o, medianWall: median(times[o].wall), medianCpu: median(times[o].cpu), wall: times[o].wall, cpu: times[o].cpu }));
  const [base, ours] = rows as [(typeof rows)[0], (typeof rows)[0]];
  const lines = [
    '| vocabulary order | median wall s | median CPU s | all runs (wall s) |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.order}${r.order === 'frequency' ? ' (default)' : ''} | ${r.medianWall.toFixed(2)} | ${r.medianCpu.toFixed(2)} | ${r.wall.map((w) => w.toFixed(1)).join(', ')} |`),
    '',
    `frequency / alphabetical: wall ${(ours.medianWall / base.medianWall).toFixed(2)}, CPU ${(ours.medianCpu / base.medianCpu).toFixed(2)}; identical top-5 rankings on ${probe.length} texts: ${identical ? 'yes' : 'NO'}`,
  ];
  const cpus = os.cpus();
  const result = {
    machine: { cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length, node: process.version, date: new Date().toISOString() },
    data: { set: 'banking77 train', examples: train.length },
    rounds,
    results: rows,
    ratio: { wall: ours.medianWall / base.medianWall, cpu: ours.medianCpu / base.medianCpu },
    identicalPredictions: identical,
  };
  const out = path.join(__dirname, 'results', 'train.json');
  fs.writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  process.stdout.write(lines.join('\n') + `\nmachine: ${result.machine.cpu} x${result.machine.cores}, node ${process.version}; results in ${out}\n`);
  if (!identical) process.exitCode = 1;
}

main();
