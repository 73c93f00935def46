import { FeatureSpace } from '../../src/nlu/features';
import { DEFAULT_FEATURES, trainModel } from '../../src/nlu/model';

const data = [
  ...['where is my refund', 'refund still not here', 'when do I get my money back', 'my refund is late', 'refund status please', 'has my refund been sent'].map((text) => ({ text, intent: 'refund_status' })),
  ...['my payment failed', 'card declined when paying', 'the payment did not go through', 'why was my payment refused', 'payment error again', 'could not pay my instalment'].map((text) => ({ text, intent: 'payment_failed' })),
  ...['someone logged into my account', 'my account was hacked', 'I did not change my password', 'strange login to my account', 'account taken over', 'hacker in my account'].map((text) => ({ text, intent: 'account_takeover' })),
];

describe('vocabulary order', () => {
  it('puts the most frequent tokens first by default, and alphabetical order on request', () => {
    const texts = data.map((d) => d.text);
    const byFrequency = FeatureSpace.fit(texts, DEFAULT_FEATURES).vocabulary;
    const alphabetical = FeatureSpace.fit(texts, { ...DEFAULT_FEATURES, vocabularyOrder: 'alphabetical' }).vocabulary;
    expect([...byFrequency].sort()).toEqual(alphabetical);
    expect(alphabetical).toEqual([...alphabetical].sort());
    const df = (tok: string) => texts.filter((t) => FeatureSpace.fit([t], { ...DEFAULT_FEATURES, minDf: 1 }).vocabulary.includes(tok)).length;
    for (let i = 1; i < Math.min(40, byFrequency.length); i++) expect(df(byFrequency[i - 1]!)).toBeGreaterThanOrEqual(df(byFrequency[i]!));
  });

  it('does not change what the model predicts', () => {
    const a = trainModel(data, { seed: 2, features: { ...DEFAULT_FEATURES, vocabularyOrder: 'alphabetical' } });
    const b = trainModel(data, { seed: 2, features: DEFAULT_FEATURES });
    for (const text of ['my refund never came', 'payment keeps failing', 'who changed my password', 'hello there']) {
      expect(b.rank(text)).toEqual(a.rank(text));
    }
  });
});
