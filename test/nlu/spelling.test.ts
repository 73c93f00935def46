import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { addTypos } from '../../bench/lib/typos';
import { createRandom } from '../../src/nlu/random';
import { loadConfig } from '../../src/config';
import { parseCsvRows } from '../../src/nlu/dataset-file';
import { loadIntents } from '../../src/nlu/intents';
import { intentsSpeller } from '../../src/nlu/intents-speller';
import { loadOrTrainModel } from '../../src/nlu/model-cache';
import { createParser } from '../../src/nlu/parser';
import { createSpellCorrector, editDistance } from '../../src/nlu/spelling';
import { ROOT } from '../helpers/app';

/** Spelling correction before classification (issue 12, heavy typos). */

describe('createSpellCorrector', () => {
  const speller = createSpellCorrector({
    texts: ['where is my refund', 'my refund is late', 'the verification code never arrives', 'my payment failed', 'payment failed again', 'i want to pay'],
    known: (w) => ['weather', 'sofa'].includes(w),
  });

  it.each([
    ['wheer is my refnud', 'where is my refund'],
    ['the verifcation cdoe never arives', 'the verification code never arrives'],
    ['My Paymnet faild', 'My Payment failed'],
  ])('%s → %s', (typed, fixed) => {
    expect(speller.correct(typed)).toBe(fixed);
  });

  it('leaves alone: vocabulary words, known words, short words, digits, and words nothing is close to', () => {
    expect(speller.correct('what is the weather on my sofa')).toBe('what is the weather on my sofa');
    expect(speller.correct('ok pls 48213977 Zalando')).toBe('ok pls 48213977 Zalando');
    expect(speller.correctWord('xqzvbn')).toBeUndefined();
  });

  it('property: a correction is a vocabulary word within the allowed edits (1 up to 4 letters, else 2); a vocabulary word is never changed', () => {
    const vocabulary = ['refund', 'payment', 'verification', 'code', 'arrives', 'failed', 'where', 'late'];
    const typo = fc.tuple(fc.constantFrom(...vocabulary), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 10_000 })).map(([w, n, s]) => addTypos(w, n, createRandom(s)));
    fc.assert(
      fc.property(typo, (t) => {
        const fixed = speller.correctWord(t);
        if (vocabulary.includes(t)) expect(fixed).toBeUndefined();
        else if (fixed !== undefined) expect(editDistance(t, fixed)).toBeLessThanOrEqual(t.length <= 4 ? 1 : 2);
      }),
    );
    for (const w of vocabulary) expect(speller.correctWord(w)).toBeUndefined();
  });

  it('editDistance counts a swap of two neighbouring letters as one edit', () => {
    expect(editDistance('refnud', 'refund')).toBe(1);
    expect(editDistance('faling', 'failing')).toBe(1);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('the shipped model on held-out messages with seeded typos (bench/nlu-typos.ts measures the same)', () => {
  let rows: string[][];
  let plain: ReturnType<typeof createParser>;
  let corrected: ReturnType<typeof createParser>;
  beforeAll(async () => {
    const config = loadConfig({} as NodeJS.ProcessEnv);
    const intents = loadIntents(path.join(ROOT, 'intents'));
    const { model } = await loadOrTrainModel({ intentsDir: path.join(ROOT, 'intents'), dataDir: path.join(ROOT, 'test-output', 'model-cache') });
    plain = createParser({ model, threshold: config.confidenceThreshold, scopeThreshold: config.scopeThreshold });
    corrected = createParser({ model, threshold: config.confidenceThreshold, scopeThreshold: config.scopeThreshold, correct: intentsSpeller(intents).correct });
    rows = parseCsvRows(fs.readFileSync(path.join(ROOT, 'test', 'data', 'heldout-messages.csv'), 'utf8')).slice(1) as string[][];
  }, 120_000);

  function accuracy(parser: ReturnType<typeof createParser>, typos: number, seed: number) {
    const rand = createRandom(seed);
    let intent = 0;
    let answered = 0;
    const categories = new Map(loadIntents(path.join(ROOT, 'intents')).map((d) => [d.name, d.category]));
    let category = 0;
    for (const [text, cat, want] of rows) {
      const r = parser.parse(addTypos(text!, typos, rand));
      if (r.intent.name === want) intent++;
      if (r.intent.name === want && !r.lowConfidence) answered++;
      if (categories.get(r.intent.name) === cat) category++;
    }
    return { intent: intent / rows.length, answered: answered / rows.length, category: category / rows.length };
  }

  it('clean text: category and intent accuracy at least as good as without correction', () => {
    const before = accuracy(plain, 0, 1);
    const after = accuracy(corrected, 0, 1);
    expect(after.category).toBeGreaterThanOrEqual(before.category);
    expect(after.intent).toBeGreaterThanOrEqual(before.intent);
  });

  it('two typos a message: more messages answered with the right intent (measured 0.78 → 0.89 over 5 seeds)', () => {
    let before = 0;
    let after = 0;
    for (const seed of [2001, 2002, 2003]) {
      before += accuracy(plain, 2, seed).answered;
      after += accuracy(corrected, 2, seed).answered;
    }
    expect(after / 3).toBeGreaterThanOrEqual(before / 3 + 0.05);
  });
});
