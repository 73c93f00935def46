/** The classifiers we measure against, behind one interface. */
import type { LabelledExample } from '../../src/nlu/types';
import { trainModel } from '../../src/nlu/model';

export interface Ranked {
  name: string;
  /** The classifier's own top score, normalised to 0..1 where it is not a probability. */
  confidence: number;
  /** The out-of-scope score the product thresholds, where the classifier has one (ours: `IntentModel.scope`). */
  scopeScore?: number;
}

export interface BenchClassifier {
  name: string;
  train(examples: LabelledExample[]): Promise<void>;
  classify(text: string): Promise<Ranked> | Ranked;
}

export function ours(seed: number): BenchClassifier {
  let model: ReturnType<typeof trainModel> | undefined;
  return {
    name: 'ours (tfidf softmax x NB, calibrated; OOS: scopeScore)',
    async train(ex) {
      model = trainModel(ex, { seed });
    },
    classify(text) {
      const { ranking, scopeScore } = model!.scope!(text);
      const top = ranking[0]!;
      return { name: top.name, confidence: top.confidence, scopeScore };
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
