/**
 * What the two Insights charts share: a plot area over the weeks' time range (so a week's point
 * and a model activation inside it line up), the horizontal grid with its value labels, and the
 * week labels under the plot. Pure data (svg-tree.ts).
 */
import type { InsightsWeek } from '../../../protocol/insights';
import { dayLabel, type DateOptions } from './format';
import { s, type SvgNode } from './svg-tree';

export interface FrameBox {
  width: number;
  height: number;
  /** Plot area edges in viewBox units. */
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface Frame extends FrameBox {
  /** Epoch ms → x; the range runs from the first week's `from` to the last week's `to`. */
  x(t: number): number;
  /** `value / max` → y, 0 at the bottom of the plot. */
  y(value: number): number;
  /** The x of a week's middle, where its point or bar sits. */
  weekX(w: Pick<InsightsWeek, 'from' | 'to'>): number;
  /** The width one week takes. */
  weekWidth: number;
}

export function createFrame(box: FrameBox, weeks: readonly InsightsWeek[], max: number): Frame {
  const start = weeks[0]?.from ?? 0;
  const end = weeks[weeks.length - 1]?.to ?? start + 1;
  const span = Math.max(end - start, 1);
  const plotW = box.right - box.left;
  const plotH = box.bottom - box.top;
  const x = (t: number) => box.left + ((t - start) / span) * plotW;
  return {
    ...box,
    x,
    y: (value: number) => box.bottom - (max > 0 ? Math.min(Math.max(value / max, 0), 1) : 0) * plotH,
    weekX: (w) => x((w.from + w.to) / 2),
    weekWidth: plotW / Math.max(weeks.length, 1),
  };
}

/** Horizontal grid lines at `ticks`, each labelled left of the plot. */
export function yGrid(frame: Frame, ticks: readonly number[], label: (v: number) => string): SvgNode {
  return s(
    'g',
    { class: 'grid' },
    ...ticks.flatMap((v) => {
      const y = frame.y(v);
      return [s('line', { x1: frame.left, x2: frame.right, y1: y, y2: y }), s('text', { x: frame.left - 6, y, dy: '0.32em', 'text-anchor': 'end' }, label(v))];
    }),
  );
}

/** Most week labels that fit under a plot without overlapping. */
const MAX_WEEK_LABELS = 9;

/**
 * Each week's first day under its middle; with many weeks only every k-th, counted back from the
 * newest so that it is always labelled.
 */
export function weekAxis(frame: Frame, weeks: readonly InsightsWeek[], dates: DateOptions): SvgNode {
  const every = Math.ceil(weeks.length / MAX_WEEK_LABELS);
  const y = frame.bottom + 18;
  return s(
    'g',
    { class: 'x-axis' },
    s('line', { class: 'axis', x1: frame.left, x2: frame.right, y1: frame.bottom, y2: frame.bottom }),
    ...weeks.filter((_, i) => (weeks.length - 1 - i) % every === 0).map((w) => s('text', { x: frame.weekX(w), y, 'text-anchor': 'middle' }, dayLabel(w.from, dates))),
  );
}
