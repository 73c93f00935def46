import { buildTrainingSet, splitHeldOut } from '../../src/training/dataset';
import { NOT_A_REQUEST, type LabelledItem } from '../../src/storage/training';
import type { IntentDefinition } from '../../src/nlu/types';

const intents: IntentDefinition[] = [
  { name: 'refund_status', category: 'refund', label: 'Refund status', examples: Array.from({ length: 40 }, (_, k) => `where is refund number ${k}`) },
  { name: 'out_of_scope', category: 'other', label: 'Other', examples: ['what is the weather', 'tell me a joke', 'who won the match', 'recipe for soup'] },
];

const labelled = (id: string, text: string, intent: string, at: number, extra: Partial<LabelledItem['label']> = {}): LabelledItem => ({
  item: { id, text, reason: 'low_confidence', reasons: ['low_confidence'], topGuesses: [], createdAt: 0, dedupeKey: id },
  label: { itemId: id, intent, isNewIntent: false, labelledBy: 'op', labelledAt: at, ...extra },
});

describe('buildTrainingSet', () => {
  it('adds reviewed labels to intents/, not-a-request to out_of_scope, new intents with their category; the latest label wins', () => {
    const set = buildTrainingSet(intents, [
      labelled('i1', 'buy me a pizza', NOT_A_REQUEST, 1),
      labelled('i2', 'card declined at checkout', 'card_declined', 2, { isNewIntent: true, category: 'billing' }),
      labelled('i3', 'refund pls', 'out_of_scope', 3),
      labelled('i4', 'Refund  PLS', 'refund_status', 4),
    ]);
    const of = (t: string) => set.examples.find((e) => e.text === t);
    expect(of('buy me a pizza')).toMatchObject({ intent: 'out_of_scope', category: 'other', itemId: 'i1' });
    expect(of('card declined at checkout')).toMatchObject({ intent: 'card_declined', category: 'billing' });
    expect(of('refund pls')).toBeUndefined();
    expect(of('Refund  PLS')).toMatchObject({ intent: 'refund_status' });
    expect(set.categories.card_declined).toBe('billing');
    expect(set.labelled).toBe(3);
    expect(set.examples).toHaveLength(44 + 3);
  });
});

describe('splitHeldOut', () => {
  it('holds out about a fifth, the same texts every time, keeping small intents whole', () => {
    const set = buildTrainingSet(intents, [labelled('n1', 'new thing one', 'brand_new', 1), labelled('n2', 'new thing two', 'brand_new', 2)]);
    const a = splitHeldOut(set.examples, 7);
    const b = splitHeldOut([...set.examples].reverse(), 7);
    expect(a.heldOut.map((e) => e.text).sort()).toEqual(b.heldOut.map((e) => e.text).sort());
    const heldRefunds = a.heldOut.filter((e) => e.intent === 'refund_status').length;
    expect(heldRefunds).toBeGreaterThan(2);
    expect(heldRefunds).toBeLessThan(16);
    expect(a.train.filter((e) => e.intent === 'brand_new')).toHaveLength(2);
    expect(a.train.length + a.heldOut.length).toBe(set.examples.length);
    expect(splitHeldOut(set.examples, 8).heldOut.map((e) => e.text)).not.toEqual(a.heldOut.map((e) => e.text));
  });
});
