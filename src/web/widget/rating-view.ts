import { h } from './dom';
import { text } from './strings';

/** Longest comment the widget lets a customer type (the server masks and stores it). */
export const MAX_COMMENT_CHARS = 1000;

/**
 * The end-of-chat rating: five buttons, then an optional comment box with Send and Skip. Nothing
 * is sent until the customer presses Send (rating + comment) or Skip (rating only), so the rating
 * goes out once. `render` shows it, hides it or thanks, idempotently.
 */
export function createRatingView(container: HTMLElement, onSubmit: (rating: number, comment?: string) => void) {
  let mode = '';
  let chosen = 0;

  function ask() {
    chosen = 0;
    const row = h('div', { class: 'stars', role: 'group', 'aria-label': text.ratePrompt });
    const buttons: HTMLButtonElement[] = [];
    const label = h('label', { for: 'sw-comment' }, text.commentLabel);
    const comment = h('textarea', { id: 'sw-comment', rows: '2', maxlength: String(MAX_COMMENT_CHARS), placeholder: text.commentPlaceholder });
    const send = h('button', { type: 'submit', class: 'primary' }, text.sendFeedback);
    const skip = h('button', { type: 'button', class: 'link' }, text.skipComment);
    const form = h('form', { class: 'comment', hidden: true }, label, comment, h('div', { class: 'actions' }, send, skip));
    for (let n = 1; n <= 5; n++) {
      const b = h('button', { type: 'button', 'aria-label': text.rate(n), 'aria-pressed': 'false' }, String(n));
      b.addEventListener('click', () => {
        chosen = n;
        for (const other of buttons) other.setAttribute('aria-pressed', String(other === b));
        form.hidden = false;
        comment.focus();
      });
      buttons.push(b);
      row.append(b);
    }
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const words = comment.value.trim();
      if (chosen) onSubmit(chosen, words ? words.slice(0, MAX_COMMENT_CHARS) : undefined);
    });
    comment.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        form.requestSubmit();
      }
    });
    skip.addEventListener('click', () => chosen && onSubmit(chosen));
    container.replaceChildren(h('p', {}, text.ratePrompt), row, form);
  }

  return {
    /** `closed`: the chat has ended; `rated`: the customer has already sent a rating. */
    render(closed: boolean, rated: boolean) {
      const next = !closed ? '' : rated ? 'done' : 'ask';
      if (next === mode) return;
      mode = next;
      container.hidden = !mode;
      if (mode === 'done') container.replaceChildren(h('p', { role: 'status' }, text.thanks));
      if (mode === 'ask') ask();
    },
  };
}
