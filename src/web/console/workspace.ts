/**
 * The "Chats" section: queue and My chats on the left, the open chat in the centre, tools on the
 * right. Turns what the agent does into socket frames and re-renders from the store.
 */
import { DEFAULT_LIMITS } from '../../protocol/customer';
import type { AgentClientFrame, AgentRole } from '../../protocol/agent';
import type { ArticleHit } from './api';
import { createChatView } from './chat-view';
import { askClose, askPromote, askTransfer, suggestedResolution } from './dialogs';
import { h } from './dom';
import { createMyChatsView } from './my-chats-view';
import { moveSelection } from './queue-model';
import { createQueueView } from './queue-view';
import type { ShortcutAction } from './shortcuts';
import type { ConsoleStore } from './store';
import { createToolsView } from './tools-view';

export interface WorkspaceOptions {
  store: ConsoleStore;
  role: AgentRole;
  /** Sends a frame; false when the socket is not open. */
  send(frame: AgentClientFrame): boolean;
  search(q: string): Promise<ArticleHit[]>;
  /** Intents to pick from, and saving the pick for a conversation (training example). */
  intents(): Promise<string[]>;
  labelIntent(conversationId: string, intent: string): Promise<void>;
  /** Operators/admins: keep an agent reply as a canned answer or a draft article. */
  promote(input: { conversationId: string; messageId: string; kind: 'canned_answer' | 'kb_draft'; title: string }): Promise<void>;
  toast(text: string): void;
  now(): number;
}

/**
 * How often a read-only transcript is re-fetched. The server pushes its new messages live once it
 * is open; this only heals what arrived between the fetch and the subscription, or a lost frame.
 */
const READ_ONLY_REFRESH_MS = 30_000;

let idCounter = 0;
function newId(prefix: string): string {
  const rnd = Math.random().toString(36).slice(2, 10);
  return `${prefix}-${Date.now().toString(36)}-${rnd}-${++idCounter}`;
}

export function createWorkspace(opts: WorkspaceOptions) {
  const { store } = opts;

  /** Shows `text` as pending in the chat and sends it with a fresh id. */
  function sendMessage(conversationId: string, text: string): void {
    const id = newId('a');
    store.addPending(conversationId, id, text, opts.now());
    if (!send({ type: 'message', conversationId, id, text })) {
      const p = store.state.chats.get(conversationId)?.pending.find((x) => x.id === id);
      if (p) p.failed = 'not connected';
    }
    render();
  }
  const canView = opts.role === 'operator' || opts.role === 'admin';
  const claiming = new Set<string>();
  let lastOpenAt = 0;

  function send(frame: AgentClientFrame): boolean {
    const ok = opts.send(frame);
    if (!ok) opts.toast('Not connected to the server. Reconnecting…');
    return ok;
  }

  function open(conversationId: string) {
    store.setActive(conversationId);
    const c = store.state.chats.get(conversationId);
    if (c && !c.loaded) {
      lastOpenAt = opts.now();
      // Before the socket is up (a reload on #/chats/<id>) this is sent again by `connected()`.
      opts.send({ type: 'open', conversationId });
    }
    if (location.hash !== `#/chats/${conversationId}`) history.replaceState(null, '', `#/chats/${encodeURIComponent(conversationId)}`);
    render();
  }

  function claim(conversationId: string) {
    claiming.add(conversationId);
    if (!send({ type: 'claim', conversationId, ref: `claim:${conversationId}` })) claiming.delete(conversationId);
  }

  const queue = createQueueView({
    canView,
    onSelect: (id) => {
      store.selectQueue(id);
      render();
    },
    onClaim: claim,
    onView: (id) => open(id),
  });
  const mine = createMyChatsView({ onOpen: open });
  const chat = createChatView({
    maxChars: DEFAULT_LIMITS.maxTextChars,
    onSend: (conversationId, mode, text) => {
      if (mode === 'note') return send({ type: 'note', conversationId, text });
      sendMessage(conversationId, text);
      return true;
    },
    onTyping: (conversationId) => void opts.send({ type: 'typing', conversationId }),
    onTransfer: (conversationId) => {
      void askTransfer(store.transferTargets()).then((to) => {
        if (to && send({ type: 'transfer', conversationId, toAgentId: to, ref: `transfer:${conversationId}` })) opts.toast('Transferring the chat…');
      });
    },
    onRelease: (conversationId) => {
      if (send({ type: 'release', conversationId, ref: `release:${conversationId}` })) opts.toast('Released to the bot.');
    },
    onClose: (conversationId) => {
      void askClose(suggestedResolution(store.state.chats.get(conversationId)?.topic?.category)).then((resolution) => {
        if (resolution) send({ type: 'close', conversationId, resolution, ref: `close:${conversationId}` });
      });
    },
    onPromote: canView
      ? (conversationId, messageId) => {
          void askPromote().then((choice) => {
            if (!choice) return;
            opts.promote({ conversationId, messageId, ...choice }).then(
              () => opts.toast(choice.kind === 'kb_draft' ? 'Saved as a draft article.' : 'Saved as a canned answer.'),
              (err: Error) => opts.toast(`Could not promote: ${err.message}`),
            );
          });
        }
      : undefined,
  });
  const tools = createToolsView({
    search: opts.search,
    intents: opts.intents,
    labelIntent: opts.labelIntent,
    insert: (text) => chat.composer.insert(text),
    agentName: () => store.state.me?.name ?? '',
  });
  const left = h('aside', { class: 'col left', 'aria-label': 'Queue and my chats' }, queue.el, mine.el);
  const el = h('div', { class: 'workspace' }, left, chat.el, tools.el);

  function render() {
    const s = store.state;
    const now = opts.now();
    queue.render(s.queue, now, s.selectedQueueId);
    mine.render(
      s.myChats.map((id) => s.chats.get(id)).filter((c): c is NonNullable<typeof c> => !!c),
      s.activeChatId,
    );
    const active = s.activeChatId ? s.chats.get(s.activeChatId) : undefined;
    chat.render(active, now, active ? store.customerTyping(active.conversationId, now) : false);
    tools.render(active);
  }

  return {
    el,
    render,
    /** Every second: live waits, typing expiry, read-only refresh. */
    tick(): void {
      const s = store.state;
      const now = opts.now();
      queue.tick(s.queue, now);
      const active = s.activeChatId ? s.chats.get(s.activeChatId) : undefined;
      if (active) chat.render(active, now, store.customerTyping(active.conversationId, now));
      if (active && active.readOnly && !active.ended && now - lastOpenAt >= READ_ONLY_REFRESH_MS) {
        lastOpenAt = now;
        opts.send({ type: 'open', conversationId: active.conversationId });
      }
    },
    open,
    /** The socket (re)connected: reload the open chat's transcript (messages may have arrived meanwhile). */
    connected(): void {
      const id = store.state.activeChatId;
      if (!id) return;
      const c = store.state.chats.get(id);
      if (c && !c.ended) {
        lastOpenAt = opts.now();
        opts.send({ type: 'open', conversationId: id });
      }
    },
    /** A chat became ours: open it when we claimed it (or nothing else is open). */
    assigned(conversationId: string, transferredFrom?: string): void {
      const wasClaim = claiming.delete(conversationId);
      const c = store.state.chats.get(conversationId);
      if (wasClaim || !store.state.activeChatId) {
        open(conversationId);
        if (wasClaim) chat.composer.focus();
      } else if (c && !c.loaded) {
        opts.send({ type: 'open', conversationId });
      }
      if (transferredFrom) opts.toast('A chat was transferred to you.');
    },
    /** The server refused a message's id as another sender's: the same words go again with a new id. */
    resend(conversationId: string, text: string): void {
      sendMessage(conversationId, text);
    },
    claimFailed(ref: string | undefined): void {
      if (ref?.startsWith('claim:')) claiming.delete(ref.slice('claim:'.length));
    },
    /** Keyboard shortcuts that act on the queue and chats; true when handled. */
    shortcut(action: ShortcutAction): boolean {
      const s = store.state;
      switch (action) {
        case 'queue-next':
        case 'queue-prev': {
          const next = moveSelection(queue.ids(), s.selectedQueueId, action === 'queue-next' ? 1 : -1);
          if (!next) return true;
          store.selectQueue(next);
          render();
          queue.focusRow(next);
          return true;
        }
        case 'claim':
          if (s.selectedQueueId) claim(s.selectedQueueId);
          return true;
        case 'open':
          if (s.selectedQueueId && canView) open(s.selectedQueueId);
          return true;
        case 'chat-next':
        case 'chat-prev': {
          const next = moveSelection(s.myChats, s.activeChatId, action === 'chat-next' ? 1 : -1);
          if (next) open(next);
          return true;
        }
        case 'focus-composer':
          chat.composer.focus();
          return true;
        case 'toggle-note':
          chat.composer.toggleMode();
          return true;
        case 'focus-search':
          tools.focusSearch();
          return true;
        default:
          return false;
      }
    },
  };
}

export type Workspace = ReturnType<typeof createWorkspace>;
