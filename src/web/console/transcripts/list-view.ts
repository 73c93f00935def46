/**
 * The conversation list: newest activity first, one link a row (`#/transcripts/<id>`: click or
 * Enter opens it), "Load more" on the server's cursor, and clear loading, empty and error states.
 * The rows are one tab stop: arrow keys, Home and End move between them.
 */
import type { ConversationSummary } from '../../../protocol/agent';
import { h, replace, setText } from '../dom';
import { errorText } from '../training/api';
import type { TranscriptsApi } from './api';
import { hasFilters, type TranscriptFilter } from './query';
import { activityText, countText, emptyText, handoffText, messageCountText, previewText, ratingLabel, stateLabel } from './row-format';

export interface ListViewOptions {
  api: TranscriptsApi;
  /** A load failed ('' when a later one worked): shown near the filters. */
  onError(text: string): void;
}

export function createListView(opts: ListViewOptions) {
  let filter: TranscriptFilter = {};
  let cursor: string | null = null;
  let rows: ConversationSummary[] = [];
  let selectedId: string | undefined;
  let loadSeq = 0;

  const summary = h('p', { class: 'status-line', role: 'status', 'aria-live': 'polite' });
  const list = h('ol', { class: 'tx-list', 'aria-label': 'Conversations' });
  const empty = h('p', { class: 'empty', hidden: true });
  const more = h('button', { class: 'btn', type: 'button', hidden: true }, 'Load more');
  const el = h('section', { class: 'panel tx-list-panel', 'aria-label': 'Conversation list', 'aria-busy': 'false' }, summary, list, empty, more);

  function links(): HTMLAnchorElement[] {
    return Array.from(list.querySelectorAll('a.trow'));
  }

  /** Only one row is in the tab order: the selected one, else the first. */
  function syncTabStops() {
    const all = links();
    const current = all.find((a) => a.dataset.id === selectedId) ?? all[0];
    for (const a of all) {
      a.tabIndex = a === current ? 0 : -1;
      if (a.dataset.id === selectedId) a.setAttribute('aria-current', 'true');
      else a.removeAttribute('aria-current');
    }
  }

  function rowView(c: ConversationSummary): HTMLLIElement {
    const when = new Date(c.updatedAt);
    const handoff = handoffText(c.escalation);
    const link = h(
      'a',
      { class: 'trow', href: `#/transcripts/${encodeURIComponent(c.id)}`, 'data-id': c.id },
      h('span', { class: 'preview' }, previewText(c.preview)),
      h(
        'span',
        { class: 'facts' },
        h('time', { datetime: when.toISOString(), title: when.toLocaleString() }, activityText(c.updatedAt, Date.now())),
        h('span', { class: `chip state-${c.state}` }, stateLabel(c.state)),
        handoff ? h('span', { class: 'chip handoff' }, handoff) : null,
        h('span', { class: c.rating !== null && c.rating <= 2 ? 'rating low' : 'rating' }, ratingLabel(c.rating)),
        h('span', { class: 'count-text' }, messageCountText(c.messageCount)),
      ),
    );
    return h('li', { 'data-id': c.id }, link);
  }

  list.addEventListener('keydown', (ev) => {
    const all = links();
    const at = all.indexOf(document.activeElement as HTMLAnchorElement);
    if (at < 0) return;
    const to = ev.key === 'ArrowDown' ? at + 1 : ev.key === 'ArrowUp' ? at - 1 : ev.key === 'Home' ? 0 : ev.key === 'End' ? all.length - 1 : undefined;
    if (to === undefined) return;
    ev.preventDefault();
    const target = all[Math.max(0, Math.min(all.length - 1, to))];
    if (!target) return;
    for (const a of all) a.tabIndex = a === target ? 0 : -1;
    target.focus();
  });

  function setBusy(busy: boolean, text?: string) {
    el.setAttribute('aria-busy', String(busy));
    more.disabled = busy;
    if (text !== undefined) setText(summary, text);
  }

  async function fetchPage(append: boolean) {
    const mine = ++loadSeq;
    setBusy(true, append ? 'Loading more conversations…' : 'Loading conversations…');
    if (!append) empty.hidden = true;
    try {
      const page = await opts.api.list(filter, append ? cursor : null);
      if (mine !== loadSeq) return;
      const focusedRow = append && list.contains(document.activeElement);
      rows = append ? [...rows, ...page.conversations] : page.conversations;
      cursor = page.nextCursor;
      if (append) list.append(...page.conversations.map(rowView));
      else replace(list, ...rows.map(rowView));
      syncTabStops();
      list.hidden = rows.length === 0;
      setText(empty, emptyText(hasFilters(filter)));
      empty.hidden = rows.length > 0;
      more.hidden = !cursor;
      setBusy(false, rows.length ? countText(rows.length, !!cursor) : '');
      opts.onError('');
      // "Load more" disappears at the end of the list: keep the keyboard on the first new row.
      if (append && !focusedRow && more.hidden && page.conversations[0]) links().find((a) => a.dataset.id === page.conversations[0]?.id)?.focus();
    } catch (err) {
      if (mine !== loadSeq) return;
      setBusy(false, '');
      if (!append) {
        rows = [];
        replace(list);
        more.hidden = true;
      }
      opts.onError(`Could not load conversations: ${errorText(err)}`);
    }
  }

  more.addEventListener('click', () => void fetchPage(true));

  return {
    el,
    /** Shows the first page for `next`. */
    load(next: TranscriptFilter): Promise<void> {
      filter = next;
      cursor = null;
      return fetchPage(false);
    },
    /** Marks the open conversation's row. */
    setSelected(id: string | undefined) {
      selectedId = id;
      syncTabStops();
    },
  };
}
