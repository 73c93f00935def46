/**
 * The labelling controls above the inbox: an existing intent (a searchable pick: type to filter,
 * arrows to choose), a new intent (name + category), or "not a real request", applied to every
 * selected message.
 */
import { h, setText } from '../dom';
import { labelChoice, searchIntents, type LabelForm } from './format';
import type { IntentInfo, LabelChoice } from './types';

export interface LabelBarOptions {
  /** Called with the validated choice; rejects with a sentence to show. */
  onApply(choice: LabelChoice): Promise<void>;
  /** Select or clear every listed message. */
  onSelectAll(all: boolean): void;
}

let seq = 0;

export function createLabelBar(opts: LabelBarOptions) {
  const uid = `lb${++seq}`;
  let intents: IntentInfo[] = [];
  let busy = false;
  let selectedCount = 0;

  const count = h('span', { class: 'count zero', 'aria-hidden': 'true' }, '0');
  const countText = h('span', {}, 'No message selected');
  const selectAll = h('input', { type: 'checkbox', id: `${uid}-all` });
  selectAll.addEventListener('change', () => opts.onSelectAll(selectAll.checked));

  const radio = (value: LabelForm['mode'], text: string, checked = false) => {
    const input = h('input', { type: 'radio', name: `${uid}-mode`, value, checked });
    input.addEventListener('change', showMode);
    return { input, el: h('label', { class: 'opt' }, input, text) };
  };
  const modes = [radio('existing', 'Existing intent', true), radio('new', 'New intent'), radio('not_request', 'Not a real request')];

  const intentList = h('datalist', { id: `${uid}-intents` });
  const categoryList = h('datalist', { id: `${uid}-categories` });
  const intentInput = h('input', { id: `${uid}-intent`, list: `${uid}-intents`, autocomplete: 'off', placeholder: 'Type to search, e.g. refund', spellcheck: 'false' });
  const newName = h('input', { id: `${uid}-new-name`, autocomplete: 'off', placeholder: 'e.g. card_upgrade', maxlength: '64', spellcheck: 'false' });
  const newCategory = h('input', { id: `${uid}-new-category`, list: `${uid}-categories`, autocomplete: 'off', placeholder: 'e.g. billing', maxlength: '64', spellcheck: 'false' });
  const existingFields = h('div', { class: 'row' }, h('label', { class: 'field', for: `${uid}-intent` }, 'Intent', intentInput));
  const newFields = h(
    'div',
    { class: 'row', hidden: true },
    h('label', { class: 'field', for: `${uid}-new-name` }, 'New intent name', newName),
    h('label', { class: 'field', for: `${uid}-new-category` }, 'Category', newCategory),
  );
  const apply = h('button', { class: 'btn primary', type: 'submit', disabled: true }, 'Label selected');
  const error = h('p', { class: 'err', role: 'alert', hidden: true });

  const form = h(
    'form',
    { class: 'labelbar', 'aria-label': 'Label the selected messages' },
    h('div', { class: 'row' }, h('label', { class: 'opt', for: `${uid}-all` }, selectAll, 'Select all listed'), count, countText),
    h('fieldset', {}, h('legend', {}, 'Label as'), ...modes.map((m) => m.el)),
    existingFields,
    newFields,
    h('div', { class: 'row' }, apply),
    error,
    intentList,
    categoryList,
  );

  /** A typed query that matches exactly one intent ("unexpected") stands for it. */
  function resolveIntent(typed: string): string {
    const t = typed.trim();
    if (intents.some((i) => i.name === t)) return t;
    const hits = searchIntents(intents, t);
    if (hits.length === 1 && hits[0]) {
      intentInput.value = hits[0].name;
      return hits[0].name;
    }
    return t;
  }

  function mode(): LabelForm['mode'] {
    return (modes.find((m) => m.input.checked)?.input.value as LabelForm['mode']) ?? 'existing';
  }

  function showMode() {
    existingFields.hidden = mode() !== 'existing';
    newFields.hidden = mode() !== 'new';
    error.hidden = true;
  }

  function showError(text: string) {
    setText(error, text);
    error.hidden = false;
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (busy || selectedCount === 0) return;
    const m = mode();
    const f: LabelForm = m === 'existing' ? { mode: m, intent: resolveIntent(intentInput.value) } : m === 'new' ? { mode: m, name: newName.value, category: newCategory.value } : { mode: m };
    const checked = labelChoice(
      f,
      intents.map((i) => i.name),
    );
    if ('error' in checked) {
      showError(checked.error);
      (m === 'new' ? newName : intentInput).focus();
      return;
    }
    error.hidden = true;
    busy = true;
    apply.disabled = true;
    opts.onApply(checked.ok).then(
      () => {
        busy = false;
        if (m === 'new') {
          newName.value = '';
        }
        setSelected(selectedCount, selectAll.checked);
      },
      (err: unknown) => {
        busy = false;
        setSelected(selectedCount, selectAll.checked);
        showError(err instanceof Error ? err.message : String(err));
      },
    );
  });

  function setSelected(n: number, all: boolean) {
    selectedCount = n;
    setText(count, String(n));
    count.classList.toggle('zero', n === 0);
    setText(countText, n === 0 ? 'No message selected' : n === 1 ? '1 message selected' : `${n} messages selected`);
    selectAll.checked = all && n > 0;
    apply.disabled = busy || n === 0;
    setText(apply, n > 1 ? `Label ${n} selected` : 'Label selected');
  }

  return {
    el: form,
    setIntents(list: IntentInfo[]) {
      intents = list;
      intentList.replaceChildren(...list.map((i) => h('option', { value: i.name }, `${i.name.replace(/_/g, ' ')} · ${i.category}`)));
      const cats = [...new Set(list.map((i) => i.category))].sort();
      categoryList.replaceChildren(...cats.map((c) => h('option', { value: c })));
    },
    setSelected,
    focusIntent() {
      if (mode() === 'existing') intentInput.focus();
    },
  };
}
