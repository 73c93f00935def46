/** A yes/no question in a native <dialog> (focus stays inside; Esc cancels), styled like the console's. */
import { h } from '../dom';

let seq = 0;

/** Resolves true when the person confirms. The confirm button is focused first only when `safe`. */
export function confirmAction(title: string, body: string, confirmText: string): Promise<boolean> {
  return new Promise((resolve) => {
    const id = `tr-dlg-${++seq}`;
    let done = false;
    const cancel = h('button', { class: 'btn', type: 'button' }, 'Cancel');
    const ok = h('button', { class: 'btn primary', type: 'submit' }, confirmText);
    const form = h('form', {}, h('p', {}, body), h('div', { class: 'buttons' }, cancel, ok));
    const d = h('dialog', { 'aria-labelledby': id }, h('h2', { id }, title), form);
    const finish = (v: boolean) => {
      if (done) return;
      done = true;
      resolve(v);
      if (d.open) d.close();
    };
    cancel.addEventListener('click', () => finish(false));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      finish(true);
    });
    d.addEventListener('close', () => {
      finish(false);
      d.remove();
    });
    document.body.append(d);
    d.showModal();
    cancel.focus();
  });
}
