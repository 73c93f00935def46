/**
 * Model versions (id, created, author, data hash, accuracy, the active one badged) with Activate
 * and Roll back, both confirmed; and the per-intent confidence thresholds with the suggested
 * value and an editable field.
 */
import { h, replace, setText } from '../dom';
import { errorText, type TrainingApi } from './api';
import { confirmAction } from './confirm';
import { intentLabel, modeHint, modeName, parseThreshold, pct, shortId } from './format';
import type { ModelVersion, ThresholdRow, ThresholdsPage } from './types';

export interface ModelsViewOptions {
  api: TrainingApi;
  announce(text: string): void;
  /** Opens a version's report (the Retrain tab shows it). */
  onShowReport(version: ModelVersion): void;
}

export function createModelsView(opts: ModelsViewOptions) {
  const { api } = opts;
  const rollback = h('button', { class: 'btn danger', type: 'button' }, 'Roll back');
  const versionsBody = h('tbody', {});
  const versionsNote = h('p', { class: 'status-line', 'aria-live': 'polite' });
  const versionsTable = h(
    'table',
    { class: 'data versions' },
    h('caption', { class: 'vh' }, 'Model versions, newest first'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['Version', 'Created', 'Author', 'Data hash'].map((t) => h('th', { scope: 'col' }, t)),
        h('th', { scope: 'col', class: 'num' }, 'Accuracy'),
        h('th', { scope: 'col', class: 'num' }, 'Macro-F1'),
        h('th', { scope: 'col' }, 'Mode'),
        h('th', { scope: 'col' }, 'Status'),
        h('th', { scope: 'col' }, h('span', { class: 'vh' }, 'Actions')),
      ),
    ),
    versionsBody,
  );
  const thrBody = h('tbody', {});
  const thrNote = h('p', { class: 'lead' });
  const thrStatus = h('p', { class: 'status-line', 'aria-live': 'polite' });

  const el = h(
    'div',
    { class: 'models' },
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'tr-versions-h' },
      h('h2', { id: 'tr-versions-h' }, 'Model versions'),
      h('p', { class: 'lead' }, 'Activating is hot: conversations in flight continue and their next message uses the chosen model, on every server.'),
      h('div', { class: 'toolbar' }, rollback, h('span', { class: 'lead' }, 'Returns to the version that was active before the current one (or the built-in model).')),
      versionsNote,
      versionsTable,
    ),
    h(
      'section',
      { class: 'panel thr', 'aria-labelledby': 'tr-thr-h' },
      h('h2', { id: 'tr-thr-h' }, 'Confidence thresholds per intent'),
      thrNote,
      thrStatus,
      h(
        'table',
        { class: 'data thresholds' },
        h('caption', { class: 'vh' }, 'Per-intent thresholds'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Intent'),
            h('th', { scope: 'col', class: 'num' }, 'In use'),
            h('th', { scope: 'col' }, 'Suggested'),
            h('th', { scope: 'col' }, 'Threshold'),
            h('th', { scope: 'col' }, h('span', { class: 'vh' }, 'Actions')),
          ),
        ),
        thrBody,
      ),
    ),
  );

  async function act(question: [string, string, string], run: () => Promise<string>, btn: HTMLButtonElement) {
    if (!(await confirmAction(...question))) return;
    btn.disabled = true;
    try {
      opts.announce(await run());
      await Promise.all([loadVersions(), loadThresholds()]);
    } catch (err) {
      setText(versionsNote, errorText(err));
      opts.announce(errorText(err));
    } finally {
      btn.disabled = false;
    }
  }

  rollback.addEventListener('click', () =>
    void act(
      ['Roll back the model?', 'The version that was active before the current one answers the next message of every conversation, on every server.', 'Roll back'],
      async () => {
        const { active } = await api.rollback();
        return active ? `Rolled back: version ${active} is active.` : 'Rolled back: the built-in model from intents/ is active.';
      },
      rollback,
    ),
  );

  function versionRow(v: ModelVersion): HTMLTableRowElement {
    const acc = v.metrics?.candidate;
    const actions = h('div', { class: 'row-actions' });
    const report = h('button', { class: 'btn small', type: 'button', 'aria-label': `Report of ${v.id}` }, 'Report');
    report.addEventListener('click', () => opts.onShowReport(v));
    actions.append(report);
    if (!v.active) {
      const activate = h('button', { class: 'btn small primary', type: 'button', 'aria-label': `Activate ${v.id}` }, 'Activate');
      activate.addEventListener('click', () =>
        void act(
          ['Activate this model?', `Version ${v.id} will answer the next message of every conversation, on every server.`, 'Activate'],
          async () => {
            await api.activate(v.id);
            return `Version ${v.id} is now active.`;
          },
          activate,
        ),
      );
      actions.append(activate);
    }
    const created = new Date(v.createdAt);
    return h(
      'tr',
      { 'data-version': v.id, class: v.active ? 'active' : undefined },
      h('td', { class: 'mono', title: v.id }, v.id),
      h('td', {}, h('time', { datetime: created.toISOString() }, created.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' }))),
      h('td', { class: 'mono', title: v.author }, shortId(v.author)),
      h('td', { class: 'mono', title: v.dataHash }, shortId(v.dataHash, 12)),
      h('td', { class: 'num' }, pct(acc?.accuracy)),
      h('td', { class: 'num' }, pct(acc?.macroF1)),
      h('td', { title: modeHint(v.metrics?.mode) }, modeName(v.metrics?.mode)),
      h('td', {}, v.active ? h('span', { class: 'badge' }, 'Active') : v.activatedAt ? 'Was active' : 'Not activated'),
      h('td', {}, actions),
    );
  }

  async function loadVersions() {
    try {
      const versions = await api.versions();
      replace(versionsBody, ...versions.map(versionRow));
      versionsTable.hidden = versions.length === 0;
      const active = versions.find((v) => v.active);
      setText(
        versionsNote,
        versions.length === 0
          ? 'No versions yet: the built-in model from intents/ is answering. Retrain to make one.'
          : active
            ? `${versions.length} version${versions.length === 1 ? '' : 's'}.`
            : `${versions.length} version${versions.length === 1 ? '' : 's'}; the built-in model from intents/ is active.`,
      );
    } catch (err) {
      setText(versionsNote, errorText(err));
    }
  }

  function thresholdRow(r: ThresholdRow, global: number): HTMLTableRowElement {
    const id = `tr-thr-${r.intent}`;
    const input = h('input', { id, type: 'number', min: '0', max: '1', step: '0.01', inputmode: 'decimal', placeholder: global.toFixed(2), 'aria-label': `Threshold for ${intentLabel(r.intent)}` });
    if (r.threshold !== null) input.value = String(r.threshold);
    const save = h('button', { class: 'btn small', type: 'submit' }, 'Save');
    const actions = h('div', { class: 'row-actions' }, save);
    if (r.suggested) {
      const use = h('button', { class: 'btn small', type: 'button', 'aria-label': `Use suggested ${r.suggested.threshold} for ${intentLabel(r.intent)}` }, 'Use suggested');
      use.addEventListener('click', () => {
        input.value = String(r.suggested?.threshold ?? '');
        input.focus();
      });
      actions.append(use);
    }
    // novalidate: our own sentence, next to the field, instead of the browser's bubble.
    const form = h('form', { id: `${id}-form`, novalidate: true });
    const note = h('span', { class: 'row-note', 'aria-live': 'polite' });
    actions.append(note);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const parsed = parseThreshold(input.value);
      if ('error' in parsed) {
        note.className = 'row-note err';
        setText(note, parsed.error);
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        return;
      }
      input.removeAttribute('aria-invalid');
      save.disabled = true;
      try {
        await api.setThreshold(r.intent, parsed.value);
        const msg = parsed.value === null ? `${intentLabel(r.intent)} uses the global threshold ${global}.` : `Threshold for ${intentLabel(r.intent)} set to ${parsed.value}.`;
        opts.announce(msg);
        await loadThresholds();
        const again = thrBody.querySelector(`tr[data-intent="${r.intent}"]`);
        const againNote = again?.querySelector('.row-note');
        if (againNote) setText(againNote, 'Saved.');
        (again?.querySelector('input') as HTMLInputElement | null)?.focus();
      } catch (err) {
        note.className = 'row-note err';
        setText(note, errorText(err));
      } finally {
        save.disabled = false;
      }
    });
    input.setAttribute('form', form.id);
    save.setAttribute('form', form.id);
    const s = r.suggested;
    return h(
      'tr',
      { 'data-intent': r.intent },
      h('td', { title: r.intent }, intentLabel(r.intent), form),
      h('td', { class: 'num' }, r.effective.toFixed(2), r.threshold === null ? h('span', { class: 'lead' }, ' (global)') : ''),
      h('td', {}, s ? `${s.threshold} — keeps ${pct(s.precision, 0)} right on ${s.covered}${s.predicted ? ` of ${s.predicted}` : ''} held-out` : '—'),
      h('td', {}, input),
      h('td', {}, actions),
    );
  }

  async function loadThresholds() {
    try {
      const page: ThresholdsPage = await api.thresholds();
      setText(
        thrNote,
        `Below its threshold an answer counts as unsure (the bot offers topics or hands off). Empty = the global ${page.global}. Suggestions keep precision ≥ 95 % on held-out messages${page.suggestedFrom ? ` (from ${page.suggestedFrom})` : '; retrain to get them'}.`,
      );
      replace(thrBody, ...page.intents.map((r) => thresholdRow(r, page.global)));
    } catch (err) {
      setText(thrStatus, errorText(err));
    }
  }

  return {
    el,
    async refresh() {
      await Promise.all([loadVersions(), loadThresholds()]);
    },
  };
}
