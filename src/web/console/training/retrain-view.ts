/**
 * Retrain: start a background run, follow its progress (polling `GET /api/training/runs/:id`,
 * which answers on any node), then show the report of the version it made, with Activate.
 */
import { h, replace, setText } from '../dom';
import { errorText, type TrainingApi } from './api';
import { confirmAction } from './confirm';
import { runText } from './format';
import { createReport } from './report-view';
import type { ModelVersion, TrainingRun } from './types';

export interface RetrainViewOptions {
  api: TrainingApi;
  announce(text: string): void;
  /** A version was activated here (the versions tab refreshes). */
  onActivated(): void;
  /** Poll interval in ms. Default 500. */
  pollMs?: number;
}

export function createRetrainView(opts: RetrainViewOptions) {
  const { api } = opts;
  const pollMs = opts.pollMs ?? 500;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let lastSaid = -1;

  const start = h('button', { class: 'btn primary', type: 'button' }, 'Start retraining');
  const bar = h('div', { class: 'bar' });
  const progress = h('div', { class: 'progress', role: 'progressbar', 'aria-label': 'Retraining progress', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': '0', hidden: true }, bar);
  const line = h('p', { class: 'status-line', role: 'status', 'aria-live': 'polite' });
  const reportHolder = h('div', {});
  const el = h(
    'div',
    { class: 'retrain' },
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'tr-retrain-h' },
      h('h2', { id: 'tr-retrain-h' }, 'Retrain the intent model'),
      h(
        'p',
        { class: 'lead' },
        'Trains a new version in the background from intents/ plus every labelled message, and compares it with the active model on the same held-out messages. Chats keep being answered; nothing changes until you activate it.',
      ),
      h('div', { class: 'toolbar' }, start),
      progress,
      line,
    ),
    reportHolder,
  );

  function showRun(run: TrainingRun) {
    const p = Math.round(Math.max(0, Math.min(1, run.status === 'succeeded' ? 1 : run.progress)) * 100);
    progress.hidden = false;
    progress.setAttribute('aria-valuenow', String(p));
    progress.setAttribute('aria-valuetext', `${p}%`);
    progress.classList.toggle('done', run.status === 'succeeded');
    progress.classList.toggle('failed', run.status === 'failed');
    bar.style.width = `${p}%`;
    // Screen readers hear every tenth, not every poll.
    const step = run.status === 'running' ? Math.floor(p / 10) : 100 + (run.status === 'failed' ? 1 : 0);
    if (step !== lastSaid) {
      lastSaid = step;
      setText(line, runText(run));
    }
    start.disabled = run.status === 'running';
  }

  async function showVersion(version: ModelVersion, focus: boolean) {
    const acts = h('div', { class: 'toolbar' });
    if (!version.active) {
      const activate = h('button', { class: 'btn primary', type: 'button' }, 'Activate this version');
      activate.addEventListener('click', () => void activateVersion(version, activate));
      acts.append(activate);
    } else acts.append(h('span', { class: 'badge' }, 'Active'));
    acts.append(h('a', { class: 'btn', href: api.reportUrl(version.id), target: '_blank', rel: 'noopener' }, 'Printable report'));
    const report = createReport(version, acts, api.reliabilityUrl(version.id));
    replace(reportHolder, report);
    if (focus) (report.querySelector('h2') as HTMLElement | null)?.focus();
  }

  async function activateVersion(version: ModelVersion, btn: HTMLButtonElement) {
    const yes = await confirmAction('Activate this model?', `Version ${version.id} will answer the next message of every conversation, on every server. You can roll back at any time.`, 'Activate');
    if (!yes) return;
    btn.disabled = true;
    try {
      await api.activate(version.id);
      opts.announce(`Version ${version.id} is now active.`);
      opts.onActivated();
      await showVersion(await api.version(version.id), false);
    } catch (err) {
      btn.disabled = false;
      opts.announce(errorText(err));
    }
  }

  async function follow(runId: string) {
    if (stopped) return;
    try {
      const run = await api.run(runId);
      if (stopped) return;
      showRun(run);
      if (run.status === 'running') {
        timer = setTimeout(() => void follow(runId), pollMs);
        return;
      }
      if (run.status === 'succeeded' && run.versionId) await showVersion(await api.version(run.versionId), true);
    } catch (err) {
      setText(line, errorText(err));
      start.disabled = false;
    }
  }

  start.addEventListener('click', async () => {
    start.disabled = true;
    lastSaid = -1;
    try {
      const run = await api.startRun();
      replace(reportHolder);
      showRun(run);
      timer = setTimeout(() => void follow(run.id), pollMs);
    } catch (err) {
      setText(line, errorText(err));
      start.disabled = false;
    }
  });

  return {
    el,
    /** Resumes a run in progress (started here or on another node); else shows the newest version's report. */
    async refresh() {
      try {
        const running = (await api.runs()).find((r) => r.status === 'running');
        if (running) {
          showRun(running);
          clearTimeout(timer);
          timer = setTimeout(() => void follow(running.id), pollMs);
          return;
        }
        const newest = (await api.versions())[0];
        if (newest && !reportHolder.firstChild) await showVersion(newest, false);
      } catch (err) {
        setText(line, errorText(err));
      }
    },
    /** Shows a version's report (from the versions list). */
    show(version: ModelVersion) {
      void showVersion(version, true);
    },
    destroy() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
