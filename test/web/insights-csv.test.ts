import { INSIGHTS_WEEK_MS, type Insights, type InsightsWeek } from '../../src/protocol/insights';
import { csvField, csvFileName, insightsCsv } from '../../src/web/console/insights/csv';
import { insightsWeek } from '../helpers/insights';

const NOV_20 = Date.UTC(2023, 10, 20);

const week = (i: number, w: Partial<InsightsWeek> = {}): InsightsWeek => insightsWeek(NOV_20, i, w);

describe('insights CSV', () => {
  const insights: Insights = {
    now: NOV_20 + 2 * INSIGHTS_WEEK_MS,
    weeks: [
      week(0, { conversations: 10, handedOver: 3, unmet: 1, byReason: { asked_for_human: 2, low_confidence: 1, frustration: 1, urgent_security: 0 }, rated: 4, ratingSum: 14 }),
      week(1, { conversations: 5 }),
    ],
    activations: [
      { at: NOV_20 + INSIGHTS_WEEK_MS + 3600_000, versionId: 'intents-abc-1', by: 'olive' },
      { at: NOV_20 + INSIGHTS_WEEK_MS + 7200_000, versionId: null, by: '=HYPERLINK("x")' },
    ],
  };
  const lines = insightsCsv(insights).split('\r\n');

  it('has a header and one row per week, oldest first, with the raw counts', () => {
    expect(lines[0]).toBe('week_start,week_end,conversations,handed_over,unmet,asked_for_human,low_confidence,frustration,urgent_security,rated,rating_sum,model_activations');
    expect(lines[1]).toBe('2023-11-20T00:00:00Z,2023-11-27T00:00:00Z,10,3,1,2,1,1,0,4,14,');
    expect(lines[2]!.startsWith('2023-11-27T00:00:00Z,2023-12-04T00:00:00Z,5,0,0,0,0,0,0,0,0,')).toBe(true);
    // a trailing line break ends the last row
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
  });

  it('lists the week’s activations in one quoted field', () => {
    const field = lines[2]!.split(',').slice(11).join(',');
    expect(field).toBe('"2023-11-27T01:00:00Z intents-abc-1 by olive; 2023-11-27T02:00:00Z built-in by =HYPERLINK(""x"")"');
  });

  it('quotes commas, quotes and line breaks, and prefixes a leading = + - @ with an apostrophe', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('@cmd')).toBe("'@cmd");
    expect(csvField(-3)).toBe('-3');
  });

  it('names the file after the last day and the number of weeks', () => {
    expect(csvFileName(insights)).toBe('insights-2023-12-04-2w.csv');
  });
});
