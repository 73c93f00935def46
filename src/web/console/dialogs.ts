/**
 * Modal dialogs (native <dialog>: focus is trapped and Esc closes): transfer to another agent,
 * close with a resolution, open a conversation by id, keyboard help.
 */
import type { AgentSummary } from '../../protocol/agent';
import { h } from './dom';
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

/** Pick an online agent with room; resolves with their id, or undefined when cancelled. */
export function askTransfer(targets: AgentSummary[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (v: string | undefined) => {
      if (done) return;
      done = true;
      resolve(v);
      if (d.open) d.close();
    };
    const select = h(
      'select',
      { id: 'transfer-to', required: true },
      ...targets.map((a) => h('option', { value: a.id }, `${a.name} — ${a.activeChats}/${a.capacity} chats`)),
    );
    const form = h('form', { method: 'dialog' });
    if (targets.length === 0) {
      form.append(h('p', {}, 'No other agent is online with room for another chat right now.'));
      const ok = h('button', { class: 'btn', type: 'button' }, 'OK');
      ok.addEventListener('click', () => finish(undefined));
      form.append(h('div', { class: 'buttons' }, ok));
    } else {
      form.append(h('label', { for: 'transfer-to' }, 'Transfer to', select), buttons(() => finish(undefined), 'Transfer'));
    }
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      finish(select.value || undefined);
    });
    const d = modal('Transfer this chat', form);
    d.addEventListener('close', () => finish(undefined));
    d.showModal();
  });
}

export const RESOLUTIONS = ['Answered the question', 'Refund issued', 'Payment plan changed', 'Card frozen / account secured', 'Dispute opened', 'Customer left'];

/** Ask for a resolution text; resolves with it, or undefined when cancelled. */
export function askClose(): Promise<string | undefined> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (v: string | undefined) => {
      if (done) return;
      done = true;
      resolve(v);
      if (d.open) d.close();
    };
    const input = h('input', { id: 'close-resolution', list: 'close-resolutions', required: true, maxlength: '500', autocomplete: 'off' });
    const list = h('datalist', { id: 'close-resolutions' }, ...RESOLUTIONS.map((r) => h('option', { value: r })));
    const error = h('p', { class: 'empty', role: 'alert', hidden: true }, 'Say how it was resolved.');
    const form = h('form', {}, h('label', { for: 'close-resolution' }, 'Resolution', input), list, error, buttons(() => finish(undefined), 'Close chat'));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const v = input.value.trim();
      if (!v) {
        error.hidden = false;
        input.focus();
        return;
      }
      finish(v);
    });
    const d = modal('Close this chat', form);
    d.addEventListener('close', () => finish(undefined));
    d.showModal();
  });
}

export interface PromoteChoice {
  kind: 'canned_answer' | 'kb_draft';
  title: string;
}

/** Operators/admins: keep an agent's reply as a canned answer or a draft help-centre article. */
export function askPromote(): Promise<PromoteChoice | undefined> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (v: PromoteChoice | undefined) => {
      if (done) return;
      done = true;
      resolve(v);
      if (d.open) d.close();
    };
    const kind = h(
      'select',
      { id: 'promote-kind' },
      h('option', { value: 'canned_answer' }, 'Canned answer'),
      h('option', { value: 'kb_draft' }, 'Draft knowledge-base article'),
    );
    const title = h('input', { id: 'promote-title', required: true, maxlength: '120', autocomplete: 'off' });
    const form = h(
      'form',
      {},
      h('label', { for: 'promote-kind' }, 'Keep as', kind),
      h('label', { for: 'promote-title' }, 'Title', title),
      buttons(() => finish(undefined), 'Promote'),
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const t = title.value.trim();
      if (!t) return title.focus();
      finish({ kind: kind.value as PromoteChoice['kind'], title: t });
    });
    const d = modal('Promote this reply', form);
    d.addEventListener('close', () => finish(undefined));
    d.showModal();
  });
}

/** Operators/admins: open any conversation read-only by its id. */
export function askConversationId(): Promise<string | undefined> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (v: string | undefined) => {
      if (done) return;
      done = true;
      resolve(v);
      if (d.open) d.close();
    };
    const input = h('input', { id: 'open-id', required: true, maxlength: '100', autocomplete: 'off' });
    const form = h('form', {}, h('label', { for: 'open-id' }, 'Conversation id', input), buttons(() => finish(undefined), 'Open'));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      finish(input.value.trim() || undefined);
    });
    const d = modal('Open a conversation (read-only)', form);
    d.addEventListener('close', () => finish(undefined));
    d.showModal();
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
      h('p', {}, 'Letter shortcuts work when you are not typing in a field.'),
      h('div', { class: 'buttons' }, close),
    ),
  );
  d.classList.add('help-dialog');
  close.addEventListener('click', () => d.close());
  d.showModal();
  close.focus();
}
