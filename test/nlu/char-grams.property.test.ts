import fc from 'fast-check';
import { CharGramIndex } from '../../src/nlu/char-grams';
import { FeatureSpace } from '../../src/nlu/features';
import { DEFAULT_FEATURES } from '../../src/nlu/model';
import { tokens, type Tokens } from '../../src/nlu/tokenize';

const training = [
  'where is my refund', 'refund still not here', 'my card was declined at checkout', 'café payment failed',
  'someone logged into my account', 'I was charged twice for one order', 'cancel my order please', 'naïve question about fees',
];

describe('CharGramIndex', () => {
  const space = FeatureSpace.fit(training, { ...DEFAULT_FEATURES, minDf: 1 });
  const index = new Map(space.vocabulary.map((t, id) => [t, id]));
  const blocks = space.blockNames as (keyof Tokens)[];
  /** The reference: every token built as a string and looked up in a Map. */
  const viaStrings = (text: string): Int32Array[] => {
    const t = tokens(text, space.options);
    return blocks.map((b) => Int32Array.from(t[b], (tok) => index.get(tok) ?? -1));
  };

  it('gives exactly the ids a Map of the n-gram strings gives, for any text', () => {
    const pieces = fc.constantFrom('refund', 'card', 'café', 'order', 'my', 'ï', 'x', ' ', '  ', '💳', "'", 'RE', 'fund', 'zzz', '\t');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }).map((p) => p.join('')), (text) => {
        expect(space.tokenIds(text)).toEqual(viaStrings(text));
      }),
      { numRuns: 300 },
    );
  });

  it('finds known n-grams and says -1 for unknown ones', () => {
    const grams = new CharGramIndex(['w:refund', 'c:ref', 'c:fund', 'c: re']);
    expect(grams.idOf(' refund ', 1, 3)).toBe(1);
    expect(grams.idOf(' refund ', 3, 4)).toBe(2);
    expect(grams.idOf(' refund ', 0, 3)).toBe(3);
    expect(grams.idOf(' refund ', 2, 3)).toBe(-1); // "efu"
    expect(grams.idOf('refund', 0, 6)).toBe(-1); // the word entry is not a character n-gram
  });

  it('tokens() can skip building the n-gram strings and still says where they come from', () => {
    const t = tokens('Where is my refund', { charStrings: false });
    expect(t.chars).toEqual([]);
    expect(t.charSources).toEqual(['where is my refund']);
    expect(tokens('my refund', { charScope: 'word', charStrings: false }).charSources).toEqual(['my', 'refund']);
  });
});
