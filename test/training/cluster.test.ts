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
});
