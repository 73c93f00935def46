/**
 * Modal dialogs (native <dialog>: focus is trapped and Esc closes): transfer to another agent,
 * close with a resolution, open a conversation by id, keyboard help.
 */
import type { AgentSummary } from '../../protocol/agent';
import { h, type Attrs } from './dom';
import { COMPOSER_KEYS, SHORTCUTS } from './shortcuts';

function modal(titleText: string, ...body: (Node | string)[]): HTMLDialogElement {
  const id = `dlg-${Math.random().toString(36).slice(2, 8)}`;
  const d = h('dialog', { 'aria-labelledby': id }, h('h2', { id }, titleText), ...body);
  d.addEventListener('close', () => d.remove());
  document.body.append(d);
  return d;
}

function buttons(onCancel: () => void, submitText: string): HTMLElement {
  const cancel = h('button', { class: 'btn', type: 'button' }, 'Cancel');
  cancel.addEventListener('click', onCancel);
  return h('div', { class: 'buttons' }, cancel, h('button', { class: 'btn primary', type: 'submit' }, submitText));
}

/** Answers the dialog (undefined: cancelled) and closes it; only the first call counts. */
type Finish<T> = (value: T | undefined) => void;

interface Question {
  /** The form's fields and buttons, in order. */
  body: Node[];
  /** Runs on submit (the page never navigates): call `finish`, or return to keep the dialog open. */
  submit: () => void;
  /** Attributes of the form element; none by default. */
  attrs?: Attrs;
  /** Focused when the dialog opens instead of its first field (e.g. Cancel, when confirming is the risky answer). */
  focus?: HTMLElement;
}

/**
 * Shows one question as a modal form and resolves once: with what `finish` is given, or undefined
 * when the dialog closes any other way (Cancel, Esc). The native <dialog> puts focus on the first
 * field and gives it back to the opener when it closes.
 */
export function ask<T>(titleText: string, build: (finish: Finish<T>) => Question): Promise<T | undefined> {
  return new Promise((resolve) => {
    let done = false;
    const finish: Finish<T> = (v) => {
      if (done) return;
      done = true;
      resolve(v);
      if (d.open) d.close();
    };
    const { body, submit, attrs, focus } = build(finish);
    const form = h('form', attrs, ...body);
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      submit();
    });
    const d = modal(titleText, form);
    d.addEventListener('close', () => finish(undefined));
    d.showModal();
    focus?.focus();
  });
}

/** Pick an online agent with room; resolves with their id, or undefined when cancelled. */
export function askTransfer(targets: AgentSummary[]): Promise<string | undefined> {
  return ask<string>('Transfer this chat', (finish) => {
    const select = h(
      'select',
      { id: 'transfer-to', required: true },
      ...targets.map((a) => h('option', { value: a.id }, `${a.name} — ${a.activeChats}/${a.capacity} chats`)),
    );
    let body: Node[];
    if (targets.length === 0) {
      const ok = h('button', { class: 'btn', type: 'button' }, 'OK');
      ok.addEventListener('click', () => finish(undefined));
      body = [h('p', {}, 'No other agent is online with room for another chat right now.'), h('div', { class: 'buttons' }, ok)];
    } else {
      body = [h('label', { for: 'transfer-to' }, 'Transfer to', select), buttons(() => finish(undefined), 'Transfer')];
    }
    return { attrs: { method: 'dialog' }, body, submit: () => finish(select.value || undefined) };
  });
}

export const RESOLUTIONS = ['Answered the question', 'Refund issued', 'Payment plan changed', 'Card frozen / account secured', 'Dispute opened', 'Customer left'];

/** Pure: the resolution most chats of this topic category end with, preselected in the close dialog. */
export function suggestedResolution(category: string | undefined): string {
  switch (category) {
    case 'security':
      return 'Card frozen / account secured';
    case 'dispute':
      return 'Dispute opened';
    case 'refund':
      return 'Refund issued';
    case 'billing':
      return 'Payment plan changed';
    default:
      return 'Answered the question';
  }
}

/**
 * Ask how the chat was resolved: one of RESOLUTIONS (the one suggested for the chat's topic is
 * preselected) or "Other" with a text. Checked in the page, never with the browser's bubble.
 * Resolves with the text, or undefined when cancelled.
 */
export function askClose(suggested: string = RESOLUTIONS[0]!): Promise<string | undefined> {
  return ask<string>('Close this chat', (finish) => {
    const choices = [...RESOLUTIONS, 'Other'].map((r, i) => {
      const radio = h('input', { type: 'radio', name: 'resolution', id: `resolution-${i}`, value: r });
      radio.checked = r === suggested;
      return { radio, row: h('div', { class: 'choice' }, radio, h('label', { for: `resolution-${i}` }, r)) };
    });
    if (!choices.some((c) => c.radio.checked)) choices[0]!.radio.checked = true;
    const other = h('input', { id: 'close-other', maxlength: '500', autocomplete: 'off', 'aria-describedby': 'close-error' });
    const error = h('p', { id: 'close-error', class: 'field-error', role: 'alert', hidden: true }, 'Say how it was resolved.');
    const otherRadio = choices[choices.length - 1]!.radio;
    const otherRow = h('div', { class: 'other-row' }, h('label', { for: 'close-other' }, 'Other resolution'), other);
    const syncOther = () => {
      otherRow.hidden = !otherRadio.checked;
      error.hidden = true;
    };
    for (const c of choices) c.radio.addEventListener('change', syncOther);
    other.addEventListener('input', () => (error.hidden = true));
    syncOther();
    const group = h('fieldset', {}, h('legend', {}, 'Resolution'), ...choices.map((c) => c.row), otherRow);
    return {
      attrs: { novalidate: '' },
      body: [group, error, buttons(() => finish(undefined), 'Close chat')],
      focus: choices.find((c) => c.radio.checked)!.radio,
      submit: () => {
        const picked = choices.find((c) => c.radio.checked)!.radio;
        const v = picked === otherRadio ? other.value.trim() : picked.value;
        if (!v) {
          error.hidden = false;
          other.focus();
          return;
        }
        finish(v);
      },
    };
  });
}

/**
 * Asked once after an agent logs in while not online: customers are told nobody is available
 * while no agent is online, so staying offline unknowingly turns them away. Resolves true for
 * "Go online".
 */
export function askGoOnline(status: 'offline' | 'away'): Promise<boolean> {
  return ask<boolean>('Go online?', (finish) => {
    const stay = h('button', { class: 'btn', type: 'button' }, status === 'away' ? 'Stay away' : 'Stay offline');
    stay.addEventListener('click', () => finish(false));
    const go = h('button', { class: 'btn primary', type: 'submit' }, 'Go online');
    return {
      body: [
        h('p', {}, `You are ${status}. While no agent is online, customers who ask for a person are told nobody is available. Go online to be offered chats?`),
        h('div', { class: 'buttons' }, stay, go),
      ],
      submit: () => finish(true),
      focus: go,
    };
  }).then((v) => v === true);
}

export interface PromoteChoice {
  kind: 'canned_answer' | 'kb_draft';
  title: string;
}

/** Operators/admins: keep an agent's reply as a canned answer or a draft help-centre article. */
export function askPromote(): Promise<PromoteChoice | undefined> {
  return ask<PromoteChoice>('Promote this reply', (finish) => {
    const kind = h(
      'select',
      { id: 'promote-kind' },
      h('option', { value: 'canned_answer' }, 'Canned answer'),
      h('option', { value: 'kb_draft' }, 'Draft knowledge-base article'),
    );
    const title = h('input', { id: 'promote-title', required: true, maxlength: '120', autocomplete: 'off' });
    return {
      body: [h('label', { for: 'promote-kind' }, 'Keep as', kind), h('label', { for: 'promote-title' }, 'Title', title), buttons(() => finish(undefined), 'Promote')],
      submit: () => {
        const t = title.value.trim();
        if (!t) return title.focus();
        finish({ kind: kind.value as PromoteChoice['kind'], title: t });
      },
    };
  });
}

/** Operators/admins: open any conversation read-only by its id. */
export function askConversationId(): Promise<string | undefined> {
  return ask<string>('Open a conversation (read-only)', (finish) => {
    const input = h('input', { id: 'open-id', required: true, maxlength: '100', autocomplete: 'off' });
    return {
      body: [h('label', { for: 'open-id' }, 'Conversation id', input), buttons(() => finish(undefined), 'Open')],
      submit: () => finish(input.value.trim() || undefined),
    };
  });
}

/** The keyboard help, as a modal popover. */
export function showHelp(): void {
  const row = (keys: string[], text: string) => h('tr', {}, h('td', {}, ...keys.flatMap((k, i) => (i ? [' + ', h('kbd', {}, k)] : [h('kbd', {}, k)]))), h('td', {}, text));
  const close = h('button', { class: 'btn', type: 'button' }, 'Close');
  const d = modal(
    'Keyboard shortcuts',
    h(
      'div',
      { class: 'help' },
      h('table', {}, h('tbody', {}, ...SHORTCUTS.map((s) => row(s.keys, s.description)), ...COMPOSER_KEYS.map((s) => row(s.keys, `In the message box: ${s.description}`)))),
      h('p', {}, 'Letter and digit shortcuts work when you are not typing in a field.'),
      h('div', { class: 'buttons' }, close),
    ),
  );
  d.classList.add('help-dialog');
  close.addEventListener('click', () => d.close());
  d.showModal();
  close.focus();
}
