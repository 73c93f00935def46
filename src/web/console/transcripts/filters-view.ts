/**
 * The Transcripts filters: last-activity days, state, hand-off, low rating and a text search over
 * the messages. Choices apply at once; the search applies on Enter or "Search". Problems with the
 * filters (and the list's load errors) show right under them.
 */
import type { ConversationState } from '../../../protocol/customer';
import { h, selectOf, setText } from '../dom';
import { filterProblem, LOW_RATING, MAX_QUERY_CHARS, type TranscriptFilter } from './query';
import { stateLabel } from './row-format';

const STATES: readonly ConversationState[] = ['bot', 'queued', 'agent', 'closed'];

export interface FiltersViewOptions {
  /** Called with valid filters whenever they change. */
  onApply(filter: TranscriptFilter): void;
}

export function createFiltersView(opts: FiltersViewOptions) {
  const fromDay = h('input', { id: 'tx-f-from', type: 'date' });
  const toDay = h('input', { id: 'tx-f-to', type: 'date' });
  const state = selectOf({ id: 'tx-f-state' }, [['', 'Any state'], ...STATES.map((s) => [s, stateLabel(s)] as const)]);
  const handoff = selectOf({ id: 'tx-f-handoff' }, [
    ['', 'Any'],
    ['true', 'Handed over to a person'],
    ['false', 'Bot only'],
  ]);
  const lowRating = h('input', { id: 'tx-f-rating', type: 'checkbox' });
  const q = h('input', { id: 'tx-f-q', type: 'search', maxlength: String(MAX_QUERY_CHARS), autocomplete: 'off', placeholder: 'e.g. refund', spellcheck: 'false' });
  const search = h('button', { class: 'btn primary', type: 'submit' }, 'Search');
  const clear = h('button', { class: 'btn', type: 'button' }, 'Clear filters');
  const error = h('p', { class: 'err', id: 'tx-f-error', role: 'alert', hidden: true });
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter conversations', 'aria-describedby': 'tx-f-error' },
    h('label', { class: 'field', for: 'tx-f-q' }, 'Search messages', q),
    h('label', { class: 'field', for: 'tx-f-from' }, 'From', fromDay),
    h('label', { class: 'field', for: 'tx-f-to' }, 'To', toDay),
    h('label', { class: 'field', for: 'tx-f-state' }, 'State', state),
    h('label', { class: 'field', for: 'tx-f-handoff' }, 'Hand-off', handoff),
    h('label', { class: 'opt', for: 'tx-f-rating' }, lowRating, `Rated ${LOW_RATING} or lower`),
    search,
    clear,
  );
  const el = h('div', { class: 'tx-filters' }, form, error);

  function read(): TranscriptFilter {
    return {
      fromDay: fromDay.value || undefined,
      toDay: toDay.value || undefined,
      state: (state.value || undefined) as ConversationState | undefined,
      escalated: handoff.value === '' ? undefined : handoff.value === 'true',
      lowRating: lowRating.checked || undefined,
      q: q.value.trim() || undefined,
    };
  }

  function showError(text: string) {
    setText(error, text);
    error.hidden = !text;
  }

  function apply() {
    const filter = read();
    const problem = filterProblem(filter);
    if (problem) return showError(problem);
    showError('');
    opts.onApply(filter);
  }

  for (const input of [fromDay, toDay, state, handoff, lowRating]) input.addEventListener('change', apply);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    apply();
  });
  clear.addEventListener('click', () => {
    form.reset();
    apply();
  });

  return {
    el,
    /** The filters as they stand (valid or not). */
    read,
    /** A sentence under the filters; '' hides it. */
    showError,
  };
}
