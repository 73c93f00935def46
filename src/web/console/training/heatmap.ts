/**
 * The confusion matrix as a heatmap: a table (rows: true intent, columns: predicted), shaded by
 * the row's share — right answers green on the diagonal, confusions red. Every cell says its
 * count on hover (title) and to screen readers.
 */
import { h } from '../dom';
import { heatCells, intentLabel } from './format';
import type { ConfusionMatrix } from './types';

export function createHeatmap(confusion: ConfusionMatrix): HTMLElement {
  const { labels, matrix } = confusion;
  const cells = heatCells(labels, matrix);
  const head = h(
    'tr',
    {},
    h('th', { class: 'corner', scope: 'col' }, 'true ↓ · predicted →'),
    ...labels.map((l) => h('th', { scope: 'col', title: l }, h('span', {}, intentLabel(l)))),
  );
  const body = labels.map((truth, i) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row', title: truth }, intentLabel(truth)),
      ...(cells[i] ?? []).map((c) => {
        const td = h('td', { class: `cell${c.correct ? ' diag' : ''}${c.darkText ? '' : ' light'}`, title: c.title, 'aria-label': c.title }, c.count > 0 ? String(c.count) : '');
        td.dataset.count = String(c.count);
        // CSSOM, not a style attribute: the console's CSP allows only the former.
        if (c.alpha > 0) td.style.backgroundColor = c.correct ? `rgba(30, 125, 50, ${c.alpha})` : `rgba(179, 38, 30, ${c.alpha})`;
        return td;
      }),
    ),
  );
  const table = h(
    'table',
    { class: 'heatmap', 'aria-label': 'Confusion matrix: rows are the true intent, columns the predicted one' },
    h('thead', {}, head),
    h('tbody', {}, ...body),
  );
  const legend = h(
    'p',
    { class: 'legend' },
    h('span', {}, h('span', { class: 'sw ok', 'aria-hidden': 'true' }), 'right (diagonal)'),
    h('span', {}, h('span', { class: 'sw bad', 'aria-hidden': 'true' }), 'confused with another intent'),
    h('span', {}, 'Darker = larger share of that intent’s held-out messages. Hover a cell for its count.'),
  );
  return h('figure', { class: 'heatmap-figure' }, h('div', { class: 'heatmap-wrap', tabindex: '0', role: 'region', 'aria-label': 'Confusion matrix heatmap' }, table), legend);
}
