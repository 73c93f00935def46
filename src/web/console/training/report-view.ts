/**
 * A retrain's report: the new model against the active one on the same held-out messages —
 * accuracy and macro-F1, per-intent F1 deltas (sortable), the labelled messages it now gets right
 * or wrong, the confusion-matrix heatmap and the reliability diagram.
 */
import { h, replace } from '../dom';
import { createHeatmap } from './heatmap';
import { deltaDirection, intentLabel, pct, signedPoints, sortIntentRows, type IntentSortKey } from './format';
import type { LabelledOutcome, ModelVersion } from './types';

function card(key: string, value: string, sub: Node | string, cls?: string): HTMLElement {
  return h('div', { class: `card${cls ? ` ${cls}` : ''}` }, h('div', { class: 'k' }, key), h('div', { class: 'v' }, value), h('div', { class: 's' }, sub));
}

function deltaSpan(delta: number | undefined): HTMLElement {
  return h('span', { class: deltaDirection(delta) }, signedPoints(delta));
}

const COLUMNS: { key: IntentSortKey; label: string; num: boolean }[] = [
  { key: 'intent', label: 'Intent', num: false },
  { key: 'candidateF1', label: 'New F1', num: true },
  { key: 'activeF1', label: 'Active F1', num: true },
  { key: 'delta', label: 'Change', num: true },
  { key: 'support', label: 'Held-out', num: true },
];

function perIntentTable(perIntent: NonNullable<ModelVersion['metrics']['perIntent']>): HTMLElement {
  let key: IntentSortKey = 'delta';
  let dir: 'asc' | 'desc' = 'asc';
  const headRow = h('tr', {});
  const body = h('tbody', {});
  const table = h('table', { class: 'data per-intent' }, h('caption', { class: 'vh' }, 'F1 per intent, new model against the active one'), h('thead', {}, headRow), body);

  function render() {
    replace(
      headRow,
      ...COLUMNS.map((c) => {
        const btn = h('button', { type: 'button' }, c.label);
        btn.addEventListener('click', () => {
          if (key === c.key) dir = dir === 'asc' ? 'desc' : 'asc';
          else {
            key = c.key;
            dir = c.key === 'intent' ? 'asc' : 'desc';
          }
          render();
          (headRow.querySelectorAll('button')[COLUMNS.indexOf(c)] as HTMLButtonElement | undefined)?.focus();
        });
        return h('th', { scope: 'col', class: c.num ? 'num' : undefined, 'aria-sort': key === c.key ? (dir === 'asc' ? 'ascending' : 'descending') : 'none' }, btn);
      }),
    );
    replace(
      body,
      ...sortIntentRows(perIntent, key, dir).map((r) =>
        h(
          'tr',
          {},
          h('td', { title: r.intent }, intentLabel(r.intent)),
          h('td', { class: 'num' }, pct(r.candidateF1)),
          h('td', { class: 'num' }, pct(r.activeF1)),
          h('td', { class: `num ${deltaDirection(r.delta)}` }, signedPoints(r.delta)),
          h('td', { class: 'num' }, String(r.support)),
        ),
      ),
    );
  }
  render();
  return table;
}

function outcomeList(title: string, rows: LabelledOutcome[] | undefined, cls: string, none: string): HTMLElement {
  const list = rows ?? [];
  return h(
    'div',
    { class: 'card' },
    h('div', { class: `k ${cls}` }, `${title} (${list.length})`),
    list.length
      ? h('ul', {}, ...list.map((o) => h('li', {}, `“${o.text}” — expected ${intentLabel(o.expected)}; was ${intentLabel(o.before)}, now ${intentLabel(o.after)}`)))
      : h('p', { class: 's' }, none),
  );
}

/**
 * The report of one model version; `actions` (e.g. an Activate button) go under the heading;
 * `reliabilityUrl`, the server-drawn reliability diagram of this version (shown when it has calibration figures).
 */
export function createReport(version: ModelVersion, actions?: Node, reliabilityUrl?: string): HTMLElement {
  const m = version.metrics ?? {};
  const cand = m.candidate;
  const act = m.active;
  const parts: Node[] = [
    h('h2', { id: `tr-report-${version.id}`, tabindex: '-1' }, 'Report: new model against the active one'),
    h(
      'p',
      { class: 'lead' },
      `Version ${version.id}${version.active ? ' (active)' : ''} · ${new Date(version.createdAt).toLocaleString()} · evaluated on ${m.heldOut ?? '?'} held-out messages that neither model trained on · ${m.examples ?? '?'} examples, ${m.labelledExamples ?? 0} from labels`,
    ),
  ];
  if (actions) parts.push(actions);
  parts.push(
    h(
      'div',
      { class: 'cards metrics' },
      card('Accuracy', pct(cand?.accuracy), h('span', {}, `active ${pct(act?.accuracy)} · `, deltaSpan(m.delta?.accuracy)), 'accuracy'),
      card('Macro-F1', pct(cand?.macroF1), h('span', {}, `active ${pct(act?.macroF1)} · `, deltaSpan(m.delta?.macroF1)), 'macro-f1'),
      card('Calibration error (ECE)', pct(cand?.ece), 'lower is better: confidences match how often it is right'),
      card('Training time', m.trainMs !== undefined ? `${(m.trainMs / 1000).toFixed(1)} s` : '—', m.newIntents?.length ? `new intents: ${m.newIntents.map(intentLabel).join(', ')}` : 'no new intents'),
    ),
  );
  if (m.perIntent && Object.keys(m.perIntent).length) {
    parts.push(h('h3', {}, 'F1 per intent'), h('p', { class: 'lead' }, 'Sorted by change, worst first. Click a column heading to sort.'), perIntentTable(m.perIntent));
  }
  parts.push(
    h('h3', {}, 'Labelled messages'),
    h(
      'div',
      { class: 'outcomes' },
      outcomeList('Now right', m.nowRight, 'up', 'None of the held-out labelled messages changed to right.'),
      outcomeList('Now wrong', m.nowWrong, 'down', 'None got worse.'),
      outcomeList('Still wrong', m.stillWrong, 'same', 'None.'),
    ),
  );
  if (m.report?.confusion?.labels?.length) parts.push(h('h3', {}, 'Confusion matrix'), createHeatmap(m.report.confusion));
  if (reliabilityUrl && m.report?.reliability?.length) {
    parts.push(
      h('h3', {}, 'Calibration'),
      h('p', { class: 'lead' }, 'When the new model is 80% sure, is it right 80% of the time? Bars that reach the dashed diagonal mean yes; hand-offs rely on these confidences.'),
      h('img', {
        class: 'reliability',
        src: reliabilityUrl,
        width: '360',
        height: '444',
        alt: `Reliability diagram of the new model on ${m.report.count} held-out messages: the share it got right in each confidence bin, against the diagonal of perfect calibration. Calibration error (ECE) ${pct(m.report.ece)}.`,
      }),
    );
  }
  return h('section', { class: 'panel report', 'aria-labelledby': `tr-report-${version.id}` }, ...parts);
}
