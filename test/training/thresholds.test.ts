import { suggestThresholds } from '../../src/training/thresholds';

const p = (expected: string, predicted: string, confidence: number) => ({ expected, predicted, confidence });

describe('suggestThresholds', () => {
  it('suggests the lowest confidence that keeps precision at 95 %', () => {
    // 19 right from 0.99 down to 0.45, then a wrong one at 0.40, then right ones below
    const preds = [
      ...Array.from({ length: 19 }, (_, k) => p('refund_status', 'refund_status', 0.99 - k * 0.03)),
      p('late_fee', 'refund_status', 0.4),
      p('refund_status', 'refund_status', 0.35),
      p('pay_early', 'refund_status', 0.3),
      p('pay_early', 'refund_status', 0.25),
    ];
    const s = suggestThresholds(preds);
    // 20 at ≥ 0.35: 20 right of 21 = 95.2 %; adding 0.3 gives 20/22 = 90.9 %
    expect(s.refund_status).toEqual({ threshold: 0.35, precision: 20 / 21, covered: 21, predicted: 23 });
  });

  it('gives no suggestion with too little evidence, when even the top answers are wrong, or for out_of_scope', () => {
    const s = suggestThresholds([
      ...Array.from({ length: 4 }, () => p('greeting', 'greeting', 0.9)),
      ...Array.from({ length: 6 }, () => p('late_fee', 'pay_early', 0.9)),
      ...Array.from({ length: 6 }, () => p('out_of_scope', 'out_of_scope', 0.9)),
    ]);
    expect(s).toEqual({});
  });

  it('does not cut between equal confidences', () => {
    const s = suggestThresholds([
      ...Array.from({ length: 10 }, () => p('a', 'a', 0.9)),
      p('a', 'a', 0.5),
      p('b', 'a', 0.5),
    ]);
    expect(s.a?.threshold).toBe(0.9);
  });
});
