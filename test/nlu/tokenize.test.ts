import fc from 'fast-check';
import { charNgrams, normalize, tokens, words } from '../../src/nlu/tokenize';

describe('normalize', () => {
  it('lowercases, folds accents and curly quotes, drops in-word apostrophes, collapses repeats', () => {
    expect(normalize('  WHERE’s my   Café REFUNDDDD??!!!! ')).toBe('wheres my cafe refundd??!!');
  });
  it('is idempotent', () => {
    fc.assert(fc.property(fc.string(), (s) => normalize(normalize(s)) === normalize(s)));
  });
});

describe('tokens', () => {
  it('stems words and adds boundary bigrams', () => {
    const t = tokens('Refunds pending');
    expect(t.words).toEqual(['w:refund', 'w:pend']);
    expect(t.bigrams).toEqual(['b:<s> refund', 'b:refund pend', 'b:pend </s>']);
  });
  it('adds word trigrams and near word pairs only when asked for', () => {
    expect(tokens('my card is lost').trigrams).toEqual([]);
    expect(tokens('my card is lost').pairs).toEqual([]);
    expect(tokens('card is lost', { trigrams: true }).trigrams).toEqual(['t:<s> card is', 't:card is lost', 't:is lost </s>']);
    // pairs skip neighbours (the bigrams have those) and ignore order, so "card … lost" and "lost … card" match
    expect(tokens('card was lost', { pairWindow: 4 }).pairs).toEqual(['p:card lost']);
    expect(tokens('lost my card', { pairWindow: 4 }).pairs).toEqual(['p:card lost']);
    expect(tokens('card a b c d lost', { pairWindow: 2 }).pairs).not.toContain('p:card lost');
  });
  it('maps numbers to one token so amounts do not split the data', () => {
    expect(tokens('paid 25 and 300').words).toEqual(['w:paid', 'w:<num>', 'w:and', 'w:<num>']);
  });
  it('shares character n-grams between a word and its typo', () => {
    const a = new Set(tokens('refund').chars);
    const b = tokens('refnud').chars;
    expect(b.filter((g) => a.has(g)).length).toBeGreaterThanOrEqual(3);
    // and an unrelated word shares none
    expect(tokens('card').chars.filter((g) => a.has(g))).toEqual([]);
  });
  it('treats repeated letters and shouting like the plain word', () => {
    expect(tokens('REFUUUUND').words).toEqual(tokens('refuund').words);
  });
  it('never throws and gives only prefixed tokens for any input', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const t = tokens(s);
        return t.words.every((x) => x.startsWith('w:')) && t.chars.every((x) => x.startsWith('c:'));
      }),
    );
  });
});

describe('helpers', () => {
  it('charNgrams pads word boundaries', () => {
    expect(charNgrams('abc', 3, 3)).toEqual([' ab', 'abc', 'bc ']);
  });
  it('words trims punctuation-only tokens', () => {
    expect(words("hi - there 'you'")).toEqual(['hi', 'there', 'you']);
  });
});
