import { FeatureSpace } from '../../src/nlu/features';
import { addCounts, emptyCounts, nbLogWeights } from '../../src/nlu/model-nb';
import { trainModel } from '../../src/nlu/model';

const texts = ['refund please', 'where is my refund', 'card stolen', 'my card was stolen', 'refund for my card'];
const ys = [0, 0, 1, 1, 0];

describe('naive Bayes expert', () => {
  const { space, vectors } = FeatureSpace.fitTransform(texts, { minDf: 1 });
  const nb = addCounts(emptyCounts(2, space.size), vectors, ys, vectors.keys());

  it('gives each class a probability distribution over features', () => {
    const logp = nbLogWeights(nb, 0.01, 1);
    for (const c of [0, 1]) {
      let total = 0;
      for (let f = 0; f < space.size; f++) total += Math.exp(logp[f * 2 + c]!);
      expect(total).toBeCloseTo(1, 9);
    }
  });

  it('makes a word likelier under the class whose examples use it', () => {
    const logp = nbLogWeights(nb, 0.01, 1);
    const refund = space.vocabulary.indexOf('w:refund');
    const stolen = space.vocabulary.indexOf('w:stolen');
    expect(logp[refund * 2 + 0]!).toBeGreaterThan(logp[refund * 2 + 1]!);
    expect(logp[stolen * 2 + 1]!).toBeGreaterThan(logp[stolen * 2 + 0]!);
  });

  it('scales with its weight, so weight 0 adds nothing', () => {
    const one = nbLogWeights(nb, 0.01, 1);
    const half = nbLogWeights(nb, 0.01, 0.5);
    expect(half[3]!).toBeCloseTo(one[3]! / 2, 12);
    expect(nbLogWeights(nb, 0.01, 0).every((v) => v === 0)).toBe(true);
  });

  it('counts only the examples it is given', () => {
    const part = addCounts(emptyCounts(2, space.size), vectors, ys, [0, 2]);
    expect(part.totals[0]).toBeCloseTo(vectors[0]!.value.reduce((a, v) => a + v, 0), 6);
    expect(part.totals[1]).toBeCloseTo(vectors[2]!.value.reduce((a, v) => a + v, 0), 6);
  });
});

describe('trainModel with and without the naive Bayes expert', () => {
  const examples = texts.map((text, i) => ({ text, intent: ys[i] === 0 ? 'refund' : 'stolen' }));
  it('both rank the obvious intent first, and the weight changes the confidences', () => {
    const with_ = trainModel(examples, { seed: 2 });
    const without = trainModel(examples, { seed: 2, nbWeight: 0 });
    for (const m of [with_, without]) {
      expect(m.rank('refund')[0]!.name).toBe('refund');
      expect(m.rank('stolen card')[0]!.name).toBe('stolen');
    }
    expect(with_.rank('refund')[0]!.confidence).not.toBe(without.rank('refund')[0]!.confidence);
  });
});
