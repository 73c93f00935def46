import { clusterTexts } from '../../src/training/cluster';

describe('clusterTexts', () => {
  it('puts rephrasings of one problem together and unrelated messages apart', () => {
    const texts = [
      'my refund has not arrived yet',
      'hello there',
      'refund still not arrived',
      'the app crashes when I log in',
      'why has my refund not arrived',
      'app crashes at login',
    ];
    const c = clusterTexts(texts);
    expect(c[0]).toBe(c[2]);
    expect(c[0]).toBe(c[4]);
    expect(c[3]).toBe(c[5]);
    expect(new Set([c[0], c[1], c[3]]).size).toBe(3);
  });

  it('gives every text its own cluster when the similarity bar is 1 and nothing repeats', () => {
    expect(clusterTexts(['a refund', 'a payment', 'a login'], { minSimilarity: 1.01 })).toEqual([0, 1, 2]);
  });

  it('weighs everyday words by a background corpus, so one shared topic word holds a cluster together', () => {
    const texts = ['how many loyalty points do I have', 'my loyalty points disappeared', 'how do I redeem loyalty points', 'how do I reset my password'];
    const background = ['how do I pay', 'how do I change my card', 'my order is late', 'I have a question', 'do I have to pay now', 'reset my password'];
    const c = clusterTexts(texts, { background });
    expect(c[0]).toBe(c[1]);
    expect(c[0]).toBe(c[2]);
    expect(c[3]).not.toBe(c[0]);
  });
});
