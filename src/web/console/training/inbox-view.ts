/**
 * The triage inbox (the default tab): messages the bot was unsure about, handed off, rated badly,
 * corrected by an agent or imported; filters; clusters of similar messages to select in bulk;
 * each message with its conversation context and the model's top guesses.
 */
import { confidenceLevel, formatConfidence } from '../format';
import { h, replace, selectOf, setText } from '../dom';
import { errorText, type TrainingApi } from './api';
import { intentLabel, triageReasonLabel } from './format';
import { createLabelBar } from './label-bar';
import { TRIAGE_REASONS, type IntentInfo, type LabelChoice, type TriageEntry, type TriageFilter, type TriageReason, type TriageStatus } from './types';

export const EMPTY_INBOX = 'Nothing to review. Messages the bot was unsure about appear here.';

export interface InboxViewOptions {
  api: TrainingApi;
  /** Said to screen readers and shown under the heading. */
  announce(text: string): void;
}

function describeChoice(choice: LabelChoice): string {
  if ('intent' in choice) return intentLabel(choice.intent);
  if ('newIntent' in choice) return `the new intent ${intentLabel(choice.newIntent.name)}`;
  return 'not a real request';
}

export function createInboxView(opts: InboxViewOptions) {
  const { api } = opts;
  const filter: TriageFilter = {};
  const selected = new Set<string>();
  let items: TriageEntry[] = [];
  let intents: IntentInfo[] = [];
  let loadSeq = 0;

  // ---- filters ----
  const reason = selectOf({ id: 'tr-f-reason' }, [['', 'All reasons'], ...TRIAGE_REASONS.map((r) => [r, triageReasonLabel(r)] as const)]);
  const intent = h('input', { id: 'tr-f-intent', list: 'tr-f-intents', autocomplete: 'off', placeholder: 'Any intent', spellcheck: 'false' });
  const intentOptions = h('datalist', { id: 'tr-f-intents' });
  const fromDay = h('input', { id: 'tr-f-from', type: 'date' });
  const toDay = h('input', { id: 'tr-f-to', type: 'date' });
  const status = selectOf({ id: 'tr-f-status' }, [
    ['unlabelled', 'To review'],
    ['labelled', 'Labelled'],
    ['all', 'All'],
  ]);
  const clear = h('button', { class: 'btn', type: 'button' }, 'Clear filters');
  const reload = h('button', { class: 'btn', type: 'submit' }, 'Refresh');
  const filters = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter the inbox' },
    h('label', { class: 'field', for: 'tr-f-reason' }, 'Reason', reason),
    h('label', { class: 'field', for: 'tr-f-intent' }, 'Intent (guess or label)', intent),
    h('label', { class: 'field', for: 'tr-f-from' }, 'From', fromDay),
    h('label', { class: 'field', for: 'tr-f-to' }, 'To', toDay),
    h('label', { class: 'field', for: 'tr-f-status' }, 'Show', status),
    reload,
    clear,
    intentOptions,
  );
  const readFilters = () => {
    filter.reason = (reason.value || undefined) as TriageReason | undefined;
    filter.intent = intent.value.trim() || undefined;
    filter.fromDay = fromDay.value || undefined;
    filter.toDay = toDay.value || undefined;
    filter.status = status.value as TriageStatus;
    void load();
  };
  for (const el of [reason, fromDay, toDay, status]) el.addEventListener('change', readFilters);
  intent.addEventListener('change', readFilters);
  filters.addEventListener('submit', (ev) => {
    ev.preventDefault();
    readFilters();
  });
  clear.addEventListener('click', () => {
    reason.value = '';
    intent.value = '';
    fromDay.value = '';
    toDay.value = '';
    status.value = 'unlabelled';
    readFilters();
  });

  // ---- labelling ----
  const bar = createLabelBar({
    onSelectAll(all) {
      selected.clear();
      if (all) for (const i of items) selected.add(i.id);
      syncSelection();
    },
    async onApply(choice) {
      const ids = items.filter((i) => selected.has(i.id)).map((i) => i.id);
      try {
        await api.label(ids, choice);
      } catch (err) {
        throw new Error(errorText(err));
      }
      opts.announce(`Labelled ${ids.length === 1 ? '1 message' : `${ids.length} messages`} as ${describeChoice(choice)}.`);
      selected.clear();
      if ('newIntent' in choice) await loadIntents();
      await load(true);
    },
  });

  // ---- list ----
  const summary = h('p', { class: 'status-line', 'aria-live': 'polite' });
  const clusterList = h('ul', { class: 'clusters', 'aria-label': 'Similar messages' });
  const clusterBlock = h('div', { hidden: true }, h('h3', {}, 'Similar messages'), clusterList);
  const list = h('ul', { class: 'inbox', 'aria-label': 'Messages to review' });
  const empty = h('p', { class: 'empty', hidden: true }, EMPTY_INBOX);

  const el = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'tr-inbox-h' },
    h('h2', { id: 'tr-inbox-h' }, 'Triage inbox'),
    h('p', { class: 'lead' }, 'Label what customers meant. Only labelled messages ever reach training.'),
    filters,
    summary,
    clusterBlock,
    bar.el,
    list,
    empty,
  );

  function syncSelection() {
    for (const li of Array.from(list.children)) {
      const id = (li as HTMLElement).dataset.id ?? '';
      const on = selected.has(id);
      li.classList.toggle('selected', on);
      const box = li.querySelector('input[type="checkbox"]') as HTMLInputElement | null;
      if (box) box.checked = on;
    }
    bar.setSelected(selected.size, selected.size > 0 && selected.size === items.length);
  }

  function itemView(item: TriageEntry): HTMLLIElement {
    const box = h('input', { type: 'checkbox', id: `tr-sel-${item.id}`, 'aria-label': `Select “${item.text}”` });
    box.checked = selected.has(item.id);
    box.addEventListener('change', () => {
      if (box.checked) selected.add(item.id);
      else selected.delete(item.id);
      syncSelection();
    });
    const when = new Date(item.createdAt);
    const reasons = item.reasons?.length ? item.reasons : [item.reason];
    const chips = h('ul', { class: 'chips', 'aria-label': 'Why it is here' }, ...reasons.map((r) => h('li', { class: 'chip reason' }, triageReasonLabel(r))));
    if (item.label) chips.append(h('li', { class: 'chip labelled' }, `Labelled: ${intentLabel(item.label.intent)}`));
    const guesses = h(
      'ul',
      { class: 'guesses', 'aria-label': 'Model’s top guesses' },
      h('li', { class: 'guesses-label' }, 'Model guessed:'),
      ...item.topGuesses.slice(0, 3).map((g) => h('li', { class: `chip conf-${confidenceLevel(g.confidence)}`, title: `${g.name} (${g.category})` }, `${intentLabel(g.name)} · ${formatConfidence(g.confidence)}`)),
    );
    if (item.topGuesses.length === 0) guesses.append(h('li', { class: 'guesses-label' }, 'no guesses recorded'));
    const li = h(
      'li',
      { class: 'titem', 'data-id': item.id },
      box,
      h('label', { class: 'text', for: box.id }, item.text),
      h('time', { class: 'when', datetime: when.toISOString(), title: when.toLocaleString() }, when.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })),
      chips,
      guesses,
    );
    if (item.context.length > 0) {
      const ctxId = `tr-ctx-${item.id}`;
      const toggle = h('button', { class: 'btn small', type: 'button', 'aria-expanded': 'false', 'aria-controls': ctxId }, 'Show conversation');
      const ctx = h(
        'ol',
        { class: 'context', id: ctxId, hidden: true, 'aria-label': 'Conversation around this message' },
        ...item.context.map((m) => h('li', { class: m.seq === item.messageSeq ? 'this' : undefined }, h('span', { class: 'from' }, `${m.from}:`), m.text)),
      );
      toggle.addEventListener('click', () => {
        ctx.hidden = !ctx.hidden;
        toggle.setAttribute('aria-expanded', String(!ctx.hidden));
        setText(toggle, ctx.hidden ? 'Show conversation' : 'Hide conversation');
      });
      li.append(h('div', { class: 'more' }, toggle), ctx);
    }
    return li;
  }

  function render(clusters: { size: number; itemIds: string[]; example: string }[]) {
    replace(list, ...items.map(itemView));
    empty.hidden = items.length > 0;
    bar.el.hidden = items.length === 0;
    const multi = clusters.filter((c) => c.size > 1);
    clusterBlock.hidden = multi.length === 0;
    replace(
      clusterList,
      ...multi.map((c) => {
        const btn = h('button', { class: 'btn small', type: 'button' }, `Select all ${c.size}`);
        btn.addEventListener('click', () => {
          for (const id of c.itemIds) selected.add(id);
          syncSelection();
          opts.announce(`Selected ${c.size} messages like “${c.example}”.`);
          bar.focusIntent();
        });
        return h('li', {}, h('span', { class: 'ex', title: c.example }, `“${c.example}”`), btn);
      }),
    );
    syncSelection();
  }

  async function load(keepFocus = false) {
    const mine = ++loadSeq;
    const hadFocus = keepFocus && el.contains(document.activeElement);
    try {
      const page = await api.inbox(filter);
      if (mine !== loadSeq) return;
      items = page.items;
      for (const id of [...selected]) if (!items.some((i) => i.id === id)) selected.delete(id);
      render(page.clusters);
      const n = items.length;
      setText(summary, n === 0 ? '' : `${n === 1 ? '1 message' : `${n} messages`}${status.value === 'unlabelled' ? ' to review' : ''}.`);
      // After labelling, keep the keyboard in the list rather than on a removed checkbox.
      if (hadFocus && !el.contains(document.activeElement)) {
        const first = list.querySelector('input[type="checkbox"]') as HTMLInputElement | null;
        (first ?? (el.querySelector('h2') as HTMLElement)).focus();
      }
    } catch (err) {
      if (mine === loadSeq) setText(summary, errorText(err));
    }
  }

  async function loadIntents() {
    try {
      intents = await api.intents();
      bar.setIntents(intents);
      intentOptions.replaceChildren(...intents.map((i) => h('option', { value: i.name })));
    } catch (err) {
      opts.announce(errorText(err));
    }
  }

  el.querySelector('h2')?.setAttribute('tabindex', '-1');
  return {
    el,
    async refresh() {
      await Promise.all([loadIntents(), load()]);
    },
  };
}
