import { evaluate, expectedCalibrationError, reliabilityBins } from '../../src/nlu/evaluate';

describe('evaluate', () => {
  // true a a a b b c ; predicted a a b b c c
  const preds = [
    { expected: 'a', predicted: 'a' },
    { expected: 'a', predicted: 'a' },
    { expected: 'a', predicted: 'b' },
    { expected: 'b', predicted: 'b' },
    { expected: 'b', predicted: 'c' },
    { expected: 'c', predicted: 'c' },
  ];
  const r = evaluate(preds);

  it('computes accuracy, per-intent scores and macro-F1 as by hand', () => {
    expect(r.accuracy).toBeCloseTo(4 / 6);
    expect(r.perIntent.a).toEqual({ precision: 1, recall: 2 / 3, f1: 0.8, support: 3 });
    expect(r.perIntent.b!.precision).toBeCloseTo(0.5);
    expect(r.perIntent.b!.recall).toBeCloseTo(0.5);
    expect(r.perIntent.c!.f1).toBeCloseTo(2 / 3);
    expect(r.macroF1).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3);
    expect(r.ece).toBeUndefined();
  });

  it('builds the confusion matrix rows=true, columns=predicted', () => {
    expect(r.confusion).toEqual({ labels: ['a', 'b', 'c'], matrix: [[2, 1, 0], [0, 1, 1], [0, 0, 1]] });
  });

  it('computes ECE per confidence bin', () => {
    // bin 0.9: conf .9,.9 both right -> |1-.9|=.1 ; bin 0.6: .6,.6 one right -> |.5-.6|=.1
    const items = [
      { confidence: 0.9, correct: true },
      { confidence: 0.9, correct: true },
      { confidence: 0.6, correct: true },
      { confidence: 0.6, correct: false },
    ];
    expect(expectedCalibrationError(items, 10)).toBeCloseTo(0.1);
    expect(expectedCalibrationError([{ confidence: 1, correct: true }])).toBe(0);
  });

  it('bins confidences for the reliability diagram, leaving empty bins out, and keeps them with the report', () => {
    const items = [
      { confidence: 0.95, correct: true },
      { confidence: 0.91, correct: false },
      { confidence: 0.55, correct: true },
      { confidence: 1, correct: true },
    ];
    const bins = reliabilityBins(items, 10);
    expect(bins.map((b) => [b.lower, b.upper, b.count])).toEqual([
      [0.5, 0.6, 1],
      [0.9, 1, 3],
    ]);
    expect(bins[1]!.accuracy).toBeCloseTo(2 / 3);
    expect(bins[1]!.confidence).toBeCloseTo((0.95 + 0.91 + 1) / 3);
    const report = evaluate(items.map((it) => ({ expected: 'a', predicted: it.correct ? 'a' : 'b', confidence: it.confidence })));
    expect(report.reliability!.reduce((n, b) => n + b.count, 0)).toBe(4);
    expect(report.ece).toBeCloseTo(expectedCalibrationError(items));
    expect(evaluate([{ expected: 'a', predicted: 'a' }]).reliability).toBeUndefined();
  });
});
