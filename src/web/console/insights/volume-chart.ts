/**
 * The Insights bar chart: conversations started per week, so a share in the line chart can be
 * read against how many chats it stands on. Pure data (svg-tree.ts).
 */
import type { Insights } from '../../../protocol/insights';
import { createFrame, weekAxis, yGrid } from './chart-frame';
import { conversationsText, dayLabel, weekLabel, type DateOptions } from './format';
import { s, type SvgNode } from './svg-tree';

const BOX = { width: 720, height: 200, left: 56, right: 700, top: 16, bottom: 160 };

/**
 * Whole-number grid values from 0 to at least `max`, about four steps of 1, 2 or 5 × 10ⁿ.
 * @example countTicks(13) // [0, 5, 10, 15]
 */
export function countTicks(max: number): number[] {
  const raw = Math.max(max, 1) / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, ([1, 2, 5, 10].map((m) => m * mag).find((v) => v >= raw) ?? 10 * mag));
  const top = Math.max(step, Math.ceil(max / step) * step);
  const ticks: number[] = [];
  for (let v = 0; v <= top; v += step) ticks.push(v);
  return ticks;
}

/** The bar chart's aria-label and <title>. */
export function volumeChartSummary(insights: Insights, dates: DateOptions = {}): string {
  const { weeks } = insights;
  const first = weeks[0];
  const last = weeks[weeks.length - 1];
  if (!first || !last) return 'Bar chart of conversations per week: no weeks to show.';
  const busiest = weeks.reduce((a, b) => (b.conversations > a.conversations ? b : a));
  const total = weeks.reduce((n, w) => n + w.conversations, 0);
  return (
    `Bar chart of conversations started per week, ${weeks.length} weeks from ${dayLabel(first.from, dates)} to ${dayLabel(last.to - 1, dates)}: ` +
    `${conversationsText(total)} in all, the most in ${weekLabel(busiest.from, busiest.to, dates)} (${busiest.conversations}), ${last.conversations} this week.`
  );
}

export function volumeChart(insights: Insights, dates: DateOptions = {}): SvgNode {
  const { weeks } = insights;
  const ticks = countTicks(Math.max(0, ...weeks.map((w) => w.conversations)));
  const frame = createFrame(BOX, weeks, ticks[ticks.length - 1] ?? 1);
  const barW = Math.min(frame.weekWidth * 0.6, 48);
  const summary = volumeChartSummary(insights, dates);
  return s(
    'svg',
    { class: 'ins-chart volume', viewBox: `0 0 ${BOX.width} ${BOX.height}`, role: 'img', 'aria-label': summary },
    s('title', {}, summary),
    yGrid(frame, ticks, String),
    weekAxis(frame, weeks, dates),
    s(
      'g',
      { class: 'bars' },
      ...weeks.map((w) => {
        const x = frame.weekX(w);
        const y = frame.y(w.conversations);
        const tip = s('title', {}, `${weekLabel(w.from, w.to, dates)}: ${conversationsText(w.conversations)}`);
        return s(
          'g',
          { class: 'bar' },
          w.conversations > 0 ? s('rect', { x: x - barW / 2, y, width: barW, height: frame.bottom - y }, tip) : tip,
          s('text', { x, y: y - 4, 'text-anchor': 'middle' }, String(w.conversations)),
        );
      }),
    ),
  );
}
