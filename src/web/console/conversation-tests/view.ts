/**
 * The Conversation tests page: Run all, progress while it runs, then the PASS/FAIL table and each
 * failure with its reasons and transcript; a not-run-yet, an empty-folder and an error state.
 */
import { transcriptText, type ConversationTestRun } from '../../../protocol/conversation-tests';
import { h, replace, setText } from '../dom';
import { errorText } from '../training/api';
import type { ConversationTestsApi } from './api';
import { gotText, runSummary, runTiming } from './format';

const POLL_MS = 500;

function table(run: ConversationTestRun): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Results' },
    h(
      'table',
      { class: 'ct-table' },
      h('caption', {}, 'One row per file, in file order'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Result'), h('th', { scope: 'col' }, 'File'), h('th', { scope: 'col' }, 'Expected'), h('th', { scope: 'col' }, 'Got'))),
      h(
        'tbody',
        {},
        ...run.results.map((r) =>
          h(
            'tr',
            { class: r.passed ? 'pass' : 'fail' },
            h('td', {}, h('span', { class: `badge ${r.passed ? 'pass' : 'fail'}` }, r.passed ? 'PASS' : 'FAIL')),
            h('th', { scope: 'row' }, r.passed ? r.file : jumpTo(r.file)),
            h('td', {}, r.expected),
            h('td', {}, gotText(r)),
          ),
        ),
      ),
    ),
  );
}

/**
 * A failing file's name: a button that moves focus to its failure below. Not a #hash link: the
 * console's router reads the hash as a section.
 */
function jumpTo(file: string): HTMLElement {
  const b = h('button', { type: 'button', class: 'linkish', title: 'Show its failure and transcript' }, file);
  b.addEventListener('click', () => {
    const target = document.getElementById(`ct-${cssId(file)}`);
    target?.scrollIntoView({ block: 'start' });
    target?.focus();
  });
  return b;
}

function cssId(file: string): string {
  return file.replace(/[^a-zA-Z0-9_-]/g, '-');
}

function failures(run: ConversationTestRun): HTMLElement[] {
  const failed = run.results.filter((r) => !r.passed);
  if (failed.length === 0) return [];
  return [
    h(
      'section',
      { class: 'ct-failures', 'aria-labelledby': 'ct-failures-title' },
      h('h2', { id: 'ct-failures-title' }, 'Failures'),
      ...failed.map((r) =>
        h(
          'article',
          { class: 'ct-failure', id: `ct-${cssId(r.file)}`, tabindex: '-1', 'aria-label': `${r.file}: ${r.title}` },
          h('h3', {}, `${r.file}: ${r.title}`),
          h('ul', { class: 'reasons' }, ...r.failures.map((f) => h('li', {}, f))),
          r.transcript.length
            ? h('details', { open: '' }, h('summary', {}, 'Transcript'), h('ol', { class: 'transcript' }, ...r.transcript.map((l) => h('li', { class: l.kind }, transcriptText(l)))))
            : h('p', { class: 'empty' }, 'No transcript: the file could not be run.'),
        ),
      ),
    ),
  ];
}

export function createConversationTestsView(api: ConversationTestsApi, clock: () => number = Date.now) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let alive = true;
  const title = h('h1', { tabindex: '-1' }, 'Conversation tests');
  const runButton = h('button', { class: 'btn primary', type: 'button' }, 'Run all');
  const status = h('p', { class: 'vh', role: 'status', 'aria-live': 'polite' });
  const progress = h('progress', { class: 'ct-progress', 'aria-label': 'Conversations run so far', hidden: '' });
  const body = h('div', { class: 'ct-body', 'aria-busy': 'false' });
  const el = h(
    'div',
    { class: 'training conversation-tests' },
    title,
    h('p', { class: 'lead' }, 'Play the conversation tests (conversations/*.yml on the server) against a private copy of the bot, with the model it answers customers with now. Nothing they do reaches real chats.'),
    h('div', { class: 'toolbar' }, runButton, progress),
    status,
    body,
  );

  function show(run: ConversationTestRun | null): void {
    const running = run?.status === 'running';
    runButton.disabled = running;
    setText(runButton, running ? 'Running…' : run ? 'Run again' : 'Run all');
    body.setAttribute('aria-busy', String(running));
    if (running && run.total > 0) {
      progress.hidden = false;
      progress.max = run.total;
      progress.value = run.results.length;
    } else progress.hidden = true;
    if (!run) {
      replace(body, h('p', { class: 'empty' }, 'Not run yet on this server. Run all to play every conversation test.'));
      setText(status, '');
      return;
    }
    const summary = runSummary(run);
    const head = h('p', { class: `ct-summary ${run.status === 'failed' || run.failed > 0 ? 'bad' : run.status === 'done' && run.total > 0 ? 'good' : ''}` }, summary);
    const timing = run.status !== 'running' ? h('p', { class: 'muted' }, runTiming(run, clock())) : '';
    if (run.status === 'failed') replace(body, h('div', { class: 'ct-error', role: 'alert' }, head));
    else if (run.total === 0 && run.status === 'done') replace(body, h('p', { class: 'empty' }, summary));
    else replace(body, head, timing, ...(run.results.length ? [table(run), ...(running ? [] : failures(run))] : []));
    // Progress is announced every few files, not on every poll.
    if (!running || run.results.length % 10 === 0) setText(status, summary);
  }

  function showError(err: unknown, retry: () => void): void {
    const again = h('button', { class: 'btn', type: 'button' }, 'Retry');
    again.addEventListener('click', retry);
    runButton.disabled = false;
    setText(runButton, 'Run all');
    progress.hidden = true;
    body.setAttribute('aria-busy', 'false');
    replace(body, h('div', { class: 'ct-error', role: 'alert' }, h('p', { class: 'err' }, `Could not load the conversation tests: ${errorText(err)}`), again));
    setText(status, '');
  }

  async function poll(): Promise<void> {
    timer = undefined;
    try {
      const { run } = await api.latest();
      if (!alive) return;
      show(run);
      if (run?.status === 'running') timer = setTimeout(() => void poll(), POLL_MS);
      else if (run) title.focus();
    } catch (err) {
      if (alive) showError(err, () => void poll());
    }
  }

  async function start(): Promise<void> {
    runButton.disabled = true;
    try {
      const { run } = await api.start();
      show(run);
    } catch (err) {
      // Someone else started one: follow it instead of failing.
      if (!(err as { code?: string }).code || (err as { code?: string }).code !== 'TESTS_IN_PROGRESS') return showError(err, () => void start());
    }
    if (timer === undefined) timer = setTimeout(() => void poll(), POLL_MS);
  }

  runButton.addEventListener('click', () => void start());

  async function load(): Promise<void> {
    replace(body, h('p', { class: 'empty' }, 'Loading…'));
    try {
      const { run } = await api.latest();
      if (!alive) return;
      show(run);
      if (run?.status === 'running') timer = setTimeout(() => void poll(), POLL_MS);
    } catch (err) {
      if (alive) showError(err, () => void load());
    }
  }

  return {
    el,
    load,
    dispose() {
      alive = false;
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
