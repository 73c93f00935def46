/**
 * The summary cards: this week against the week before, the change in words (the sign is in the
 * text, the colour only repeats it).
 */
import type { InsightsWeek } from '../../../protocol/insights';
import { h } from '../dom';
import { summaryCards } from './card-text';
import { weekLabel, type WeekComparison } from './format';

export function createCards(cmp: WeekComparison, current: InsightsWeek, previous: InsightsWeek | undefined): HTMLElement {
  const when = previous ? `${weekLabel(current.from, current.to)}, against ${weekLabel(previous.from, previous.to)}` : weekLabel(current.from, current.to);
  return h(
    'section',
    { class: 'ins-summary', 'aria-labelledby': 'ins-week-title' },
    h('h2', { id: 'ins-week-title' }, 'This week'),
    h('p', { class: 'lead' }, `The last seven days (${when}).`),
    h(
      'ul',
      { class: 'cards', 'aria-label': 'This week against the week before' },
      ...summaryCards(cmp).map((c) =>
        h('li', { class: 'card' }, h('div', { class: 'k' }, c.key), h('div', { class: 'v' }, c.value), h('div', { class: `s ${c.tone}` }, c.note)),
      ),
    ),
  );
}
