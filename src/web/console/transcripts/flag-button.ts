/**
 * "Flag for labelling" on a customer message: puts it in the training triage inbox (reason
 * `operator_flagged`), then says where it went and stays disabled. Failures show beside the
 * button, which stays usable for another try. Results are remembered for the section's life, so
 * reopening a transcript shows what was already flagged.
 */
import type { TranscriptMessage } from '../../../protocol/agent';
import { h, setText } from '../dom';
import { truncate } from '../format';
import type { MessageActions } from '../message-view';
import { errorText } from '../training/api';

export const FLAG_TEXT = 'Flag for labelling';
export const FLAGGED_TEXT = 'In the triage inbox';
export const ALREADY_TEXT = 'Already in the inbox';

export interface FlagOptions {
  /** Calls the server; `created` false when the message was in the inbox already. */
  flag(conversationId: string, messageId: string): Promise<{ created: boolean }>;
  /** Said to screen readers after a flag. */
  announce(text: string): void;
}

export function createFlagger(opts: FlagOptions) {
  /** `${conversationId}/${messageId}` → the text its button ended with. */
  const done = new Map<string, string>();

  function settle(btn: HTMLButtonElement, text: string) {
    setText(btn, text);
    btn.removeAttribute('aria-label');
    btn.disabled = true;
  }

  /** The actions for one conversation's transcript: a flag button on each customer message. */
  return function actionsFor(conversationId: string): MessageActions {
    return (m: TranscriptMessage) => {
      if (m.from !== 'customer') return undefined;
      const key = `${conversationId}/${m.id}`;
      const btn = h('button', { class: 'btn small flag', type: 'button', 'aria-label': `${FLAG_TEXT}: “${truncate(m.text, 60)}”` }, FLAG_TEXT);
      const note = h('span', { class: 'row-note err', role: 'alert', hidden: true });
      const earlier = done.get(key);
      if (earlier) settle(btn, earlier);
      btn.addEventListener('click', async () => {
        btn.disabled = true;
        note.hidden = true;
        try {
          const { created } = await opts.flag(conversationId, m.id);
          const text = created ? FLAGGED_TEXT : ALREADY_TEXT;
          done.set(key, text);
          settle(btn, text);
          opts.announce(created ? 'Flagged: the message is in the triage inbox.' : 'That message was already in the triage inbox.');
        } catch (err) {
          btn.disabled = false;
          setText(note, `Could not flag: ${errorText(err)}`);
          note.hidden = false;
        }
      });
      return h('span', { class: 'flag-box' }, btn, note);
    };
  };
}
