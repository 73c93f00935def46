import { trainModel } from '../../src/nlu/model';
import { createParser } from '../../src/nlu/parser';

const data = [
  ...['where is my refund', 'refund still not here', 'when will I get my money back', 'my refund is late', 'refund status please', 'has my refund been sent'].map((text) => ({ text, intent: 'refund_status' })),
  ...['my payment failed', 'card declined when paying', 'the payment did not go through', 'why was my payment refused', 'payment error again', 'could not pay my instalment'].map((text) => ({ text, intent: 'payment_failed' })),
  ...['someone logged into my account', 'my account was hacked', 'I did not change my password', 'strange login to my account', 'account taken over', 'hacker in my account'].map((text) => ({ text, intent: 'account_takeover' })),
];

describe('createParser with an out-of-scope threshold', () => {
  const model = trainModel(data, { seed: 3 });
  const inScope = 'where is my refund';
  const outside = 'xylophone quartz bicycle zebra';

  it('is off by default: only the confidence threshold decides', () => {
    const parser = createParser({ model, threshold: 0 });
    expect(parser.parse(outside).lowConfidence).toBe(false);
  });

  it('flags a text whose scope score is below the threshold, and leaves an in-scope one alone', () => {
    const inScore = model.scope!(inScope).scopeScore;
    const outScore = model.scope!(outside).scopeScore;
    expect(outScore).toBeLessThan(inScore);
    const between = (inScore + outScore) / 2;
    const parser = createParser({ model, threshold: 0, scopeThreshold: between });
    const a = parser.parse(inScope);
    const b = parser.parse(outside);
    expect(a.lowConfidence).toBe(false);
    expect(a.intent.name).toBe('refund_status');
    expect(b.lowConfidence).toBe(true);
    // the ranking is still the model's, so the closest topics can be offered
    expect(b.ranking.map((r) => r.name).sort()).toEqual(['account_takeover', 'payment_failed', 'refund_status']);
  });

  it('ignores the threshold for a model without a scope score', () => {
    const rankOnly = { rank: (t: string) => model.rank(t), meta: model.meta, toJSON: () => model.toJSON() };
    expect(createParser({ model: rankOnly, threshold: 0, scopeThreshold: 0.99 }).parse(outside).lowConfidence).toBe(false);
  });

  it('parseWithScope adds the score from the same single pass, and only a set threshold lets it decide', () => {
    const calls = { rank: 0, scope: 0 };
    const counting = {
      meta: model.meta,
      toJSON: () => model.toJSON(),
      rank: (t: string) => (calls.rank++, model.rank(t)),
      scope: (t: string) => (calls.scope++, model.scope!(t)),
    };
    const off = createParser({ model: counting, threshold: 0 }).parseWithScope(outside);
    expect(calls).toEqual({ rank: 0, scope: 1 });
    expect(off.scopeScore).toBe(model.scope!(outside).scopeScore);
    expect(off.lowConfidence).toBe(false);
    const on = createParser({ model: counting, threshold: 0, scopeThreshold: 0.99 }).parseWithScope(outside);
    expect(calls).toEqual({ rank: 0, scope: 2 });
    expect(on.lowConfidence).toBe(true);
    const { scopeScore, ...rest } = on;
    expect(scopeScore).toBeDefined();
    expect(rest).toEqual(createParser({ model, threshold: 0, scopeThreshold: 0.99 }).parse(outside));
  });

  it('parseWithScope leaves scopeScore out for a model without one', () => {
    const rankOnly = { rank: (t: string) => model.rank(t), meta: model.meta, toJSON: () => model.toJSON() };
    expect(createParser({ model: rankOnly, threshold: 0 }).parseWithScope(outside)).not.toHaveProperty('scopeScore');
  });
});
