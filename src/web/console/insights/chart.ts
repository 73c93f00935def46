/**
 * The Insights line chart: per week, the share of conversations the bot resolved and the share
 * handed to a person (0–100 %), with a dashed marker at each model activation, so a change can be
 * set against the model that caused it. A week without conversations has no point and breaks the
 * line: a gap, not a fall to 0. Pure data (svg-tree.ts); the table beside it carries the figures.
 */
import type { Insights, InsightsWeek } from '../../../protocol/insights';
import { createFrame, weekAxis, yGrid, type Frame } from './chart-frame';
import { activationLabel, activationText, compareWeeks, conversationsText, dayLabel, shareText, weekLabel, weekRates, type DateOptions } from './format';
import { coord, s, type SvgNode } from './svg-tree';

const BOX = { width: 720, height: 320, left: 56, right: 700, top: 40, bottom: 246 };

interface Series {
  key: 'resolved' | 'handed';
  name: string;
  share(w: InsightsWeek): number | undefined;
}

const SERIES: readonly Series[] = [
  { key: 'resolved', name: 'Resolved by the bot', share: (w) => weekRates(w).resolvedShare },
  { key: 'handed', name: 'Handed to a person', share: (w) => weekRates(w).handedOverShare },
];

/** `M … L …` through the weeks that have a value; a week without one starts a new run. */
export function linePath(points: readonly ({ x: number; y: number } | undefined)[]): string {
  let d = '';
  let drawing = false;
  for (const p of points) {
    if (!p) {
      drawing = false;
      continue;
    }
    d += `${d ? ' ' : ''}${drawing ? 'L' : 'M'}${coord(p.x)} ${coord(p.y)}`;
    drawing = true;
  }
  return d;
}

/**
 * A point's shape differs per series, so the lines part without colour: circles and squares. The
 * circle is the larger, so at equal shares (50 % and 50 %) it still shows around the square.
 */
function pointShape(key: Series['key'], x: number, y: number, title: string): SvgNode {
  const tip = s('title', {}, title);
  return key === 'resolved' ? s('circle', { class: 'pt', cx: x, cy: y, r: 6 }, tip) : s('rect', { class: 'pt', x: x - 3, y: y - 3, width: 6, height: 6 }, tip);
}

function seriesNode(series: Series, frame: Frame, weeks: readonly InsightsWeek[], dates: DateOptions): SvgNode {
  const points = weeks.map((w) => {
    const share = series.share(w);
    return share === undefined ? undefined : { x: frame.weekX(w), y: frame.y(share), share, w };
  });
  return s(
    'g',
    { class: `series ${series.key}` },
    s('path', { class: 'line', d: linePath(points), fill: 'none' }),
    ...points.map((p) =>
      p ? pointShape(series.key, p.x, p.y, `${weekLabel(p.w.from, p.w.to, dates)}: ${shareText(p.share)} ${series.name.toLowerCase()} (${conversationsText(p.w.conversations)})`) : null,
    ),
  );
}

function markers(frame: Frame, insights: Insights, dates: DateOptions): SvgNode {
  return s(
    'g',
    { class: 'activations' },
    ...insights.activations.map((a, i) => {
      const x = frame.x(a.at);
      // Two rows of labels, so two activations close together do not print over each other.
      const labelY = i % 2 === 0 ? frame.top - 22 : frame.top - 8;
      const toLeft = x > frame.left + (frame.right - frame.left) * 0.75;
      return s(
        'g',
        { class: 'activation' },
        s('title', {}, activationText(a, dates)),
        s('line', { class: 'marker', x1: x, x2: x, y1: labelY + 4, y2: frame.bottom, 'stroke-dasharray': '4 3' }),
        s('text', { x: toLeft ? x - 4 : x + 4, y: labelY, 'text-anchor': toLeft ? 'end' : 'start' }, activationLabel(a)),
      );
    }),
  );
}

function legend(frame: Frame): SvgNode {
  const y = frame.height - 10;
  const item = (x: number, sample: SvgNode[], text: string, cls: string) =>
    s('g', { class: `item ${cls}` }, ...sample, s('text', { x: x + 30, y, dy: '0.32em' }, text));
  return s(
    'g',
    { class: 'legend' },
    ...SERIES.map((series, i) => {
      const x = frame.left + i * 190;
      return item(x, [s('line', { class: 'line', x1: x, x2: x + 24, y1: y, y2: y }), pointShape(series.key, x + 12, y, series.name)], series.name, `series ${series.key}`);
    }),
    item(frame.left + 380, [s('line', { class: 'marker', x1: frame.left + 392, x2: frame.left + 392, y1: y - 8, y2: y + 8, 'stroke-dasharray': '4 3' })], 'Model activated', 'activation-key'),
  );
}

/**
 * What the chart shows in one or two sentences: its aria-label and <title>, for those who cannot
 * see it.
 */
export function rateChartSummary(insights: Insights, dates: DateOptions = {}): string {
  const { weeks, activations } = insights;
  const first = weeks[0];
  const last = weeks[weeks.length - 1];
  if (!first || !last) return 'Line chart of the weekly share resolved by the bot and handed to a person: no weeks to show.';
  const parts = [`Line chart of the share of each week’s conversations resolved by the bot and handed to a person, ${weeks.length} weeks from ${dayLabel(first.from, dates)} to ${dayLabel(last.to - 1, dates)}.`];
  const cmp = compareWeeks(weeks);
  if (cmp && cmp.current.conversations > 0) {
    let now = `This week ${shareText(cmp.current.resolvedShare)} resolved by the bot and ${shareText(cmp.current.handedOverShare)} handed to a person`;
    if (cmp.previous && cmp.previous.conversations > 0) now += `, against ${shareText(cmp.previous.resolvedShare)} and ${shareText(cmp.previous.handedOverShare)} the week before`;
    parts.push(`${now}.`);
  } else parts.push('No conversations this week.');
  const gaps = weeks.filter((w) => w.conversations === 0).length;
  if (gaps > 0) parts.push(gaps === 1 ? '1 week without conversations is left blank.' : `${gaps} weeks without conversations are left blank.`);
  if (activations.length > 0) parts.push(activations.length === 1 ? '1 model activation is marked.' : `${activations.length} model activations are marked.`);
  return parts.join(' ');
}

/** @example toSvgElement(rateChart(insights)) // the <svg role="img"> for the page */
export function rateChart(insights: Insights, dates: DateOptions = {}): SvgNode {
  const frame = createFrame(BOX, insights.weeks, 1);
  const summary = rateChartSummary(insights, dates);
  return s(
    'svg',
    { class: 'ins-chart rates', viewBox: `0 0 ${BOX.width} ${BOX.height}`, role: 'img', 'aria-label': summary },
    s('title', {}, summary),
    yGrid(frame, [0, 0.25, 0.5, 0.75, 1], (v) => `${Math.round(v * 100)}%`),
    s('text', { class: 'axis-title', transform: `translate(14 ${coord((frame.top + frame.bottom) / 2)}) rotate(-90)`, 'text-anchor': 'middle' }, 'Share of the week’s conversations'),
    weekAxis(frame, insights.weeks, dates),
    s('text', { class: 'axis-title', x: (frame.left + frame.right) / 2, y: frame.bottom + 36, 'text-anchor': 'middle' }, 'Week starting'),
    markers(frame, insights, dates),
    ...SERIES.map((series) => seriesNode(series, frame, insights.weeks, dates)),
    legend(frame),
  );
}
