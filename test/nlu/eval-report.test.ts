import { evaluate } from '../../src/nlu/evaluate';
import { renderEvalHtml } from '../../src/nlu/eval-report';

const count = (html: string, re: RegExp): number => html.match(re)?.length ?? 0;

describe('renderEvalHtml', () => {
  // 12 confident right answers, 2 unsure wrong ones, 1 unsure right one
  const predictions = [
    ...Array.from({ length: 12 }, () => ({ expected: 'refund', predicted: 'refund', confidence: 0.97 })),
    { expected: 'refund', predicted: '<b>fee</b>', confidence: 0.41 },
    { expected: '<b>fee</b>', predicted: 'refund', confidence: 0.44 },
    { expected: '<b>fee</b>', predicted: '<b>fee</b>', confidence: 0.43 },
  ];

  it('draws a reliability diagram: one bar per non-empty bin, pale where a bin holds few examples', () => {
    const report = evaluate(predictions);
    const html = renderEvalHtml(report);
    expect(report.reliability).toHaveLength(2);
    expect(count(html, /<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="reliability"/g)).toBe(1);
    expect(count(html, /<rect class="acc"/g)).toBe(1); // the 12 at 97 %
    expect(count(html, /<rect class="acc few"/g)).toBe(1); // the 3 around 43 %
    expect(html).toContain('right 33.3%, mean confidence 42.7%');
    expect(html).toContain('right 100.0%, mean confidence 97.0%');
  });

  it('escapes intent names and leaves the diagram out without confidences', () => {
    const html = renderEvalHtml(evaluate(predictions.map(({ expected, predicted }) => ({ expected, predicted }))));
    expect(html).not.toContain('<b>fee</b>');
    expect(html).toContain('&lt;b&gt;fee&lt;/b&gt;');
    expect(html).not.toContain('<svg');
    expect(html).not.toContain('ECE');
  });
});
