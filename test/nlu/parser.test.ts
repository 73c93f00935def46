import type { IntentModel } from '../../src/nlu/model';
import { createParser } from '../../src/nlu/parser';
import type { IntentScore } from '../../src/nlu/types';

function fakeModel(id: string, scores: IntentScore[]): IntentModel {
  return {
    rank: () => scores.map((s) => ({ ...s })),
    meta: { id, dataHash: id, createdAt: '', intents: scores.map((s) => s.name), categories: {}, temperature: 1, examples: 0, optionsVersion: 'x' },
    toJSON: () => ({}),
  };
}

const scores = (top: string, conf: number): IntentScore[] => [
  { name: top, category: 'refund', confidence: conf },
  ...Array.from({ length: 6 }, (_, i) => ({ name: `other_${i}`, category: 'billing', confidence: (1 - conf) / 6 })),
];

describe('createParser', () => {
  it('returns the NLU contract shape with a top-5 ranking and extracted entities', () => {
    const parser = createParser({
      model: fakeModel('m1', scores('refund_status', 0.9)),
      threshold: 0.5,
      extractEntities: (t) => [{ type: 'order_id', value: 'A1', text: 'A1', start: t.indexOf('A1'), end: t.indexOf('A1') + 2 }],
    });
    const r = parser.parse('refund for A1');
    expect(Object.keys(r).sort()).toEqual(['entities', 'intent', 'lowConfidence', 'ranking', 'text']);
    expect(r.text).toBe('refund for A1');
    expect(r.intent).toEqual({ name: 'refund_status', category: 'refund', confidence: 0.9 });
    expect(r.ranking).toHaveLength(5);
    expect(r.ranking[0]).toEqual(r.intent);
    expect(r.entities).toEqual([{ type: 'order_id', value: 'A1', text: 'A1', start: 11, end: 13 }]);
    expect(r.lowConfidence).toBe(false);
  });

  it('flags low confidence below the threshold and for out_of_scope, and has no entities by default', () => {
    expect(createParser({ model: fakeModel('m', scores('refund_status', 0.3)), threshold: 0.5 }).parse('x')).toMatchObject({
      lowConfidence: true,
      entities: [],
    });
    expect(createParser({ model: fakeModel('m', scores('out_of_scope', 0.95)), threshold: 0.5 }).parse('x').lowConfidence).toBe(true);
  });

  it('applies a swapped model from the next call', () => {
    const parser = createParser({ model: fakeModel('m1', scores('refund_status', 0.9)), threshold: 0.5 });
    expect(parser.parse('x').intent.name).toBe('refund_status');
    parser.setModel(fakeModel('m2', scores('payment_failed', 0.8)));
    expect(parser.parse('x').intent.name).toBe('payment_failed');
    expect(parser.model.meta.id).toBe('m2');
  });
});
