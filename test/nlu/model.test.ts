import path from 'node:path';
import { loadIntents, toExamples, categoryMap } from '../../src/nlu/intents';
import { FeatureSpace } from '../../src/nlu/features';
import { dataHash, loadModel, trainModel } from '../../src/nlu/model';

const defs = loadIntents(path.join(__dirname, 'fixtures', 'intents'));
const examples = toExamples(defs);
const model = trainModel(examples, { categories: categoryMap(defs), seed: 3 });

describe('trainModel', () => {
  it('puts the right intent on top for unseen paraphrases, including typos', () => {
    expect(model.rank('has my refnud been processed yet')[0]?.name).toBe('refund_status');
    expect(model.rank('my instalment payment was declined again')[0]?.name).toBe('payment_failed');
    expect(model.rank('somebody stole my card')[0]?.name).toBe('card_stolen');
    expect(model.rank('hi')[0]?.name).toBe('greeting');
  });

  it('ranks every intent with confidences that sum to 1, best first, with categories', () => {
    const r = model.rank('where is my refund');
    expect(r.map((s) => s.name).sort()).toEqual(['card_stolen', 'greeting', 'payment_failed', 'refund_status']);
    expect(r.reduce((a, s) => a + s.confidence, 0)).toBeCloseTo(1, 6);
    for (let i = 1; i < r.length; i++) expect(r[i - 1]!.confidence).toBeGreaterThanOrEqual(r[i]!.confidence);
    expect(r[0]).toMatchObject({ name: 'refund_status', category: 'refund' });
  });

  it('is more confident on a clear match than on an ambiguous text', () => {
    const clear = model.rank('where is my refund')[0]!.confidence;
    const ambiguous = model.rank('my card payment refund')[0]!.confidence;
    const unrelated = model.rank('what is the weather like on mars')[0]!.confidence;
    expect(clear).toBeGreaterThan(ambiguous);
    expect(clear).toBeGreaterThan(unrelated);
  });

  it('uses the intent name as category when none is given', () => {
    const m = trainModel([
      { text: 'a b c', intent: 'x' },
      { text: 'd e f', intent: 'y' },
    ]);
    expect(m.meta.categories).toEqual({ x: 'x', y: 'y' });
  });

  it('is deterministic for a seed', () => {
    const again = trainModel(examples, { categories: categoryMap(defs), seed: 3 });
    expect(again.rank('refund please')).toEqual(model.rank('refund please'));
  });

  it('records metadata', () => {
    expect(model.meta.intents).toHaveLength(4);
    expect(model.meta.dataHash).toBe(dataHash(examples, categoryMap(defs)));
    expect(model.meta.id).toMatch(/^intents-[0-9a-f]{12}-\d{14}$/);
    expect(model.meta.temperature).toBeGreaterThan(0);
  });
});

describe('save and load', () => {
  it('round-trips through JSON text with identical predictions', () => {
    const loaded = loadModel(JSON.parse(JSON.stringify(model.toJSON())));
    for (const t of ['where is my refund', 'hello', 'card stolen!!', 'xyz']) {
      expect(loaded.rank(t)).toEqual(model.rank(t));
    }
    expect(loaded.meta).toEqual(model.meta);
  });

  it('rejects malformed files with a clear error', () => {
    expect(() => loadModel({})).toThrow(/invalid model file: format/);
    const json = JSON.parse(JSON.stringify(model.toJSON()));
    json.softmax.weights = json.softmax.weights.slice(0, 40);
    expect(() => loadModel(json)).toThrow(/invalid model file/);
  });
});

describe('FeatureSpace.fitTransform', () => {
  it('gives the training texts the same vectors as vectorising them afterwards', () => {
    const texts = examples.map((e) => e.text);
    const { space, vectors } = FeatureSpace.fitTransform(texts, { weights: { words: 1, bigrams: 0.6, trigrams: 0.4, pairs: 0.3, chars: 1 } });
    texts.forEach((t, i) => expect(space.vectorize(t)).toEqual(vectors[i]));
    expect(space.vocabulary.some((v) => v.startsWith('t:'))).toBe(true);
    expect(space.vocabulary.some((v) => v.startsWith('p:'))).toBe(true);
    const restored = FeatureSpace.fromJSON(JSON.parse(JSON.stringify(space.toJSON())));
    expect(restored.vectorize('my card was stolen yesterday')).toEqual(space.vectorize('my card was stolen yesterday'));
  });
});

describe('dataHash', () => {
  it('ignores example order but not content', () => {
    const reversed = [...examples].reverse();
    expect(dataHash(reversed)).toBe(dataHash(examples));
    expect(dataHash([...examples, { text: 'new one', intent: 'greeting' }])).not.toBe(dataHash(examples));
  });
});

describe('out-of-scope score (IntentModel.scope)', () => {
  const scoped = (t: string) => model.scope!(t);

  it('returns the same ranking as rank, and a score never above the top confidence', () => {
    for (const t of ['where is my refund', 'hello', 'what is the weather like on mars', '']) {
      const s = scoped(t);
      expect(s.ranking).toEqual(model.rank(t));
      expect(s.scopeScore).toBeGreaterThanOrEqual(0);
      expect(s.scopeScore).toBeLessThanOrEqual(s.ranking[0]!.confidence + 1e-12);
    }
  });

  it('scores requests the bot knows above unrelated ones, unknown words included', () => {
    const known = ['where is my refund', 'somebody stole my card', 'my payment failed'].map((t) => scoped(t).scopeScore);
    const unrelated = ['what is the weather like on mars', 'recommend a zucchini lasagna recipe', 'who painted the sistine chapel'].map((t) => scoped(t).scopeScore);
    expect(Math.min(...known)).toBeGreaterThan(Math.max(...unrelated));
  });

  it('survives save and load unchanged', () => {
    const loaded = loadModel(JSON.parse(JSON.stringify(model.toJSON())));
    for (const t of ['where is my refund', 'zucchini lasagna']) expect(loaded.scope!(t)).toEqual(scoped(t));
  });
});

describe('FeatureSpace.vectorizeWithCoverage', () => {
  const { space } = FeatureSpace.fitTransform(['my card was stolen', 'where is my refund', 'my card was stolen today', 'where is my refund now']);

  it('gives the same vector as vectorize, with coverage 1 when every word and n-gram is known', () => {
    const r = space.vectorizeWithCoverage('my card was stolen');
    expect(r.vector).toEqual(space.vectorize('my card was stolen'));
    expect(r.coverage).toBeCloseTo(1, 6);
  });

  it('lowers the coverage as unknown words make up more of the text', () => {
    const one = space.vectorizeWithCoverage('my card was stolen in paris').coverage;
    const many = space.vectorizeWithCoverage('my card was stolen in paris by a pickpocket yesterday').coverage;
    const none = space.vectorizeWithCoverage('zebra xylophone quartz').coverage;
    expect(one).toBeLessThan(1);
    expect(many).toBeLessThan(one);
    expect(none).toBeLessThan(many);
    expect(none).toBeGreaterThanOrEqual(0);
  });
});
