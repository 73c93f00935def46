/**
 * The weekly figures as CSV, for a report or a spreadsheet: one row per week, oldest first, with
 * raw counts (shares and the mean are left to the spreadsheet, so nothing is rounded twice). Pure.
 */
import type { Insights } from '../../../protocol/insights';
import { activationsIn, REASON_ORDER } from './format';

const HEADER = ['week_start', 'week_end', 'conversations', 'handed_over', 'unmet', ...REASON_ORDER, 'rated', 'rating_sum', 'model_activations'];

/** ISO date-time in UTC, to the second: unambiguous in any spreadsheet's locale. */
const iso = (t: number): string => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * One CSV field: quoted when it holds a comma, quote or line break, and a leading = + - @ made
 * inert, so a spreadsheet never runs a field as a formula (an activation's `by` is free text).
 */
export function csvField(value: string | number): string {
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** @example insightsCsv(insights).split('\r\n')[0] // 'week_start,week_end,conversations,handed_over,unmet,asked_for_human,…' */
export function insightsCsv(insights: Insights): string {
  const rows = insights.weeks.map((w) => [
    iso(w.from),
    iso(w.to),
    w.conversations,
    w.handedOver,
    // Of the handed over, those nobody was available to take (an older server sends none).
    w.unmet ?? 0,
    ...REASON_ORDER.map((r) => w.byReason[r] ?? 0),
    w.rated,
    w.ratingSum,
    activationsIn(w, insights.activations)
      .map((a) => `${iso(a.at)} ${a.versionId ?? 'built-in'} by ${a.by}`)
      .join('; '),
  ]);
  return [HEADER, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** The download's file name: `insights-<last day>-<n>w.csv`. */
export function csvFileName(insights: Insights): string {
  return `insights-${iso(insights.now).slice(0, 10)}-${insights.weeks.length}w.csv`;
}
