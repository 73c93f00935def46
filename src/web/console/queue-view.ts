/**
 * The live queue list. Rows are keyed by conversation id and updated in place, so a new entry or a
 * ticking wait never steals focus from the row the agent is on. All text from `queueRows`.
 */
import type { AgentQueueEntry } from '../../protocol/agent';
import { h, replace, setText } from './dom';
import { queueRows, type QueueRow } from './queue-model';

export interface QueueViewOptions {
  /** Operators/admins also get a "View" button (read-only transcript). */
  canView: boolean;
  onSelect(conversationId: string): void;
  onClaim(conversationId: string): void;
  onView(conversationId: string): void;
}

interface RowEls {
  li: HTMLLIElement;
  reason: HTMLElement;
  wait: HTMLElement;
  topic: HTMLElement;
  conf: HTMLElement;
  facts: HTMLUListElement;
  preview: HTMLElement;
  who: HTMLElement;
  claim: HTMLButtonElement;
}

export const EMPTY_QUEUE_TEXT = 'No one is waiting. New chats appear here.';

export function createQueueView(opts: QueueViewOptions) {
  const count = h('span', { class: 'count zero', 'aria-hidden': 'true' }, '0');
  const heading = h('h2', { id: 'queue-title' }, 'Queue');
  const list = h('ul', { class: 'queue', 'aria-labelledby': 'queue-title' });
  const empty = h('p', { class: 'empty' }, EMPTY_QUEUE_TEXT);
  const live = h('p', { class: 'vh', 'aria-live': 'polite' });
  const el = h('section', { class: 'section', 'aria-labelledby': 'queue-title' }, h('div', { class: 'section-head' }, heading, count), list, empty, live);
  const rows = new Map<string, RowEls>();
  let lastEntries: AgentQueueEntry[] | undefined;

  function build(id: string): RowEls {
    const reason = h('span', { class: 'reason' });
    const wait = h('span', { class: 'wait' });
    const conf = h('span', { class: 'chip' });
    const topicText = h('span');
    const topic = h('div', { class: 'topic' }, topicText, ' ', conf);
    const facts = h('ul', { class: 'facts', 'aria-label': 'Collected by the bot' });
    const preview = h('p', { class: 'preview' });
    const who = h('p', { class: 'who' });
    const claim = h('button', { class: 'btn primary small', type: 'button' }, 'Claim');
    const actions = h('div', { class: 'actions' }, claim);
    if (opts.canView) {
      const view = h('button', { class: 'btn small', type: 'button' }, 'View');
      view.addEventListener('click', (ev) => {
        ev.stopPropagation();
        opts.onView(id);
      });
      actions.append(view);
    }
    claim.addEventListener('click', (ev) => {
      ev.stopPropagation();
      opts.onClaim(id);
    });
    const li = h('li', { class: 'qitem', 'data-id': id, tabindex: '-1' }, reason, wait, who, topic, facts, preview, actions);
    li.addEventListener('click', () => opts.onSelect(id));
    return { li, reason, wait, who, topic: topicText, conf, facts, preview, claim };
  }

  function fill(r: RowEls, row: QueueRow, selected: boolean) {
    r.li.classList.toggle('urgent', row.urgent);
    r.li.classList.toggle('selected', selected);
    r.li.setAttribute('aria-label', row.label);
    r.li.setAttribute('aria-current', selected ? 'true' : 'false');
    setText(r.reason, row.reasonText);
    setText(r.wait, row.waitText);
    r.wait.setAttribute('title', `Waiting ${row.waitLong}`);
    setText(r.topic, row.topicText);
    setText(r.conf, row.confidenceText);
    r.conf.className = `chip conf-${row.confidenceLevel}`;
    r.conf.setAttribute('title', 'Confidence of the detected topic');
    replace(r.facts, ...row.collected.map((c) => h('li', { class: 'chip' }, h('b', {}, `${c.label}:`), ' ', c.value)));
    r.facts.hidden = row.collected.length === 0;
    setText(r.preview, row.preview ? `“${row.preview}”` : '');
    r.preview.hidden = !row.preview;
    setText(r.who, row.customerText);
    r.who.hidden = !row.customerText;
    r.claim.setAttribute('aria-label', `Claim: ${row.reasonText}, ${row.topicText}`);
  }

  return {
    el,
    /** Re-renders for `entries` at time `now`; `selectedId` gets the highlight. */
    render(entries: AgentQueueEntry[], now: number, selectedId?: string): void {
      const data = queueRows(entries, now);
      const keep = new Set(data.map((d) => d.conversationId));
      for (const [id, r] of rows) {
        if (!keep.has(id)) {
          r.li.remove();
          rows.delete(id);
        }
      }
      data.forEach((row, i) => {
        let r = rows.get(row.conversationId);
        if (!r) {
          r = build(row.conversationId);
          rows.set(row.conversationId, r);
        }
        fill(r, row, row.conversationId === selectedId);
        // Move only when out of place, so a focused row is not detached.
        if (list.children[i] !== r.li) list.insertBefore(r.li, list.children[i] ?? null);
      });
      setText(count, String(data.length));
      count.classList.toggle('zero', data.length === 0);
      heading.setAttribute('aria-description', `${data.length} waiting`);
      empty.hidden = data.length > 0;
      list.hidden = data.length === 0;
      const before = lastEntries;
      const added = before ? data.filter((d) => !before.some((e) => e.conversationId === d.conversationId)) : [];
      if (added.length > 0) setText(live, `${added.length} new in the queue: ${added.map((a) => a.reasonText).join(', ')}`);
      lastEntries = entries;
    },
    /** Updates only the live wait labels (called every second). */
    tick(entries: AgentQueueEntry[], now: number): void {
      for (const row of queueRows(entries, now)) {
        const r = rows.get(row.conversationId);
        if (r) setText(r.wait, row.waitText);
      }
    },
    focusRow(id: string): void {
      rows.get(id)?.li.focus();
    },
    ids(): string[] {
      return [...list.children].map((li) => (li as HTMLElement).dataset.id ?? '');
    },
  };
}

export type QueueView = ReturnType<typeof createQueueView>;
