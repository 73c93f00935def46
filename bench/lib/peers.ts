/** The classifiers we measure against, behind one interface. */
import type { LabelledExample } from '../../src/nlu/types';
import { loadModel, trainModel, type IntentModel } from '../../src/nlu/model';
import { openSentenceCache } from '../../src/nlu/sentence-cache';
import { loadUseLite } from '../../src/nlu/sentence-encoder';
import { trainForMode } from '../../src/nlu/train-mode';
import { benchSentenceCache } from './sentence';

export interface Ranked {
  name: string;
  /** The classifier's own top score, normalised to 0..1 where it is not a probability. */
  confidence: number;
  /** The out-of-scope score the product thresholds, where the classifier has one (ours: `IntentModel.scope`). */
  scopeScore?: number;
}

/** Per-text classify times in ms: wall clock, and this process's CPU time (what a loaded machine inflates less). */
export interface Latencies {
  wall: number[];
  cpu: number[];
}

export interface BenchClassifier {
  name: string;
  train(examples: LabelledExample[]): Promise<void>;
  classify(text: string): Promise<Ranked> | Ranked;
  /**
   * Classify latencies (ms) as a server would see them, where `classify`'s own timing would not
   * show them (accurate mode: `classify` reads embeddings the benchmark cached ahead).
   */
  timeClassify?(texts: string[]): Promise<Latencies>;
}

const scoped = (model: IntentModel, text: string): Ranked => {
  const { ranking, scopeScore } = model.scope!(text);
  const top = ranking[0]!;
  return { name: top.name, confidence: top.confidence, scopeScore };
};

/** Ours in the default mode (TF-IDF + GloVe word vectors); `wordVectors: false` is the previous model, TF-IDF only. */
export function ours(seed: number, opts: { wordVectors?: false } = {}): BenchClassifier {
  let model: ReturnType<typeof trainModel> | undefined;
  return {
    name: opts.wordVectors === false ? 'ours, TF-IDF only (previous model)' : 'ours, default mode (TF-IDF + GloVe, softmax x NB, calibrated)',
    async train(ex) {
      model = trainModel(ex, { seed, ...opts });
    },
    classify: (text) => scoped(model!, text),
  };
}

/**
 * Ours in accurate mode (+ USE lite sentence embeddings). Training and accuracy use the
 * benchmark's embedding cache (`npx tsx bench/nlu-embed.ts` fills it; texts missing are embedded
 * on the way); `timeClassify` measures a server's path instead: the saved model loaded with an
 * empty cache, so each text is embedded (`prepare`) and then classified.
 */
export function oursAccurate(seed: number): BenchClassifier {
  let model: IntentModel | undefined;
  return {
    name: 'ours, accurate mode (+ USE lite)',
    async train(ex) {
      model = await trainForMode(ex, { seed, sentences: await benchSentenceCache() });
    },
    async classify(text) {
      await model!.prepare!([text]);
      return scoped(model!, text);
    },
    async timeClassify(texts) {
      const memoryOnly = openSentenceCache({ encoder: await loadUseLite() });
      const served = loadModel(JSON.parse(JSON.stringify(model!.toJSON())), { sentences: () => memoryOnly });
      const ms: Latencies = { wall: [], cpu: [] };
      for (const t of texts) {
        const cpu = process.cpuUsage();
        const start = process.hrtime.bigint();
        await served.prepare!([t]);
        scoped(served, t);
        ms.wall.push(Number(process.hrtime.bigint() - start) / 1e6);
        const used = process.cpuUsage(cpu);
        ms.cpu.push((used.user + used.system) / 1e3);
      }
      return ms;
    },
  };
}

/** natural's root module prints dotenv noise to stdout; load it with stdout muted. */
function requireNaturalQuietly(): { BayesClassifier: new () => NaturalBayes } {
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    return require('natural'); // eslint-disable-line @typescript-eslint/no-require-imports
  } finally {
    process.stdout.write = write;
  }
}

interface NaturalBayes {
  addDocument(text: string, label: string): void;
  train(): void;
  getClassifications(text: string): { label: string; value: number }[];
}

export function naturalBayes(): BenchClassifier {
  let clf: NaturalBayes | undefined;
  return {
    name: 'natural BayesClassifier',
    async train(ex) {
      const { BayesClassifier } = requireNaturalQuietly();
      clf = new BayesClassifier();
      for (const e of ex) clf.addDocument(e.text, e.intent);
      clf.train();
    },
    classify(text) {
      const cs = clf!.getClassifications(text);
      const sum = cs.reduce((a, c) => a + c.value, 0);
      const top = cs[0]!;
      // Bayes values are unnormalised products; their share is the nearest thing to a confidence
      return { name: top.label, confidence: sum > 0 ? top.value / sum : 0 };
    },
  };
}

interface NlpManagerLike {
  addDocument(lang: string, text: string, intent: string): void;
  train(): Promise<void>;
  process(lang: string, text: string): Promise<{ classifications?: { intent: string; score: number }[]; intent: string; score: number }>;
}

export function nodeNlp(): BenchClassifier {
  let mgr: NlpManagerLike | undefined;
  return {
    name: 'node-nlp NlpManager',
    async train(ex) {
      const { NlpManager } = require('node-nlp'); // eslint-disable-line @typescript-eslint/no-require-imports
      mgr = new NlpManager({ languages: ['en'], autoSave: false, autoLoad: false, nlu: { log: false }, ner: { builtins: [] } });
      for (const e of ex) mgr!.addDocument('en', e.text, e.intent);
      await mgr!.train();
    },
    async classify(text) {
      const r = await mgr!.process('en', text);
      // its top-level intent is rewritten to None under 0.5; use the raw top classification
      const top = r.classifications?.[0];
      return top ? { name: top.intent, confidence: top.score } : { name: 'None', confidence: 0 };
    },
  };
}
