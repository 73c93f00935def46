/**
 * A conversation's transcript, read-only: who said what and when, what the bot understood from
 * each customer message (intent and confidence), internal notes, and a flag button on every
 * customer message.
 */
import { h, replace, setText } from '../dom';
import { renderTimelineItem, type MessageActions } from '../message-view';
import { buildTimeline } from '../timeline';
import { errorText } from '../training/api';
import type { Transcript, TranscriptsApi } from './api';
import { handoffText, stateLabel } from './row-format';

export const PICK_TEXT = 'Pick a conversation to read its transcript.';

export interface TranscriptViewOptions {
  api: TranscriptsApi;
  /** The flag buttons for a conversation's customer messages. */
  actionsFor(conversationId: string): MessageActions;
}

export function createTranscriptView(opts: TranscriptViewOptions) {
  let openSeq = 0;
  const title = h('h2', { id: 'tx-title', tabindex: '-1' }, 'Transcript');
  const sub = h('p', { class: 'sub' });
  const body = h('div', { class: 'tx-messages', 'aria-labelledby': 'tx-title' });
  const el = h('section', { class: 'panel tx-transcript', 'aria-labelledby': 'tx-title' }, title, sub, body);

  function clear() {
    openSeq++;
    setText(title, 'Transcript');
    setText(sub, '');
    replace(body, h('p', { class: 'empty' }, PICK_TEXT));
  }

  function render(id: string, t: Transcript) {
    setText(title, `Conversation ${id.slice(0, 8)}`);
    title.title = `Conversation id ${id}`;
    const facts = [stateLabel(t.state)];
    const handoff = handoffText(t.escalation ?? null);
    if (handoff) facts.push(handoff);
    facts.push('read-only');
    setText(sub, facts.join(' · '));
    const timeline = buildTimeline(t.messages, t.notes);
    const actions = opts.actionsFor(id);
    replace(body, ...(timeline.length ? timeline.map((item) => renderTimelineItem(item, actions)) : [h('p', { class: 'empty' }, 'No messages in this conversation.')]));
  }

  clear();
  return {
    el,
    clear,
    /** Loads and shows a transcript. */
    async open(id: string): Promise<void> {
      const mine = ++openSeq;
      setText(title, `Conversation ${id.slice(0, 8)}`);
      setText(sub, '');
      replace(body, h('p', { class: 'empty', role: 'status' }, 'Loading the transcript…'));
      try {
        const t = await opts.api.transcript(id);
        if (mine === openSeq) render(id, t);
      } catch (err) {
        if (mine === openSeq) replace(body, h('p', { class: 'err', role: 'alert' }, `Could not open this conversation: ${errorText(err)}`));
      }
    },
  };
}
