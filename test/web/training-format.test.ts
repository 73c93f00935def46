import {
  dayRange,
  deltaDirection,
  heatCells,
  intentLabel,
  labelChoice,
  modeName,
  parseThreshold,
  pct,
  runText,
  searchIntents,
  signedPoints,
  sortIntentRows,
  toIntentName,
  triageQuery,
  triageReasonLabel,
} from '../../src/web/console/training/format';

describe('training pages: words and numbers', () => {
  it('says why a message is in the inbox, and humanises reasons a newer server invents', () => {
    expect(triageReasonLabel('low_confidence')).toBe('Bot unsure');
    expect(triageReasonLabel('handoff')).toBe('Handed off');
    expect(triageReasonLabel('agent_corrected')).toBe('Agent corrected');
    expect(triageReasonLabel('operator_flagged')).toBe('Flagged by an operator');
    expect(triageReasonLabel('repeat_contact')).toBe('Repeat contact');
    expect(triageReasonLabel('constructor')).toBe('Constructor');
    expect(intentLabel('refund_status')).toBe('refund status');
    expect(intentLabel('__not_a_request')).toBe('not a real request');
  });

  it('shows shares as percentages and deltas as signed points, readable without colour', () => {
    expect(pct(0.83612)).toBe('83.6%');
    expect(pct(1)).toBe('100.0%');
    expect(pct(undefined)).toBe('—');
    expect(signedPoints(0.0123)).toBe('+1.2 pts');
    expect(signedPoints(-0.051)).toBe('−5.1 pts');
    expect(signedPoints(0.0001)).toBe('±0.0 pts');
    expect([deltaDirection(0.02), deltaDirection(-0.02), deltaDirection(0.0001), deltaDirection(undefined)]).toEqual(['up', 'down', 'same', 'same']);
  });

  it('says where a run is', () => {
    expect(runText({ status: 'running', progress: 0.456 })).toBe('Training… 46%');
    expect(runText({ status: 'succeeded', progress: 0.95 })).toBe('Training finished: 100%. The report is below.');
    expect(runText({ status: 'failed', progress: 0.3, error: 'no data' })).toBe('Training failed: no data');
    expect(runText({ status: 'running', progress: 0.2, embedding: { done: 192, total: 480 } })).toBe('Embedding examples for accurate mode: 192 of 480… 20%');
  });

  it('names a model version\'s mode; versions from before modes are the default', () => {
    expect([undefined, 'default', 'use-lite'].map(modeName)).toEqual(['Default', 'Default', 'Accurate (USE lite)']);
  });
});

describe('training pages: the inbox query', () => {
  it('sends only the filters that are set; "to" covers the whole last day', () => {
    expect(triageQuery({})).toBe('?limit=200');
    expect(triageQuery({ reason: 'handoff', intent: ' late_fee ', status: 'labelled' })).toBe('?reason=handoff&intent=late_fee&status=labelled&limit=200');
    const { from, to } = dayRange('2026-03-01', '2026-03-01');
    expect(from).toBe(new Date(2026, 2, 1).getTime());
    expect(to! - from!).toBe(86_400_000);
    expect(dayRange('yesterday', '')).toEqual({});
  });
});

describe('training pages: labels', () => {
  const known = ['refund_status', 'late_fee'];

  it('accepts a known intent, a new intent in snake_case, or "not a real request"', () => {
    expect(labelChoice({ mode: 'existing', intent: 'late_fee' }, known)).toEqual({ ok: { intent: 'late_fee' } });
    expect(labelChoice({ mode: 'new', name: 'Card Upgrade', category: 'Billing' }, known)).toEqual({ ok: { newIntent: { name: 'card_upgrade', category: 'billing' } } });
    expect(labelChoice({ mode: 'not_request' }, known)).toEqual({ ok: { notARequest: true } });
  });

  it('explains what is wrong instead of sending it', () => {
    expect(labelChoice({ mode: 'existing', intent: '' }, known)).toEqual({ error: 'Choose an intent.' });
    expect(labelChoice({ mode: 'existing', intent: 'late_fees' }, known)).toHaveProperty('error', expect.stringContaining('no intent called “late_fees”'));
    expect(labelChoice({ mode: 'new', name: 'Late fee', category: 'billing' }, known)).toHaveProperty('error', expect.stringContaining('already exists'));
    expect(labelChoice({ mode: 'new', name: '42', category: 'billing' }, known)).toHaveProperty('error', expect.stringContaining('starts with a letter'));
    expect(labelChoice({ mode: 'new', name: 'card_upgrade', category: ' ' }, known)).toHaveProperty('error', expect.stringContaining('category'));
    expect(toIntentName('  Pay -- with  Crypto! ')).toBe('pay_with_crypto');
  });

  it('finds intents by any words of their name or category', () => {
    const intents = [
      { name: 'refund_status', category: 'refund' },
      { name: 'refund_missing', category: 'refund' },
      { name: 'late_fee', category: 'billing' },
    ];
    expect(searchIntents(intents, 'refund miss').map((i) => i.name)).toEqual(['refund_missing']);
    expect(searchIntents(intents, 'billing').map((i) => i.name)).toEqual(['late_fee']);
    expect(searchIntents(intents, '')).toHaveLength(3);
  });

  it('reads a threshold field: empty means the global one, out of range is refused', () => {
    expect(parseThreshold('0.7')).toEqual({ value: 0.7 });
    expect(parseThreshold('0,65')).toEqual({ value: 0.65 });
    expect(parseThreshold('  ')).toEqual({ value: null });
    expect(parseThreshold('1.5')).toHaveProperty('error');
    expect(parseThreshold('abc')).toHaveProperty('error');
  });
});

describe('training pages: report', () => {
  const perIntent = {
    refund_status: { candidateF1: 0.9, activeF1: 0.8, delta: 0.1, support: 10 },
    late_fee: { candidateF1: 0.7, activeF1: 0.8, delta: -0.1, support: 5 },
    greeting: { candidateF1: 1, activeF1: 1, delta: 0, support: 8 },
  };

  it('sorts the per-intent table by any column, worst change first by default', () => {
    expect(sortIntentRows(perIntent, 'delta', 'asc').map((r) => r.intent)).toEqual(['late_fee', 'greeting', 'refund_status']);
    expect(sortIntentRows(perIntent, 'intent', 'asc').map((r) => r.intent)).toEqual(['greeting', 'late_fee', 'refund_status']);
    expect(sortIntentRows(perIntent, 'support', 'desc').map((r) => r.intent)).toEqual(['refund_status', 'greeting', 'late_fee']);
  });

  it('shades the heatmap by row share: right answers apart from confusions, empty cells blank, counts in the tooltip', () => {
    const cells = heatCells(['a_b', 'c'], [
      [3, 1],
      [0, 0],
    ]);
    expect(cells[0]![0]).toMatchObject({ count: 3, share: 0.75, correct: true, title: 'true a b → predicted a b: 3 of 4 (75%)' });
    expect(cells[0]![1]).toMatchObject({ count: 1, correct: false, title: 'true a b → predicted c: 1 of 4 (25%)' });
    expect(cells[0]![0]!.alpha).toBeGreaterThan(cells[0]![1]!.alpha);
    expect(cells[0]![0]!.darkText).toBe(false);
    expect(cells[1]![1]).toMatchObject({ count: 0, alpha: 0, title: 'true c → predicted c: 0 of 0 (0%)' });
  });
});
