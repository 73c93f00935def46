/**
 * The console's Cases section (every agent role): support cases the bot opened (guided flows,
 * offline fallback), newest first, filterable by status; the detail shows what the bot collected,
 * the customer's email and rating, and lets staff move the case through its statuses.
 */
import { h, replace, selectOf, setText } from '../dom';
import { registerSection, type SectionContext } from '../sections';
import { ensureTrainingStyles } from '../training/styles';
import { createCasesApi } from './api';
import { CASE_STATUSES, followUpText, ratingText, slotRows, statusLabel, type CaseStatus, type CaseView, type FeedbackView } from './format';

const EMPTY = 'No cases yet. Cases opened by the bot or left by customers when no one was available appear here.';

export function mountCases(el: HTMLElement, ctx: SectionContext): () => void {
  // The data-table look is shared with the Training section.
  ensureTrainingStyles();
  const api = createCasesApi({ csrfToken: () => ctx.csrfToken() });
  const status = h('p', { class: 'status-line', role: 'status', 'aria-live': 'polite' });
  const filter = selectOf({ id: 'cases-filter' }, [['', 'All statuses'], ...CASE_STATUSES.map((s) => [s, statusLabel(s)] as const)]);
  const refreshBtn = h('button', { type: 'button', class: 'btn small' }, 'Refresh');
  const body = h('tbody');
  const table = h(
    'table',
    { class: 'data cases' },
    h('caption', { class: 'vh' }, 'Support cases'),
    h('thead', {}, h('tr', {}, ...['Case', 'Kind', 'Status', 'Follow-up', 'Email', 'Created'].map((t) => h('th', { scope: 'col' }, t)))),
    body,
  );
  const empty = h('p', { class: 'empty', hidden: true }, EMPTY);
  const detail = h('section', { class: 'panel case-detail', 'aria-label': 'Case detail', hidden: true });

  async function refresh() {
    try {
      const { cases } = await api.list((filter.value || undefined) as CaseStatus | undefined);
      const now = Date.now();
      replace(
        body,
        ...cases.map((c) => {
          const due = followUpText(c.followUpBy, now, c.status);
          const open = h('button', { type: 'button', class: 'btn small mono', 'aria-label': `Open case ${c.id}` }, c.id);
          open.addEventListener('click', () => void show(c.id));
          return h(
            'tr',
            { 'data-case': c.id },
            h('td', {}, open),
            h('td', {}, c.kind),
            h('td', {}, statusLabel(c.status)),
            h('td', due.overdue ? { class: 'overdue' } : {}, due.text),
            h('td', {}, c.email ?? '—'),
            h('td', {}, new Date(c.createdAt).toLocaleString()),
          );
        }),
      );
      empty.hidden = cases.length > 0;
      table.hidden = cases.length === 0;
      setText(status, `${cases.length} case${cases.length === 1 ? '' : 's'}`);
    } catch (err) {
      setText(status, `Could not load cases: ${(err as Error).message}`);
    }
  }

  function feedbackBlock(feedback: FeedbackView[]) {
    if (feedback.length === 0) return h('p', { class: 'empty' }, 'No rating from the customer yet.');
    return h(
      'ul',
      { class: 'feedback' },
      ...feedback.map((f) => h('li', {}, h('strong', {}, ratingText(f.rating)), f.comment ? ` — ${f.comment}` : '')),
    );
  }

  async function show(id: string) {
    try {
      const { case: c, feedback } = await api.get(id);
      renderDetail(c, feedback);
    } catch (err) {
      setText(status, `Could not open ${id}: ${(err as Error).message}`);
    }
  }

  function renderDetail(c: CaseView, feedback: FeedbackView[]) {
    const select = h('select', { id: 'case-status' }, ...CASE_STATUSES.map((s) => h('option', { value: s, selected: s === c.status }, statusLabel(s))));
    const save = h('button', { type: 'button', class: 'btn small primary' }, 'Save status');
    save.addEventListener('click', async () => {
      try {
        const { case: updated } = await api.setStatus(c.id, select.value as CaseStatus);
        await refresh();
        renderDetail(updated, feedback);
        setText(status, `${updated.id} is now ${statusLabel(updated.status)}`);
      } catch (err) {
        setText(status, `Could not change the status: ${(err as Error).message}`);
      }
    });
    const slots = slotRows(c);
    replace(
      detail,
      h('h2', {}, `Case ${c.id}`),
      h(
        'dl',
        {},
        h('dt', {}, 'Kind'),
        h('dd', {}, `${c.kind} · ${c.priority}`),
        h('dt', {}, 'Topic'),
        h('dd', {}, c.details.intent ?? '—'),
        h('dt', {}, 'Email'),
        h('dd', {}, c.email ?? '—'),
        h('dt', {}, 'Conversation'),
        h('dd', { class: 'mono' }, c.conversationId),
      ),
      h('h3', {}, 'What the bot collected'),
      slots.length
        ? h('dl', { class: 'slots' }, ...slots.flatMap((s) => [h('dt', {}, s.label), h('dd', {}, s.value)]))
        : h('p', { class: 'empty' }, 'Nothing collected.'),
      h('h3', {}, 'Customer rating'),
      feedbackBlock(feedback),
      h('div', { class: 'toolbar' }, h('label', { for: 'case-status' }, 'Status '), select, save),
    );
    detail.hidden = false;
  }

  filter.addEventListener('change', () => void refresh());
  refreshBtn.addEventListener('click', () => void refresh());
  el.append(
    h(
      'div',
      { class: 'training cases-section' },
      h('h1', {}, 'Cases'),
      h('div', { class: 'toolbar' }, h('label', { for: 'cases-filter' }, 'Show '), filter, refreshBtn),
      status,
      empty,
      table,
      detail,
    ),
  );
  void refresh();
  return () => undefined;
}

registerSection({ id: 'cases', label: 'Cases', mount: mountCases });
