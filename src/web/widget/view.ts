import type { QuickReply, Sender } from '../../protocol/customer';
import { textOn, textSafeOnWhite } from './contrast';
import { h, icon, icons, linkify, safeUrl } from './dom';
import { trapFocus } from './focus-trap';
import type { WidgetOptions } from './options';
import { createRatingView } from './rating-view';
import type { ChatMessage, ConversationStatus } from './store';
import { text } from './strings';
import { css } from './styles';
import { initials, messageTime } from './time-format';

export interface ViewHandlers {
  /** The customer asked to open (true) or close (false) the panel. */
  onOpenChange(open: boolean): void;
  onSend(message: string): void;
  onChoice(reply: QuickReply): void;
  onNewConversation(): void;
  /** The customer is typing (called on every input; the caller throttles). */
  onTyping(): void;
  /** A rating, with the customer's comment when they wrote one. */
  onRate(rating: number, comment?: string): void;
  /** "Try again" on the can't-connect notice. */
  onRetryConnection(): void;
}

/** Below this width the panel fills the screen (see styles.ts): focus is trapped in it. */
export const PHONE_QUERY = '(max-width: 480px)';

/** The brand colour as the browser resolves it (any CSS colour), as `rgb(…)`. */
function resolvedColor(color: string): string {
  const probe = document.createElement('span');
  probe.style.color = color;
  probe.style.display = 'none';
  document.body.append(probe);
  const rgb = getComputedStyle(probe).color;
  probe.remove();
  return rgb;
}

/**
 * The widget's DOM inside a shadow root: launcher, panel, message list, composer. Renders what
 * it is given and reports what the customer does; holds no conversation state of its own.
 */
export function createView(hostEl: HTMLElement, opts: WidgetOptions, on: ViewHandlers) {
  const shadow = hostEl.attachShadow({ mode: 'open' });
  const brand = opts.brand;

  const badge = h('span', { class: 'badge', 'aria-hidden': 'true', hidden: true });
  const launcher = h('button', { class: 'launcher', type: 'button', 'aria-expanded': 'false', 'aria-controls': 'sw-panel', 'aria-label': text.openChat(brand) }, icon(...icons.chat), badge);

  const newBtn = h('button', { class: 'hbtn', type: 'button', title: text.newConversation }, icon(...icons.refresh), h('span', { class: 'label' }, text.newConversation));
  const closeBtn = h('button', { class: 'hbtn', type: 'button', 'aria-label': text.closeChat, title: text.closeChat }, icon(...icons.close));
  const conn = h('div', { class: 'bar conn', role: 'status', hidden: true });
  const status = h('div', { class: 'bar status', role: 'status', hidden: true });
  const log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': text.conversationLabel });
  const typing = h('div', { class: 'typing', hidden: true }, h('span', { class: 'vh' }), h('i'), h('i'), h('i'));
  const quick = h('div', { class: 'quick', role: 'group', 'aria-label': text.suggestions, hidden: true });
  const rating = h('div', { class: 'rating', hidden: true });
  const ratingView = createRatingView(rating, (n, comment) => on.onRate(n, comment));
  // A verified customer's cases, each with a button that asks the bot about it.
  const casesList = h('ul', { class: 'cases', 'aria-label': text.yourCases, hidden: true });
  const scroll = h('div', { class: 'scroll' }, casesList, log, typing, quick, rating);
  // "New conversation" on a chat with history asks first, in the panel (not a blocking browser dialog).
  const confirmText = h('p', { id: 'sw-confirm-text' });
  const confirmYes = h('button', { type: 'button', class: 'primary' }, text.confirmNew);
  const confirmNo = h('button', { type: 'button' }, text.keepChat);
  const confirmBox = h('div', { class: 'bar confirm', role: 'alertdialog', 'aria-labelledby': 'sw-confirm-text', hidden: true }, confirmText, h('div', { class: 'actions' }, confirmYes, confirmNo));
  const noticeText = h('span');
  const dismiss = h('button', { type: 'button', 'aria-label': text.dismiss }, icon(...icons.close));
  const notice = h('div', { class: 'notice', role: 'alert', hidden: true }, noticeText, dismiss);
  // A closed chat takes no messages: in place of the composer, say so and offer a new conversation.
  const startNewBtn = h('button', { type: 'button' }, text.startNew);
  startNewBtn.addEventListener('click', () => on.onNewConversation());
  const ended = h('div', { class: 'bar status ended', role: 'status', hidden: true }, h('span', {}, text.closed), startNewBtn);
  const input = h('textarea', { id: 'sw-input', rows: '1', placeholder: text.placeholder, enterkeyhint: 'send', autocomplete: 'off' });
  const form = h(
    'form',
    { class: 'composer' },
    h('label', { class: 'vh', for: 'sw-input' }, text.messageLabel),
    input,
    h('button', { class: 'send', type: 'submit', 'aria-label': text.send }, icon(...icons.send)),
  );
  const panel = h(
    'section',
    { class: 'panel', id: 'sw-panel', role: 'dialog', 'aria-label': text.panelLabel(brand), hidden: true },
    h('header', {}, h('span', { class: 'avatar', 'aria-hidden': 'true' }, brand.charAt(0).toUpperCase()), h('div', { class: 'titles' }, h('h2', {}, brand), h('p', { class: 'sub' }, text.subtitle)), newBtn, closeBtn),
    confirmBox,
    conn,
    status,
    scroll,
    notice,
    ended,
    form,
  );
  const root = h('div', { class: 'root' }, panel, launcher);
  if (opts.color && typeof CSS !== 'undefined' && CSS.supports('color', opts.color)) {
    // Backgrounds take the colour as given with black or white text on it; where the brand colour
    // is itself text (links, reply chips) on white it is darkened to 4.5:1 when it is too light.
    const rgb = resolvedColor(opts.color);
    root.style.setProperty('--sw-brand', opts.color);
    root.style.setProperty('--sw-on-brand', textOn(rgb));
    const safe = textSafeOnWhite(rgb);
    if (safe) root.style.setProperty('--sw-brand-text', safe);
  }
  // On a phone the closed launcher sits over the page's bottom corner: a spacer after the page's
  // content lets its last lines scroll clear of it.
  const phone = matchMedia(PHONE_QUERY);
  const spacer = h('div', { 'aria-hidden': 'true', 'data-support-widget-spacer': '' });
  const sizeSpacer = () => (spacer.style.height = phone.matches ? '80px' : '0');
  sizeSpacer();
  phone.addEventListener('change', sizeSpacer);
  hostEl.before(spacer);
  const style = h('style');
  style.textContent = css;
  shadow.append(style, root);

  let isOpen = false;

  launcher.addEventListener('click', () => on.onOpenChange(!isOpen));
  closeBtn.addEventListener('click', () => on.onOpenChange(false));
  newBtn.addEventListener('click', () => on.onNewConversation());
  trapFocus(panel, () => isOpen && phone.matches);
  phone.addEventListener('change', () => markModal());
  dismiss.addEventListener('click', () => showNotice(null));
  panel.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      if (!confirmBox.hidden) hideConfirm(true);
      else on.onOpenChange(false);
    }
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit();
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      submit();
    }
  });
  input.addEventListener('input', () => {
    autosize();
    if (input.value.trim()) on.onTyping();
  });

  function submit() {
    const value = input.value.trim();
    if (!value) return;
    input.value = '';
    autosize();
    on.onSend(value);
  }

  function autosize() {
    input.style.height = 'auto';
    input.style.height = Math.min(input.scrollHeight + 2, 120) + 'px';
  }

  function nearBottom(): boolean {
    return scroll.scrollHeight - scroll.scrollTop - scroll.clientHeight < 80;
  }

  function toBottom() {
    scroll.scrollTop = scroll.scrollHeight;
  }

  function who(from: Sender, agentName?: string): string {
    if (from === 'customer') return text.you;
    if (from === 'agent') return text.agent(agentName);
    return text.assistant(brand);
  }

  function messageEl(m: ChatMessage, showWho: boolean, agentName?: string): HTMLElement {
    const el = h('div', { class: `msg ${m.from} ${m.status}` });
    if (m.from !== 'system') {
      // Visible for the other side's first message in a run, always there for screen readers.
      const visible = showWho && m.from !== 'customer';
      const label = h('span', { class: visible ? 'who' : 'vh' });
      if (visible) label.append(h('span', { class: `face ${m.from}`, 'aria-hidden': 'true' }, m.from === 'agent' ? initials(agentName) : brand.charAt(0).toUpperCase()));
      label.append(who(m.from, agentName) + (visible ? '' : ':'));
      el.append(label);
    }
    const bubble = h('div', { class: 'bubble' });
    bubble.append(m.from === 'customer' ? document.createTextNode(m.text) : linkify(m.text));
    el.append(bubble);
    const href = m.article && safeUrl(m.article.url, opts.server);
    if (m.article && href) {
      el.append(
        h(
          'a',
          { class: 'article', href, target: '_blank', rel: 'noopener noreferrer' },
          h('span', { class: 'cat' }, m.article.category),
          h('span', { class: 'atitle' }, m.article.title),
          h('span', { class: 'more' }, text.readArticle + ' ↗', h('span', { class: 'vh' }, ' ' + text.newTab)),
        ),
      );
    }
    if (m.status === 'pending') el.append(h('span', { class: 'meta' }, text.sending));
    else if (m.status === 'failed') el.append(h('span', { class: 'meta' }, text.notSent));
    else if (m.at !== undefined) el.append(h('time', { class: 'meta', datetime: new Date(m.at).toISOString() }, messageTime(m.at, Date.now(), opts.locale)));
    return el;
  }

  const rendered = new Map<string, { el: HTMLElement; sig: string }>();

  /** Keyed update of the message list: unchanged messages keep their elements (and focus). */
  function renderMessages(messages: ChatMessage[], status: ConversationStatus, rated: boolean) {
    const stick = nearBottom();
    const before = log.childElementCount;
    const keep = new Set<string>();
    let prev: string | undefined;
    messages.forEach((m, i) => {
      const key = m.from + ':' + m.id;
      keep.add(key);
      const agentName = m.from === 'agent' ? m.agentName ?? status.agentName : undefined;
      // A new label where the speaker changes, another agent after a transfer included.
      const speaker = m.from + ':' + (agentName ?? '');
      const showWho = speaker !== prev;
      prev = speaker;
      const sig = [m.status, m.seq, m.text, m.at, showWho, agentName ?? ''].join('|');
      let entry = rendered.get(key);
      if (!entry || entry.sig !== sig) {
        const el = messageEl(m, showWho, agentName);
        if (entry) entry.el.replaceWith(el);
        entry = { el, sig };
        rendered.set(key, entry);
      }
      if (log.children[i] !== entry.el) log.insertBefore(entry.el, log.children[i] ?? null);
    });
    for (const [key, entry] of rendered) {
      if (!keep.has(key)) {
        entry.el.remove();
        rendered.delete(key);
      }
    }

    const last = messages[messages.length - 1];
    const replies = last && (last.from === 'bot' || last.from === 'agent') && status.state !== 'closed' ? last.quickReplies ?? [] : [];
    const repliesKey = replies.length ? last?.id ?? '' : '';
    if (quick.dataset.for !== repliesKey) {
      quick.dataset.for = repliesKey;
      quick.replaceChildren(
        ...replies.map((r) => {
          const b = h('button', { type: 'button' }, r.label);
          b.addEventListener('click', () => on.onChoice(r));
          return b;
        }),
      );
      quick.hidden = replies.length === 0;
    }

    ratingView.render(status.state === 'closed', rated);
    if (stick || log.childElementCount !== before && last?.from === 'customer') toBottom();
  }

  function renderStatus(s: ConversationStatus) {
    status.replaceChildren();
    if (s.state === 'queued') {
      const parts = [text.queued];
      if (s.queuePosition !== undefined) parts.push(text.queuePosition(s.queuePosition));
      if (s.estimatedWaitSeconds !== undefined) parts.push(text.wait(s.estimatedWaitSeconds));
      status.append(parts.join(' · '));
    } else if (s.state === 'agent') {
      status.append(text.withAgent(s.agentName));
    }
    const closed = s.state === 'closed';
    status.hidden = s.state === 'bot' || closed;
    const closing = closed && ended.hidden;
    const typingHere = shadow.activeElement === input;
    ended.hidden = !closed;
    // Hidden, not cleared: what the customer was typing is still there in the new conversation.
    form.hidden = closed;
    if (closing && typingHere) startNewBtn.focus();
  }

  /** Puts refused text back in the message box (after what is there), to send in a new conversation. */
  function restoreDraft(value: string) {
    if (input.value.includes(value)) return;
    input.value = input.value.trim() ? `${input.value.trimEnd()}\n${value}` : value;
    autosize();
  }

  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  function showTyping(from: Sender | null, agentName?: string) {
    clearTimeout(typingTimer);
    const stick = nearBottom();
    typing.hidden = from === null;
    if (from) {
      (typing.firstChild as HTMLElement).textContent = text.typing(who(from, agentName));
      // The server sends typing again while it lasts; hide if it goes quiet.
      typingTimer = setTimeout(() => showTyping(null), 8000);
      if (stick) toBottom();
    }
  }

  function showCases(cases: Array<{ id: string; kind: string; status: string }>, onAsk: (caseId: string) => void) {
    casesList.replaceChildren(
      ...cases.map((c) => {
        const ask = h('button', { type: 'button', 'aria-label': `${text.askAboutIt}: ${c.id}` }, text.askAboutIt);
        ask.addEventListener('click', () => onAsk(c.id));
        return h('li', {}, h('span', { class: 'case-id' }, c.id), ` · ${c.kind} · ${text.caseStatus[c.status] ?? c.status} `, ask);
      }),
    );
    if (cases.length > 0) casesList.prepend(h('li', { class: 'cases-title' }, text.yourCases));
    casesList.hidden = cases.length === 0;
  }

  function showNotice(message: string | null) {
    noticeText.textContent = message ?? '';
    notice.hidden = message === null;
  }

  /** The connection notice; with `retry`, a "Try again" button that reconnects at once. */
  function setConnection(message: string | null, retry = false) {
    conn.replaceChildren(message ?? '');
    if (message !== null && retry) {
      const b = h('button', { type: 'button' }, text.tryAgain);
      b.addEventListener('click', () => on.onRetryConnection());
      conn.append(b);
    }
    conn.classList.toggle('down', retry);
    conn.hidden = message === null;
  }

  /** Asks before starting over; `onYes` runs only on the customer's "Start new". */
  let confirmed: (() => void) | undefined;
  confirmYes.addEventListener('click', () => {
    const go = confirmed;
    hideConfirm(false);
    go?.();
  });
  confirmNo.addEventListener('click', () => hideConfirm(true));
  function askConfirm(message: string, onYes: () => void) {
    confirmed = onYes;
    confirmText.textContent = message;
    confirmBox.hidden = false;
    confirmNo.focus();
  }
  function hideConfirm(refocus: boolean) {
    confirmed = undefined;
    confirmBox.hidden = true;
    if (refocus) newBtn.focus();
  }

  /** A modal dialog only while it covers the page (phone, open). */
  function markModal() {
    if (isOpen && phone.matches) panel.setAttribute('aria-modal', 'true');
    else panel.removeAttribute('aria-modal');
  }

  function setUnread(n: number) {
    badge.textContent = n > 9 ? '9+' : String(n);
    badge.hidden = n === 0;
    launcher.setAttribute('aria-label', isOpen ? text.closeChat : text.openChat(brand) + (n ? ` (${text.unread(n)})` : ''));
  }

  function setOpen(open: boolean, focus: boolean) {
    isOpen = open;
    panel.hidden = !open;
    root.classList.toggle('open', open);
    launcher.setAttribute('aria-expanded', String(open));
    markModal();
    if (!open) hideConfirm(false);
    setUnread(0);
    if (open) {
      toBottom();
      if (focus) input.focus();
    } else if (focus) {
      launcher.focus();
    }
  }

  return { renderMessages, renderStatus, restoreDraft, showTyping, showNotice, showCases, setConnection, askConfirm, setUnread, setOpen,
    /** Focus for typing: the message box, or "Start a new conversation" once the chat has ended. */
    focusInput: () => (form.hidden ? startNewBtn : input).focus(),
  };
}

export type View = ReturnType<typeof createView>;
