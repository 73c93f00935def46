import fc from 'fast-check';
import { meanStd, sampleFewShot } from '../../bench/lib/few-shot';
import { createRandom, shuffleInPlace } from '../../src/nlu/random';
import type { LabelledExample } from '../../src/nlu/types';

const data: LabelledExample[] = ['a', 'b', 'c'].flatMap((intent) => Array.from({ length: intent === 'c' ? 4 : 40 }, (_, i) => ({ text: `${intent} text ${i}`, intent })));
const key = (xs: LabelledExample[]) => xs.map((e) => `${e.intent}|${e.text}`);

describe('sampleFewShot', () => {
  it('draws k per intent (all of a smaller intent), from the data, without repeats', () => {
    const s = sampleFewShot(data, 10, 1);
    const count = (i: string) => s.filter((e) => e.intent === i).length;
    expect([count('a'), count('b'), count('c')]).toEqual([10, 10, 4]);
    expect(new Set(key(s)).size).toBe(s.length);
    for (const e of s) expect(data).toContainEqual(e);
  });

  it('is stable: the same seed gives the same draw, whatever the input order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 12 }), (seed, order, k) => {
        const shuffled = shuffleInPlace([...data], createRandom(order));
        expect(key(sampleFewShot(shuffled, k, seed))).toEqual(key(sampleFewShot(data, k, seed)));
      }),
    );
  });

  it('pins draw 1 of 2 per intent, so a change to the sampler shows', () => {
    expect(key(sampleFewShot(data, 2, 1)).sort()).toMatchInlineSnapshot(`
[
  "a|a text 28",
  "a|a text 32",
  "b|b text 10",
  "b|b text 11",
  "c|c text 2",
  "c|c text 3",
]
`);
  });

  it('gives different draws for different seeds', () => {
    const draws = new Set([1, 2, 3, 4, 5].map((seed) => key(sampleFewShot(data, 10, seed)).sort().join(',')));
    expect(draws.size).toBe(5);
  });

  it('refuses a k that is not a positive integer', () => {
    expect(() => sampleFewShot(data, 0, 1)).toThrow(/positive integer/);
    expect(() => sampleFewShot(data, 2.5, 1)).toThrow(/positive integer/);
  });
});

describe('meanStd', () => {
  it('gives the mean and the sample standard deviation', () => {
    expect(meanStd([1, 2, 3, 4])).toEqual({ mean: 2.5, std: Math.sqrt(5 / 3) });
    expect(meanStd([7])).toEqual({ mean: 7, std: 0 });
  });
});
