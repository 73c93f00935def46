import type { ClientFrame, ErrorFrame, HelloFrame, QuickReply, ServerFrame } from '../../protocol/customer';
import { withoutInvalidText } from '../../protocol/text';
import { createConnection, type ConnectionState } from './connection';
import { newId } from './ids';
import type { WidgetOptions } from './options';
import { socketUrl } from './options';
import { createConversationStore, type KeyValueStore, type OutgoingFrame } from './store';
import { text } from './strings';
import { createView } from './view';

/** What the host page can call as `window.SupportWidget`. */
export interface SupportWidgetApi {
  open(): void;
  close(): void;
  /** Forgets the current conversation and starts a new one. */
  newConversation(): void;
  /** Page context sent with the next hello (the protocol has no mid-conversation context frame). */
  setContext(context: { orderId?: string; pageUrl?: string }): void;
  /**
   * Tells the chat who the logged-in customer is, signed by your server (docs/identity.md):
   * `hash` is the hex HMAC-SHA256 of `id` under IDENTITY_SECRET. Call it before the page finishes
   * loading; a later call reconnects so the chat is linked from then on. `identify(null)` on logout.
   */
  identify(identity: CustomerIdentity | null): void;
}

/** What the host page knows about its logged-in customer. */
export interface CustomerIdentity {
  id: string;
  email?: string;
  name?: string;
  hash: string;
}

/** Web Storage, or null where the browser refuses it (blocked cookies, some private modes). */
function webStorage(kind: 'localStorage' | 'sessionStorage'): KeyValueStore | null {
  try {
    const s = window[kind];
    s.getItem('');
    return s;
  } catch {
    return null;
  }
}

const TYPING_EVERY_MS = 3000;
/** Failed connection attempts (about 15 s of back-off) before "Reconnecting…" becomes an explanation with "Try again". */
export const FAILURES_BEFORE_EXPLAINING = 4;
const RESEND_AFTER_RATE_LIMIT_MS = 4000;

/**
 * Wires the parts together: socket frames update the store, the store re-renders the view, the
 * view's events become frames. Connects when the customer opens the chat, or at once when there
 * is a conversation to resume (so replies arrive while the panel is closed).
 */
export function createWidget(opts: WidgetOptions): SupportWidgetApi {
  const origin = new URL(opts.server, location.href).origin;
  const storeKey = `support-widget:v1:${origin}`;
  const openKey = `support-widget:open:${origin}`;
  const store = createConversationStore(webStorage('localStorage'), storeKey);
  const tabStorage = webStorage('sessionStorage');
  // Path only: query strings can carry tokens or personal data the support desk does not need.
  const context: { pageUrl?: string; orderId?: string } = { pageUrl: location.origin + location.pathname };
  if (opts.orderId) context.orderId = opts.orderId;

  let sessionUp = false;
  let identity: CustomerIdentity | null = null;
  let connectedOnce = false;
  let isOpen = false;
  let unread = 0;
  let lastTypingSent = 0;
  let resendTimer: ReturnType<typeof setTimeout> | undefined;
  let connectingTimer: ReturnType<typeof setTimeout> | undefined;

  const host = document.createElement('div');
  host.id = 'support-widget';
  document.body.append(host);

  const view = createView(host, opts, {
    onOpenChange: (open) => (open ? openPanel(true) : closePanel(true)),
    onSend: sendMessage,
    onChoice: sendChoice,
    onNewConversation: askNewConversation,
    onTyping,
    onRate,
    onRetryConnection: () => conn.retryNow(),
  });

  const conn = createConnection({ url: socketUrl(opts.server), onOpen: hello, onFrame, onStateChange });

  function render() {
    view.renderMessages(store.messages(), store.status, store.rated);
    view.renderStatus(store.status);
  }
  store.subscribe(render);

  function send(frame: ClientFrame): boolean {
    return conn.send(frame);
  }

  function hello() {
    sessionUp = false;
    const frame: HelloFrame = { type: 'hello', context: { ...context } };
    if (identity) frame.identity = { ...identity };
    if (opts.locale) frame.locale = opts.locale;
    if (store.token) {
      frame.token = store.token;
      const lastSeq = store.lastSeq();
      if (lastSeq !== undefined) frame.lastSeq = lastSeq;
    }
    send(frame);
  }

  /** (Re-)sends every unacknowledged message; the server stores and answers each id once. */
  function flushOutbox() {
    if (!sessionUp) return;
    for (const f of store.outbox) send(f);
  }

  function scheduleResend() {
    if (resendTimer) return;
    resendTimer = setTimeout(() => {
      resendTimer = undefined;
      flushOutbox();
    }, RESEND_AFTER_RATE_LIMIT_MS);
  }

  function onFrame(frame: ServerFrame) {
    switch (frame.type) {
      case 'session':
        store.session(frame.token, frame.conversationId, frame.state);
        sessionUp = true;
        conn.healthy();
        flushOutbox();
        break;
      case 'message':
        if (store.receive(frame) && frame.from !== 'customer') {
          view.showTyping(null);
          if (!isOpen && frame.from !== 'system') view.setUnread(++unread);
        }
        break;
      case 'ack':
        store.ack(frame.id, frame.seq);
        break;
      case 'status':
        store.setStatus(frame);
        break;
      case 'typing':
        if (frame.from !== 'customer') view.showTyping(frame.from, store.status.agentName);
        break;
      case 'error':
        onError(frame);
        break;
      case 'cases':
        view.showCases(frame.cases, (caseId) => sendMessage(text.askAboutCase(caseId)));
        break;
    }
  }

  function onError(e: ErrorFrame) {
    const pending = e.id !== undefined && store.outbox.some((f) => f.id === e.id);
    if (e.code === 'RATE_LIMITED' || (e.retryable && pending)) {
      view.showNotice(text.errors[e.code] ?? text.errors.generic ?? null);
      scheduleResend();
      return;
    }
    if (e.code === 'ID_TAKEN' && pending && e.id) {
      // Another sender's message has this id (nothing of ours was stored): the same words, a new id.
      const again = store.reissue(e.id, newId());
      if (again && sessionUp) send(again);
      return;
    }
    if (e.code === 'CONVERSATION_CLOSED') {
      // The chat ended before this reached it: nothing was stored. Keep the words for a new chat.
      const refused = store.outbox.find((f) => f.id === e.id);
      if (pending && e.id) store.fail(e.id);
      if (refused?.type === 'message') view.restoreDraft(refused.text);
      if (store.status.state !== 'closed') store.setStatus({ state: 'closed' });
      view.showNotice(text.errors.CONVERSATION_CLOSED ?? null);
      return;
    }
    if (e.code === 'IDENTITY_INVALID') {
      // The site's signature did not check out: chat on without the identity rather than not at all.
      identity = null;
      view.showNotice(text.errors.IDENTITY_INVALID ?? null);
      conn.restart();
      return;
    }
    if (e.code === 'ORIGIN_NOT_ALLOWED') {
      conn.stop();
      view.showNotice(text.errors.ORIGIN_NOT_ALLOWED ?? null);
      return;
    }
    if (pending && e.id) {
      store.fail(e.id);
      view.showNotice(text.errors[e.code] ?? text.errors.generic ?? null);
    }
    // Errors about the protocol itself (HELLO_TIMEOUT, ALREADY_STARTED, NOT_SUPPORTED…) are not
    // the customer's to fix; a reconnect sorts out the first, the others need no notice.
  }

  function onStateChange(state: ConnectionState) {
    clearTimeout(connectingTimer);
    if (state === 'open') {
      connectedOnce = true;
      view.setConnection(null);
    } else if (state === 'waiting' && conn.failures >= FAILURES_BEFORE_EXPLAINING) {
      // Still retrying in the background, but say what is wrong and let the customer retry now.
      sessionUp = false;
      view.setConnection(text.cannotConnect, true);
    } else if (state === 'connecting' && conn.failures >= FAILURES_BEFORE_EXPLAINING) {
      sessionUp = false; // keep the explanation up while this attempt runs
    } else if (state === 'waiting' || (state === 'connecting' && connectedOnce)) {
      sessionUp = false;
      view.setConnection(text.reconnecting);
    } else if (state === 'connecting') {
      // A fast first connection shows nothing; a slow one says so.
      connectingTimer = setTimeout(() => view.setConnection(text.connecting), 1000);
    } else {
      view.setConnection(null);
    }
  }

  function queue(frame: OutgoingFrame, shown: string) {
    view.showNotice(null);
    store.addOutgoing(frame, shown);
    if (sessionUp) send(frame);
    conn.connect();
  }

  function sendMessage(typed: string) {
    // A pasted control character would get the whole message refused (INVALID_TEXT): drop it.
    const message = withoutInvalidText(typed).trim();
    if (!message) return;
    queue({ type: 'message', id: newId(), text: message }, message);
  }

  function sendChoice(reply: QuickReply) {
    queue({ type: 'choice', id: newId(), value: reply.value }, reply.label);
    view.focusInput();
  }

  function onTyping() {
    const now = Date.now();
    if (!sessionUp || now - lastTypingSent < TYPING_EVERY_MS) return;
    lastTypingSent = now;
    send({ type: 'typing' });
  }

  function onRate(rating: number, comment?: string) {
    send(comment ? { type: 'feedback', rating, comment } : { type: 'feedback', rating });
    store.markRated();
    view.focusInput();
  }

  function openPanel(focus: boolean) {
    isOpen = true;
    unread = 0;
    tabStorage?.setItem(openKey, '1');
    view.setOpen(true, focus);
    conn.connect();
  }

  function closePanel(focus: boolean) {
    isOpen = false;
    tabStorage?.removeItem(openKey);
    view.setOpen(false, focus);
  }

  /**
   * "New conversation" from the panel: asks first when there is something to lose (the customer
   * has written, or is waiting in line for a person); otherwise starts over at once.
   */
  function askNewConversation() {
    const state = store.status.state;
    const hasHistory = store.messages().some((m) => m.from === 'customer');
    if (state === 'closed' || (!hasHistory && state !== 'queued')) return newConversation();
    view.askConfirm(state === 'queued' ? text.confirmNewQueued : text.confirmNewQuestion, newConversation);
  }

  function newConversation() {
    // Tell the server this conversation is over (so it leaves the agents' queue), then start clean.
    if (sessionUp) send({ type: 'end' });
    sessionUp = false;
    clearTimeout(resendTimer);
    resendTimer = undefined;
    store.reset();
    view.showNotice(null);
    view.showTyping(null);
    conn.restart();
    view.focusInput();
  }

  // Another tab of this site started a new conversation: follow it rather than overwrite it.
  addEventListener('storage', (e) => {
    if (e.key !== storeKey) return;
    const before = store.conversationId;
    store.reload();
    if (store.conversationId !== before && conn.state !== 'idle') conn.restart();
  });

  render();
  // Wait one turn of the event loop, so an identify() right after the script tag goes in the first hello.
  setTimeout(() => {
    if (tabStorage?.getItem(openKey)) openPanel(false);
    else if (store.token || store.outbox.length) conn.connect();
  }, 0);

  return {
    open: () => openPanel(true),
    close: () => closePanel(true),
    newConversation,
    setContext(next) {
      if (next.orderId !== undefined) context.orderId = String(next.orderId);
      if (next.pageUrl !== undefined) context.pageUrl = String(next.pageUrl);
    },
    identify(next) {
      const same = JSON.stringify(next) === JSON.stringify(identity);
      identity = next && typeof next.id === 'string' && typeof next.hash === 'string' ? { ...next } : null;
      // Already talking: say hello again with the identity (the server starts a new conversation
      // when the current one belongs to someone else).
      if (!same && conn.state !== 'idle') conn.restart();
    },
  };
}
