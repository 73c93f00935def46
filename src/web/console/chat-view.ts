/**
 * The chat in the centre: header with the actions (transfer, release to the bot, close), the full
 * transcript with what the bot understood at each turn, internal notes, the customer's typing
 * indicator and the composer. Every piece of text goes in as a text node.
 */
import { createComposer, type ComposerMode } from './composer';
import { h, replace, setText } from './dom';
import { formatClock, formatWait, reasonLabel } from './format';
import { chatTitle } from './chat-title';
import { customerText } from './queue-model';
import { renderTimelineItem, type MessageActions } from './message-view';
import type { ChatState } from './store';
import { buildTimeline } from './timeline';

export interface ChatViewOptions {
  maxChars: number;
  onSend(conversationId: string, mode: ComposerMode, text: string): boolean;
  onTyping(conversationId: string): void;
  onTransfer(conversationId: string): void;
  onRelease(conversationId: string): void;
  onClose(conversationId: string): void;
  /** Operators/admins: promote an agent reply (canned answer / draft article). Absent for agents. */
  onPromote?(conversationId: string, messageId: string): void;
}

export const NO_CHAT_TEXT = 'Pick a chat from the queue or from My chats. Press ? for keyboard shortcuts.';

/** Operators/admins get "Promote…" on agent replies. */
function promoteAction(promote: (messageId: string) => void): MessageActions {
  return (m) => {
    if (m.from !== 'agent') return undefined;
    const btn = h('button', { class: 'btn small', type: 'button', 'aria-label': 'Promote this reply' }, 'Promote…');
    btn.addEventListener('click', () => promote(m.id));
    return btn;
  };
}

export function createChatView(opts: ChatViewOptions) {
  let current: ChatState | undefined;
  const drafts = new Map<string, string>();
  const title = h('h1', { id: 'chat-title' });
  const sub = h('div', { class: 'sub' });
  const transferBtn = h('button', { class: 'btn small', type: 'button' }, 'Transfer…');
  const releaseBtn = h('button', { class: 'btn small', type: 'button' }, 'Release to bot');
  const closeBtn = h('button', { class: 'btn small danger', type: 'button' }, 'Close chat…');
  const acts = h('div', { class: 'acts' }, transferBtn, releaseBtn, closeBtn);
  const head = h('header', { class: 'chat-head' }, h('div', { class: 'title' }, title, sub), acts);
  const banner = h('div', { class: 'readonly', role: 'status', hidden: true });
  const transcript = h('div', { class: 'transcript', role: 'log', 'aria-live': 'polite', 'aria-labelledby': 'chat-title', tabindex: '0' });
  const typing = h('div', { class: 'typing-line', 'aria-live': 'polite' });
  const composer = createComposer({
    maxChars: opts.maxChars,
    onSend: (mode, text) => (current ? opts.onSend(current.conversationId, mode, text) : false),
    onTyping: () => current && opts.onTyping(current.conversationId),
  });
  const chatEl = h('div', { class: 'chat', hidden: true }, head, banner, transcript, typing, composer.el);
  const none = h('div', { class: 'nochat' }, h('p', {}, NO_CHAT_TEXT));
  const el = h('section', { class: 'col center', 'aria-label': 'Chat' }, none, chatEl);
  const items = new Map<string, HTMLElement>();

  transferBtn.addEventListener('click', () => current && opts.onTransfer(current.conversationId));
  releaseBtn.addEventListener('click', () => current && opts.onRelease(current.conversationId));
  closeBtn.addEventListener('click', () => current && opts.onClose(current.conversationId));

  function renderTranscript(c: ChatState) {
    const timeline = buildTimeline(c.messages, c.notes, c.pending);
    const nearBottom = transcript.scrollHeight - transcript.scrollTop - transcript.clientHeight < 80;
    const keep = new Set(timeline.map((t) => t.key));
    for (const [k, node] of items) {
      if (!keep.has(k)) {
        node.remove();
        items.delete(k);
      }
    }
    timeline.forEach((item, i) => {
      let node = items.get(item.key);
      if (!node) {
        const onPromote = opts.onPromote;
        node = renderTimelineItem(item, onPromote ? promoteAction((messageId) => onPromote(c.conversationId, messageId)) : undefined);
        items.set(item.key, node);
      }
      if (transcript.children[i] !== node) transcript.insertBefore(node, transcript.children[i] ?? null);
    });
    if (nearBottom || c.pending.length > 0) transcript.scrollTop = transcript.scrollHeight;
  }

  return {
    el,
    composer,
    /** Shows `c` (or the empty state); `customerTyping` drives the typing line. */
    render(c: ChatState | undefined, now: number, customerTyping: boolean): void {
      if (current && current.conversationId !== c?.conversationId) {
        drafts.set(current.conversationId, composer.input.value);
        composer.input.value = c ? (drafts.get(c.conversationId) ?? '') : '';
        replace(transcript);
        items.clear();
      }
      current = c;
      none.hidden = !!c;
      chatEl.hidden = !c;
      if (!c) return;
      setText(title, chatTitle(c));
      const parts: string[] = [];
      const who = customerText(c.customer);
      if (who) parts.push(who);
      if (c.reason) parts.push(reasonLabel(c.reason));
      if (c.priority === 'urgent') parts.push('urgent');
      if (c.waitingSince && c.owned) parts.push(`customer waited since ${formatClock(c.waitingSince)}`);
      else if (c.waitingSince && c.state === 'queued') parts.push(`waiting ${formatWait(now - c.waitingSince)}`);
      if (c.state === 'closed') parts.push('closed');
      setText(sub, parts.join(' · '));
      sub.title = `Conversation id ${c.conversationId}`;
      const canAct = c.owned && !c.readOnly;
      acts.hidden = !canAct;
      composer.setEnabled(canAct);
      composer.el.hidden = !canAct;
      const note =
        c.ended === 'released'
          ? 'This chat is no longer yours (released or transferred). The transcript stays here until you open another chat.'
          : c.ended === 'closed'
            ? 'This chat was closed.'
            : c.readOnly
              ? 'Read-only: you are viewing this chat, not taking part in it.'
              : '';
      setText(banner, note);
      banner.hidden = !note;
      if (!c.loaded) {
        if (!items.has('loading')) {
          const loading = h('p', { class: 'empty' }, 'Loading the transcript…');
          items.set('loading', loading);
          transcript.append(loading);
        }
      } else {
        renderTranscript(c);
      }
      setText(typing, customerTyping && canAct ? 'Customer is typing…' : '');
    },
    current(): ChatState | undefined {
      return current;
    },
  };
}

export type ChatView = ReturnType<typeof createChatView>;
