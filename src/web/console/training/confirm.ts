/** A yes/no question as a console dialog (focus stays inside; Esc cancels). */
import { ask } from '../dialogs';
import { h } from '../dom';

/** Resolves true when the person confirms; Cancel has the focus first, so Enter alone never confirms. */
export async function confirmAction(title: string, body: string, confirmText: string): Promise<boolean> {
  const answer = await ask<true>(title, (finish) => {
    const cancel = h('button', { class: 'btn', type: 'button' }, 'Cancel');
    cancel.addEventListener('click', () => finish(undefined));
    const ok = h('button', { class: 'btn primary', type: 'submit' }, confirmText);
    return { body: [h('p', {}, body), h('div', { class: 'buttons' }, cancel, ok)], submit: () => finish(true), focus: cancel };
  });
  return answer === true;
}
