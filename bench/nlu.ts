/**
 * NLU benchmark: our intent model against natural's BayesClassifier and node-nlp's NlpManager,
 * trained and measured in the same run on BANKING77 (train → test) and CLINC150 (train → test,
 * out-of-scope threshold chosen on val + oos_val only).
 *
 * Few-shot: BANKING77 with k examples per intent (seeded draws, `bench/lib/few-shot.ts`), test
 * as usual, mean and standard deviation over the draws.
 *
 *   npx tsx bench/nlu.ts                      full run (tens of minutes), writes bench/results/nlu.json
 *   npx tsx bench/nlu.ts --quick              5 intents per data set, seconds
 *   npx tsx bench/nlu.ts --intents 10 --out /tmp/nlu.json --peers ours,bayes
 *   npx tsx bench/nlu.ts --only fewshot --shots 10,30 --draws 5
 * Peers: ours (default mode), ours-tfidf (the previous model), ours-accurate (needs the optional
 * @energetic-ai packages; run `npx tsx bench/nlu-embed.ts` first to cache embeddings), bayes, nodenlp.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { evaluate, expectedCalibrationError } from '../src/nlu/evaluate';
import { createRandom, shuffleInPlace } from '../src/nlu/random';
import type { LabelledExample } from '../src/nlu/types';
import { loadBanking77, loadClinc150 } from './lib/datasets';
import { meanStd, sampleFewShot } from './lib/few-shot';
import { naturalBayes, nodeNlp, ours, oursAccurate, type BenchClassifier, type Latencies, type Ranked } from './lib/peers';
import { chooseThreshold, OOS_RECALL_FLOOR, scopeOf } from './lib/threshold';

interface Args {
  intents?: number;
  out: string;
  peers: string[];
  seed: number;
  only: string[];
  shots: number[];
  draws: number;
  /** Texts whose classify latency `timeClassify` measures (accurate mode). */
  latency: number;
}

function parse(argv: string[]): Args {
  const a: Args = {
    out: path.join(__dirname, 'results', 'nlu.json'),
    peers: ['ours', 'ours-tfidf', 'ours-accurate', 'bayes', 'nodenlp'],
    seed: 1,
    only: ['b77', 'clinc', 'fewshot'],
    shots: [10, 30],
    draws: 5,
    latency: 300,
  };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--quick') a.intents = 5;
    else if (k === '--intents') a.intents = Number(argv[++i]);
    else if (k === '--out') a.out = String(argv[++i]);
    else if (k === '--peers') a.peers = String(argv[++i]).split(',');
    else if (k === '--seed') a.seed = Number(argv[++i]);
    else if (k === '--only') a.only = String(argv[++i]).split(',');
    else if (k === '--shots') a.shots = String(argv[++i]).split(',').map(Number);
    else if (k === '--draws') a.draws = Number(argv[++i]);
    else if (k === '--latency') a.latency = Number(argv[++i]);
    else if (k === '--help') {
      process.stdout.write(
        'npx tsx bench/nlu.ts [--quick | --intents N] [--out FILE] [--peers ours,ours-tfidf,ours-accurate,bayes,nodenlp] [--seed N] [--only b77,clinc,fewshot] [--shots 10,30] [--draws 5] [--latency 300]\n',
      );
      process.exit(0);
    } else throw new Error(`unknown option ${k}`);
  }
  return a;
}

function makeClassifiers(args: Args): BenchClassifier[] {
  const all: Record<string, () => BenchClassifier> = {
    ours: () => ours(args.seed),
    'ours-tfidf': () => ours(args.seed, { wordVectors: false }),
    'ours-accurate': () => oursAccurate(args.seed),
    bayes: naturalBayes,
    nodenlp: nodeNlp,
  };
  return args.peers.map((p) => {
    const f = all[p];
    if (!f) throw new Error(`unknown peer ${p}`);
    return f();
  });
}

function keepIntents(ex: LabelledExample[], keep: Set<string> | undefined): LabelledExample[] {
  return keep ? ex.filter((e) => keep.has(e.intent)) : ex;
}

function firstIntents(ex: LabelledExample[], n: number | undefined): Set<string> | undefined {
  return n ? new Set([...new Set(ex.map((e) => e.intent))].sort().slice(0, n)) : undefined;
}

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

async function predictAll(clf: BenchClassifier, ex: LabelledExample[]): Promise<{ preds: Ranked[]; ms: Latencies }> {
  const preds: Ranked[] = [];
  const ms: Latencies = { wall: [], cpu: [] };
  for (const e of ex) {
    const cpu = process.cpuUsage();
    const t = process.hrtime.bigint();
    preds.push(await clf.classify(e.text));
    ms.wall.push(Number(process.hrtime.bigint() - t) / 1e6);
    const used = process.cpuUsage(cpu);
    ms.cpu.push((used.user + used.system) / 1e3);
  }
  return { preds, ms };
}

/** Wall-clock seconds, and this process's CPU seconds (close to the wall time of an idle machine when training is single-threaded). */
/** Untimed classifications of training texts, so latencies are those of a warmed-up process (JIT-compiled), as in a running server. */
async function warmUp(clf: BenchClassifier, train: LabelledExample[]): Promise<void> {
  for (const e of train.slice(0, WARM_UP)) await clf.classify(e.text);
}
const WARM_UP = 300;

async function timedTrain(clf: BenchClassifier, train: LabelledExample[]): Promise<{ trainSeconds: number; trainCpuSeconds: number }> {
  const cpu = process.cpuUsage();
  const t = process.hrtime.bigint();
  await clf.train(train);
  const used = process.cpuUsage(cpu);
  return { trainSeconds: Number(process.hrtime.bigint() - t) / 1e9, trainCpuSeconds: (used.user + used.system) / 1e6 };
}

/** The latencies to report: `timeClassify` on the first `args.latency` texts where the classifier has it, else those of `predictAll`. */
async function latencies(clf: BenchClassifier, ex: LabelledExample[], ms: Latencies, n: number): Promise<Latencies> {
  return clf.timeClassify ? clf.timeClassify(ex.slice(0, n).map((e) => e.text)) : ms;
}

function scores(ex: LabelledExample[], preds: Ranked[], ms: Latencies) {
  const r = evaluate(ex.map((e, i) => ({ expected: e.intent, predicted: preds[i]!.name, confidence: preds[i]!.confidence })));
  const sorted = [...ms.wall].sort((a, b) => a - b);
  const cpu = [...ms.cpu].sort((a, b) => a - b);
  return {
    accuracy: r.accuracy,
    macroF1: r.macroF1,
    ece: r.ece ?? 0,
    classifyP50Ms: quantile(sorted, 0.5),
    classifyP99Ms: quantile(sorted, 0.99),
    classifyCpuP50Ms: quantile(cpu, 0.5),
    classifyCpuP99Ms: quantile(cpu, 0.99),
  };
}

async function banking77(args: Args) {
  const d = loadBanking77();
  const keep = firstIntents(d.train, args.intents);
  const train = shuffleInPlace(keepIntents(d.train, keep), createRandom(args.seed));
  const test = keepIntents(d.test, keep);
  const results: Record<string, unknown> = {};
  for (const clf of makeClassifiers(args)) {
    const timing = await timedTrain(clf, train);
    await warmUp(clf, train);
    const { preds, ms } = await predictAll(clf, test);
    results[clf.name] = { ...timing, ...scores(test, preds, await latencies(clf, test, ms, args.latency)) };
    process.stderr.write(`banking77 ${clf.name}: done\n`);
  }
  return { train: train.length, test: test.length, intents: new Set(train.map((e) => e.intent)).size, results };
}

async function clinc150(args: Args) {
  const d = loadClinc150();
  const keep = firstIntents(d.train, args.intents);
  const train = shuffleInPlace(keepIntents(d.train, keep), createRandom(args.seed));
  const val = keepIntents(d.val, keep);
  const test = keepIntents(d.test, keep);
  const oosVal = d.oosVal;
  const oosTest = args.intents ? d.oosTest.slice(0, 200) : d.oosTest;
  const results: Record<string, unknown> = {};
  for (const clf of makeClassifiers(args)) {
    const timing = await timedTrain(clf, train);
    await warmUp(clf, train);
    const v = await predictAll(clf, val);
    const ov = await predictAll(clf, oosVal);
    const chosen = chooseThreshold(val, v.preds, ov.preds);
    const threshold = chosen.threshold;
    const t = await predictAll(clf, test);
    const ot = await predictAll(clf, oosTest);
    const base = scores(test, t.preds, await latencies(clf, test, t.ms, args.latency));
    const inScopeAccuracy = test.filter((e, i) => scopeOf(t.preds[i]!) >= threshold && t.preds[i]!.name === e.intent).length / test.length;
    const oosRecall = ot.preds.filter((p) => scopeOf(p) < threshold).length / oosTest.length;
    results[clf.name] = {
      ...timing,
      ...base,
      threshold,
      thresholdOn: t.preds[0]?.scopeScore !== undefined ? 'scopeScore' : 'confidence',
      valInScopeAccuracy: chosen.valInScopeAccuracy,
      valOosRecall: chosen.valOosRecall,
      inScopeAccuracy,
      oosRecall,
      /** ECE over the in-scope test set only; OOS has no correct intent. */
      eceInScope: expectedCalibrationError(test.map((e, i) => ({ confidence: t.preds[i]!.confidence, correct: t.preds[i]!.name === e.intent }))),
    };
    process.stderr.write(`clinc150 ${clf.name}: done\n`);
  }
  return { train: train.length, test: test.length, oosTest: oosTest.length, intents: new Set(train.map((e) => e.intent)).size, results };
}

async function fewShot(args: Args) {
  const d = loadBanking77();
  const keep = firstIntents(d.train, args.intents);
  const pool = keepIntents(d.train, keep);
  const test = keepIntents(d.test, keep);
  const results: Record<string, Record<string, { accuracies: number[]; mean: number; std: number; trainSeconds: number[] }>> = {};
  for (const k of args.shots) {
    for (let draw = 1; draw <= args.draws; draw++) {
      const train = sampleFewShot(pool, k, draw);
      for (const clf of makeClassifiers(args)) {
        const timing = await timedTrain(clf, train);
        const { preds } = await predictAll(clf, test);
        const acc = test.filter((e, i) => preds[i]!.name === e.intent).length / test.length;
        const r = ((results[clf.name] ??= {})[String(k)] ??= { accuracies: [], mean: 0, std: 0, trainSeconds: [] });
        r.accuracies.push(acc);
        r.trainSeconds.push(timing.trainSeconds);
        Object.assign(r, meanStd(r.accuracies));
      }
      process.stderr.write(`fewshot k=${k} draw ${draw}: done\n`);
    }
  }
  return { shots: args.shots, draws: args.draws, test: test.length, results };
}

const pct = (x: unknown): string => (typeof x === 'number' ? (x * 100).toFixed(1) : '-');
const num = (x: unknown, d = 2): string => (typeof x === 'number' ? x.toFixed(d) : '-');

function fewShotTable(f: Awaited<ReturnType<typeof fewShot>>): string {
  const lines = [`| classifier | ${f.shots.map((k) => `B77 ${k}-shot mean ± std (of ${f.draws})`).join(' | ')} |`, `|---|${f.shots.map(() => '---|').join('')}`];
  for (const [name, byK] of Object.entries(f.results)) {
    lines.push(`| ${name} | ${f.shots.map((k) => (byK[String(k)] ? `${pct(byK[String(k)]!.mean)} ± ${pct(byK[String(k)]!.std)}` : '-')).join(' | ')} |`);
  }
  return lines.join('\n');
}

type Section = { results: Record<string, unknown> };

function table(out: { banking77?: Section; clinc150?: Section }): string {
  const lines = [
    '| classifier | B77 acc | B77 macro-F1 | B77 ECE | B77 train s (cpu s) | B77 p50/p99 ms (cpu ms) | CLINC acc (no OOS) | CLINC in-scope / OOS recall (thr) | CLINC ECE | CLINC train s |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const name of Object.keys({ ...out.banking77?.results, ...out.clinc150?.results })) {
    const b = (out.banking77?.results[name] ?? {}) as Record<string, number>;
    const c = (out.clinc150?.results[name] ?? {}) as Record<string, number>;
    lines.push(
      `| ${name} | ${pct(b.accuracy)} | ${pct(b.macroF1)} | ${pct(b.ece)} | ${num(b.trainSeconds, 1)} (${num(b.trainCpuSeconds, 1)}) | ${num(b.classifyP50Ms, 3)} / ${num(b.classifyP99Ms, 3)} (${num(b.classifyCpuP50Ms, 3)} / ${num(b.classifyCpuP99Ms, 3)}) | ${pct(c.accuracy)} | ${pct(c.inScopeAccuracy)} / ${pct(c.oosRecall)} (${num(c.threshold, 3)}) | ${pct(c.eceInScope)} | ${num(c.trainSeconds, 1)} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  const cpus = os.cpus();
  const started = new Date();
  const loadBefore = os.loadavg();
  const b = args.only.includes('b77') ? await banking77(args) : undefined;
  const c = args.only.includes('clinc') ? await clinc150(args) : undefined;
  const f = args.only.includes('fewshot') ? await fewShot(args) : undefined;
  const result = {
    machine: { cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length, node: process.version, os: `${os.type()} ${os.release()} ${os.arch()}`, date: started.toISOString() },
    options: { intents: args.intents ?? 'all', seed: args.seed, peers: args.peers, only: args.only, shots: args.shots, draws: args.draws, latency: args.latency },
    load: { before: loadBefore, after: os.loadavg(), cpus: cpus.length },
    notes: [
      'accuracy/macroF1/ECE on the test split; CLINC accuracy is over the 150 in-scope intents without a threshold',
      `CLINC threshold: the best in-scope accuracy on val among thresholds that reject >= ${OOS_RECALL_FLOOR * 100}% of oos_val (val + oos_val only, never test; floor fixed before the test run); a rejected in-scope query counts as an error`,
      'CLINC threshold applies to thresholdOn: ours = IntentModel.scope().scopeScore (top softmax probability at 2x the calibrated temperature x vocabulary coverage of words and char n-grams), peers = their top confidence',
      'trainSeconds is wall time, trainCpuSeconds the CPU time of this process while training (other load on the machine inflates the first, not the second)',
      `latency: every classifier first classifies ${WARM_UP} training texts untimed (warm-up), then each test text is timed once; classifyP50Ms/P99Ms wall clock, classifyCpuP50Ms/P99Ms this process's CPU time for the same calls (other load inflates the first far more)`,
      'peer confidences: Bayes = share of its unnormalised scores; node-nlp = its raw top classification score',
      'accurate mode: training and accuracy read sentence embeddings from the benchmark cache (trainSeconds = training with cached embeddings); its latency is timeClassify on the first `latency` test texts: the saved model loaded with an empty cache, each text embedded then classified',
      `few-shot: k examples per intent drawn from BANKING77 train with seeds 1..draws (bench/lib/few-shot.ts), accuracy on the full test split, mean and sample std over the draws`,
    ],
    banking77: b,
    clinc150: c,
    fewShot: f,
  };
  fs.mkdirSync(path.dirname(args.out), { recursive: true });
  fs.writeFileSync(args.out, JSON.stringify(result, null, 2) + '\n');
  if (b || c) process.stdout.write(table(result) + '\n');
  if (f) process.stdout.write(fewShotTable(f) + '\n');
  process.stdout.write(`machine: ${result.machine.cpu} x${result.machine.cores}, node ${result.machine.node}; results in ${args.out}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
