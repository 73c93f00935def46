/**
 * The week-by-week table, newest first: every figure of the charts (and the hand-over reasons
 * and model activations), readable without the picture and by screen readers.
 */
import type { Insights } from '../../../protocol/insights';
import { h } from '../dom';
import { reasonLabel } from '../format';
import { activationsIn, activationText, ratingMeanText, REASON_ORDER, shareText, weekLabel, weekRates } from './format';

function num(text: string): HTMLTableCellElement {
  return h('td', { class: 'num' }, text);
}

export function createWeekTable(insights: Insights): HTMLElement {
  const head = [
    h('th', { scope: 'col' }, 'Week'),
    h('th', { scope: 'col', class: 'num' }, 'Conversations'),
    h('th', { scope: 'col', class: 'num' }, 'Resolved by the bot'),
    h('th', { scope: 'col', class: 'num' }, 'Handed to a person'),
    h('th', { scope: 'col', class: 'num' }, 'Nobody available'),
    ...REASON_ORDER.map((r) => h('th', { scope: 'col', class: 'num reason' }, reasonLabel(r))),
    h('th', { scope: 'col', class: 'num' }, 'Rated'),
    h('th', { scope: 'col', class: 'num' }, 'Average rating'),
    h('th', { scope: 'col' }, 'Model changes'),
  ];
  const rows = [...insights.weeks].reverse().map((w, i) => {
    const r = weekRates(w);
    const changes = activationsIn(w, insights.activations);
    return h(
      'tr',
      { class: w.conversations === 0 ? 'quiet' : undefined },
      h('th', { scope: 'row' }, weekLabel(w.from, w.to), i === 0 ? h('span', { class: 'this-week' }, ' (this week)') : null),
      num(String(w.conversations)),
      num(r.resolvedShare === undefined ? shareText(undefined) : `${shareText(r.resolvedShare)} (${r.resolved})`),
      num(r.handedOverShare === undefined ? shareText(undefined) : `${shareText(r.handedOverShare)} (${r.handedOver})`),
      num(String(w.unmet ?? 0)),
      ...REASON_ORDER.map((reason) => num(String(w.byReason[reason] ?? 0))),
      num(String(w.rated)),
      num(ratingMeanText(r.meanRating)),
      h('td', { class: 'changes' }, changes.length ? h('ul', {}, ...changes.map((a) => h('li', {}, activationText(a)))) : '—'),
    );
  });
  const table = h(
    'table',
    { class: 'data ins-table' },
    h('caption', {}, `Week by week, newest first (${insights.weeks.length} weeks). Resolved and handed-over shares are of the week’s conversations; a conversation handed over for two reasons counts under both; “Nobody available” are hand-offs no one could take (a case was opened instead), counted as handed over, never as resolved.`),
    h('thead', {}, h('tr', {}, ...head)),
    h('tbody', {}, ...rows),
  );
  // Wide on a narrow screen: the scrolling box takes focus, so the keyboard can scroll it too.
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Weekly figures' }, table);
}
