import { INSIGHTS_WEEK_MS, type Insights, type InsightsWeek } from '../../src/protocol/insights';
import { linePath, rateChart, rateChartSummary } from '../../src/web/console/insights/chart';
import type { SvgChild, SvgNode } from '../../src/web/console/insights/svg-tree';
import { countTicks, volumeChart } from '../../src/web/console/insights/volume-chart';
import { insightsWeek } from '../helpers/insights';

const START = Date.UTC(2023, 9, 30);
const UTC = { locale: 'en-US', timeZone: 'UTC', now: START };

const week = (i: number, conversations: number, handedOver: number): InsightsWeek =>
  insightsWeek(START, i, { conversations, handedOver, byReason: { asked_for_human: handedOver, low_confidence: 0, frustration: 0, urgent_security: 0 } });

/** Four weeks; the third had no conversations. A model was activated in the middle of the second. */
const insights: Insights = {
  now: START + 4 * INSIGHTS_WEEK_MS,
  weeks: [week(0, 4, 2), week(1, 10, 5), week(2, 0, 0), week(3, 8, 2)],
  activations: [{ at: START + 1.5 * INSIGHTS_WEEK_MS, versionId: 'm-42-<script>&"', by: 'olive' }],
};

function findAll(node: SvgNode, test: (n: SvgNode) => boolean): SvgNode[] {
  const found = test(node) ? [node] : [];
  for (const c of node.children) if (typeof c !== 'string') found.push(...findAll(c, test));
  return found;
}
const textOf = (n: SvgChild): string => (typeof n === 'string' ? n : n.children.map(textOf).join(''));
const hasClass = (cls: string) => (n: SvgNode) => (n.attrs.class ?? '').split(' ').includes(cls);
const plain = (s: string) => s.replace(/\u2009/g, ' ');

describe('insights line chart', () => {
  const chart = rateChart(insights, UTC);
  const series = (key: string) => findAll(chart, hasClass(key))[0]!;

  it('is one image with a summary that says the figures in words', () => {
    expect(chart.tag).toBe('svg');
    expect(chart.attrs.role).toBe('img');
    const summary = plain(chart.attrs['aria-label']!);
    expect(textOf(chart.children[0]!)).toBe(chart.attrs['aria-label']);
    expect(summary).toContain('4 weeks from Oct 30 to Nov 26');
    expect(summary).toContain('This week 75% resolved by the bot and 25% handed to a person.');
    expect(summary).toContain('1 week without conversations is left blank.');
    expect(summary).toContain('1 model activation is marked.');
  });

  it('draws one point per week with conversations, at the share, and breaks the line at the empty week', () => {
    const resolved = series('resolved');
    const points = findAll(resolved, hasClass('pt'));
    expect(points).toHaveLength(3);
    // 50 %, 50 %, then 75 %: the last point sits higher (smaller y) than the first.
    const ys = points.map((p) => Number(p.attrs.cy));
    expect(ys[0]).toBe(ys[1]);
    expect(ys[2]).toBeLessThan(ys[0]!);
    expect(plain(textOf(points[2]!))).toBe('Nov 20 – 26: 75% resolved by the bot (8 conversations)');
    // Two runs: weeks 1–2, then week 4 alone; nothing is drawn at 0 % for week 3.
    const d = findAll(resolved, (n) => n.tag === 'path')[0]!.attrs.d!;
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d.match(/L/g)).toHaveLength(1);
    const zeroY = findAll(chart, hasClass('grid'))[0]!.children.filter((c): c is SvgNode => typeof c !== 'string' && c.tag === 'line')[0]!.attrs.y1;
    expect(points.some((p) => p.attrs.cy === zeroY)).toBe(false);
    // The hand-over series uses another shape, so the lines part without colour.
    expect(findAll(series('handed'), hasClass('pt')).map((p) => p.tag)).toEqual(['rect', 'rect', 'rect']);
  });

  it('marks a model activation with a dashed line at its time, between the weeks around it, with its label as text', () => {
    const plotMarks = findAll(chart, hasClass('activations'))[0]!.children as SvgNode[];
    expect(plotMarks).toHaveLength(1);
    expect(textOf(findAll(plotMarks[0]!, (n) => n.tag === 'title')[0]!)).toMatch(/model m-42-<script>&" activated$/);
    const line = findAll(plotMarks[0]!, hasClass('marker'))[0]!;
    expect(line.attrs['stroke-dasharray']).toBe('4 3');
    expect(line.attrs.x1).toBe(line.attrs.x2);
    const [p1, p2] = findAll(series('resolved'), hasClass('pt')).map((p) => Number(p.attrs.cx));
    // Half-way through week 2 is where week 2's point is.
    expect(Number(line.attrs.x1)).toBeCloseTo(p2!, 0);
    expect(Number(line.attrs.x1)).toBeGreaterThan(p1!);
    // The version id (in the title) stays a string child (a text node when rendered), never markup.
    const title = findAll(plotMarks[0]!, (n) => n.tag === 'title')[0]!;
    expect(title.children.every((c) => typeof c === 'string')).toBe(true);
    const label = findAll(plotMarks[0]!, (n) => n.tag === 'text')[0]!;
    expect(label.children).toEqual(['New model']);
  });

  it('has axis labels from 0 % to 100 % and a legend for both lines and the markers', () => {
    const grid = findAll(chart, hasClass('grid'))[0]!;
    expect(findAll(grid, (n) => n.tag === 'text').map(textOf)).toEqual(['0%', '25%', '50%', '75%', '100%']);
    expect(findAll(chart, hasClass('x-axis'))[0]!.children.filter((c) => typeof c !== 'string' && c.tag === 'text').map(textOf)).toEqual(['Oct 30', 'Nov 6', 'Nov 13', 'Nov 20']);
    expect(findAll(findAll(chart, hasClass('legend'))[0]!, (n) => n.tag === 'text').map(textOf)).toEqual(['Resolved by the bot', 'Handed to a person', 'Model activated']);
  });

  it('labels only some weeks when there are many, always the newest', () => {
    const many: Insights = { now: 0, weeks: Array.from({ length: 26 }, (_, i) => week(i, 1, 0)), activations: [] };
    const labels = findAll(findAll(rateChart(many, UTC), hasClass('x-axis'))[0]!, (n) => n.tag === 'text').map(textOf);
    expect(labels.length).toBeLessThanOrEqual(9);
    expect(labels[labels.length - 1]).toBe('Apr 22');
  });

  it('says when this week had no conversations', () => {
    const quiet = { ...insights, weeks: [week(0, 4, 2), week(1, 0, 0)], activations: [] };
    expect(rateChartSummary(quiet, UTC)).toContain('No conversations this week.');
    expect(rateChartSummary(quiet, UTC)).not.toMatch(/NaN|model activation/);
  });
});

describe('linePath', () => {
  it('moves to the first point of every run and lines to the rest', () => {
    expect(linePath([{ x: 1, y: 2 }, { x: 3, y: 4 }, undefined, { x: 5.04, y: 6 }, undefined])).toBe('M1 2 L3 4 M5 6');
    expect(linePath([undefined, undefined])).toBe('');
  });
});

describe('insights bar chart', () => {
  it('has a bar per week with conversations, its count above, on whole-number ticks', () => {
    const chart = volumeChart(insights, UTC);
    expect(chart.attrs.role).toBe('img');
    expect(plain(chart.attrs['aria-label']!)).toContain('22 conversations in all, the most in Nov 6 – 12 (10), 8 this week.');
    const bars = findAll(chart, hasClass('bar'));
    expect(bars.map((b) => findAll(b, (n) => n.tag === 'text').map(textOf)[0])).toEqual(['4', '10', '0', '8']);
    // No rectangle for the empty week.
    expect(bars.map((b) => findAll(b, (n) => n.tag === 'rect').length)).toEqual([1, 1, 0, 1]);
    const heights = bars.flatMap((b) => findAll(b, (n) => n.tag === 'rect')).map((r) => Number(r.attrs.height));
    expect(heights[1]).toBeGreaterThan(heights[2]!);
    expect(heights[0]! / heights[1]!).toBeCloseTo(0.4, 1);
  });

  it('picks tick steps of 1, 2 or 5 × 10ⁿ that reach the largest count', () => {
    expect(countTicks(0)).toEqual([0, 1]);
    expect(countTicks(3)).toEqual([0, 1, 2, 3]);
    expect(countTicks(10)).toEqual([0, 5, 10]);
    expect(countTicks(13)).toEqual([0, 5, 10, 15]);
    expect(countTicks(230)).toEqual([0, 100, 200, 300]);
  });
});
