/**
 * The Insights page: the weeks selector, then the figures (this week's cards, the charts, the
 * week-by-week table), or a loading, empty or error state in their place. Changing the weeks
 * reloads; a failed load offers Retry.
 */
import { INSIGHTS_DEFAULT_WEEKS, type Insights } from '../../../protocol/insights';
import { h, replace, selectOf, setText } from '../dom';
import { errorText } from '../training/api';
import type { InsightsApi } from './api';
import { createCards } from './cards';
import { rateChart } from './chart';
import { csvFileName, insightsCsv } from './csv';
import { compareWeeks, emptyText, isEmpty, WEEK_CHOICES } from './format';
import { toSvgElement } from './svg-dom';
import { volumeChart } from './volume-chart';
import { createWeekTable } from './week-table';

function figures(insights: Insights): HTMLElement[] {
  const cmp = compareWeeks(insights.weeks);
  const current = insights.weeks[insights.weeks.length - 1];
  const parts: HTMLElement[] = [];
  if (cmp && current) parts.push(createCards(cmp, current, insights.weeks[insights.weeks.length - 2]));
  parts.push(
    h(
      'section',
      { class: 'ins-charts', 'aria-labelledby': 'ins-charts-title' },
      h('h2', { id: 'ins-charts-title' }, 'Week by week'),
      h(
        'figure',
        { class: 'ins-figure' },
        toSvgElement(rateChart(insights)),
        toSvgElement(volumeChart(insights)),
        h('figcaption', {}, 'Dashed lines mark when a model was activated. Weeks without conversations are left blank. The table below has every figure.'),
      ),
      createWeekTable(insights),
      downloadLink(insights),
    ),
  );
  return parts;
}

/** "Download CSV": the figures as a file, built in the page from what is shown (no second request). */
function downloadLink(insights: Insights): HTMLElement {
  const a = h('a', { class: 'btn small', download: csvFileName(insights) }, 'Download CSV');
  // A data URL rather than a blob URL: nothing to revoke when the section is left or reloaded.
  a.href = `data:text/csv;charset=utf-8,${encodeURIComponent(insightsCsv(insights))}`;
  return h('p', { class: 'ins-download' }, a);
}

export function createInsightsView(api: InsightsApi): { el: HTMLElement; load(): Promise<void> } {
  let seq = 0;
  const title = h('h1', { tabindex: '-1' }, 'Insights');
  const weeks = selectOf({ id: 'ins-weeks' }, WEEK_CHOICES.map((n) => [String(n), `${n} weeks`] as const));
  weeks.value = String(WEEK_CHOICES.includes(INSIGHTS_DEFAULT_WEEKS) ? INSIGHTS_DEFAULT_WEEKS : WEEK_CHOICES[0]);
  // Says to screen readers what the visible body shows once it changes.
  const status = h('p', { class: 'vh', role: 'status', 'aria-live': 'polite' });
  const body = h('div', { class: 'ins-body', 'aria-busy': 'false' });
  const el = h(
    'div',
    { class: 'training insights' },
    title,
    h('p', { class: 'lead' }, 'Is the bot getting better? Each week: how many chats the bot resolved on its own, how many went to a person and why, and how customers rated them.'),
    h('div', { class: 'toolbar' }, h('label', { class: 'field', for: 'ins-weeks' }, 'Show the last', weeks)),
    status,
    body,
  );

  async function load(): Promise<void> {
    const mine = ++seq;
    const n = Number(weeks.value);
    // Retry goes away with the error: keep the keyboard on the page rather than on <body>.
    const hadFocus = body.contains(document.activeElement);
    body.setAttribute('aria-busy', 'true');
    setText(status, 'Loading the figures…');
    replace(body, h('p', { class: 'empty' }, 'Loading the figures…'));
    if (hadFocus) title.focus();
    try {
      const insights = await api.load(n);
      if (mine !== seq) return;
      const empty = isEmpty(insights);
      replace(body, ...(empty ? [h('p', { class: 'empty' }, emptyText(n))] : figures(insights)));
      setText(status, empty ? emptyText(n) : `Figures for the last ${n} weeks.`);
    } catch (err) {
      if (mine !== seq) return;
      const retry = h('button', { class: 'btn', type: 'button' }, 'Retry');
      retry.addEventListener('click', () => void load());
      replace(body, h('div', { class: 'ins-error', role: 'alert' }, h('p', { class: 'err' }, `Could not load the figures: ${errorText(err)}`), retry));
      // The alert says it; the status would say it twice.
      setText(status, '');
    } finally {
      if (mine === seq) body.setAttribute('aria-busy', 'false');
    }
  }

  weeks.addEventListener('change', () => void load());
  return { el, load };
}
