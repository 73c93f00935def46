import type { IntentModel } from '../../src/nlu/model';
import { createParser } from '../../src/nlu/parser';
import type { IntentScore } from '../../src/nlu/types';

function fixedModel(top: string, confidence: number): IntentModel {
  const ranking: IntentScore[] = [
    { name: top, category: 'refund', confidence },
    { name: 'other', category: 'billing', confidence: 1 - confidence },
  ];
  return {
    rank: () => ranking.map((s) => ({ ...s })),
    meta: { id: 'm', dataHash: 'm', createdAt: '', intents: [top, 'other'], categories: {}, temperature: 1, examples: 0, optionsVersion: 'x' },
    toJSON: () => ({}),
  };
}

describe('per-intent thresholds', () => {
  it('an intent with its own threshold is judged by it; the others by the global one', () => {
    const parser = createParser({ model: fixedModel('refund_status', 0.45), threshold: 0.5, thresholds: { refund_status: 0.4 } });
    expect(parser.parse('x').lowConfidence).toBe(false); // 0.45 ≥ 0.4, although below the global 0.5
    parser.setModel(fixedModel('late_fee', 0.45));
    expect(parser.parse('x').lowConfidence).toBe(true); // no own threshold: 0.45 < 0.5
  });

  it('a stricter per-intent threshold makes a confident answer unsure', () => {
    const parser = createParser({ model: fixedModel('account_takeover', 0.7), threshold: 0.5 });
    expect(parser.parse('x').lowConfidence).toBe(false);
    parser.setThresholds({ account_takeover: 0.8 });
    expect(parser.parse('x').lowConfidence).toBe(true);
    expect(parser.thresholdFor('account_takeover')).toBe(0.8);
    parser.setThresholds({});
    expect(parser.parse('x').lowConfidence).toBe(false);
    expect(parser.thresholdFor('account_takeover')).toBe(0.5);
  });
});
