/**
 * The console's lifecycle: session check → login page or console; the agent socket and its frames;
 * alerts; sections and the hash router; keyboard shortcuts; logout.
 */
import type { AgentStatus, SessionInfo } from '../../protocol/agent';
import { createAlerts } from './alerts';
import { createApi, loginErrorText } from './api';
import { askConversationId, askGoOnline, showHelp } from './dialogs';
import { h, isTextField, replace, setText } from './dom';
import { reasonLabel } from './format';
import { createLoginView } from './login-view';
import { sectionFromHash, sections, visibleSections, type Section } from './sections';
import { createShell } from './shell-view';
import { sectionForKey, shortcutFor } from './shortcuts';
import { createAgentSocket, type AgentSocket } from './socket';
import { createConsoleStore } from './store';
import { createWorkspace } from './workspace';

export interface ConsoleAppOptions {
  root: HTMLElement;
  brand: string;
}

const ERROR_TEXT: Record<string, string> = {
  ALREADY_CLAIMED: 'Another agent claimed that chat first.',
  NOT_IN_QUEUE: 'That chat is no longer in the queue.',
  AT_CAPACITY: 'You are at your chat limit. Close or transfer a chat first.',
  NOT_ONLINE: 'Set your status to Online to take chats.',
  NOT_ASSIGNED: 'That chat is not yours any more.',
  FORBIDDEN: 'You are not allowed to do that.',
  NOT_FOUND: 'That conversation does not exist.',
};

export function startConsoleApp(opts: ConsoleAppOptions) {
  const api = createApi();
  const store = createConsoleStore();
  const baseTitle = `Console · ${opts.brand}`;
  let socket: AgentSocket | undefined;
  let stopSession: (() => void) | undefined;
  const toastEl = h('div', { class: 'toast', role: 'status', 'aria-live': 'polite', hidden: true });
  let toastTimer: ReturnType<typeof setTimeout> | undefined;
  document.body.append(toastEl);

  function toast(text: string) {
    setText(toastEl, text);
    toastEl.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => (toastEl.hidden = true), 5000);
  }

  function showLogin(notice?: string) {
    document.title = `Log in · ${baseTitle}`;
    const view = createLoginView({
      brand: opts.brand,
      onSubmit: async (email, password) => {
        let info: SessionInfo;
        try {
          info = await api.login(email, password);
        } catch (err) {
          throw new Error(loginErrorText(err));
        }
        showConsole(info, true);
      },
    });
    replace(opts.root, view);
    if (notice) toast(notice);
  }

  function showConsole(info: SessionInfo, fromGesture: boolean) {
    const alerts = createAlerts({ baseTitle, onNotificationClick: (id) => workspace.open(id) });
    if (fromGesture) alerts.unlock();
    // A resumed session has had no click yet: unlock sound on the first one.
    const unlockOnce = () => alerts.unlock();
    document.addEventListener('pointerdown', unlockOnce, { once: true });
    document.addEventListener('keydown', unlockOnce, { once: true });

    const role = info.agent.role;
    const canView = role === 'operator' || role === 'admin';
    const chatsSection: Section = { id: 'chats', label: 'Chats', mount: (el) => el.append(workspace.el) };
    const all = [chatsSection, ...sections().filter((s) => s.id !== 'chats')];
    const visible = visibleSections(all, role);
    const shell = createShell({
      brand: opts.brand,
      agent: info.agent,
      sections: all.filter((s) => visible.includes(s.id)),
      onStatus: (status: AgentStatus) => shellStatus(status),
      onLogout: () => void logout(),
      onHelp: showHelp,
      onNotifications: () => void alerts.requestPermission().then((p) => shell.setNotificationState(p)),
      onSound: (on) => alerts.setMuted(!on),
      onOpenById: canView ? () => void askConversationId().then((id) => id && (location.hash = `#/chats/${encodeURIComponent(id)}`)) : undefined,
    });
    shell.setNotificationState(alerts.permission());

    function shellStatus(status: AgentStatus) {
      if (socket?.send({ type: 'presence', status })) {
        store.setMyStatus(status);
        shell.setStatus(status);
      } else {
        toast('Not connected; status not changed.');
        shell.setStatus(store.state.me?.status ?? 'offline');
      }
    }

    const workspace = createWorkspace({
      store,
      role,
      send: (frame) => socket?.send(frame) ?? false,
      search: (q) => api.searchArticles(q),
      intents: () => api.intents(),
      labelIntent: (id, intent) => api.labelIntent(id, intent),
      promote: (input) => api.promote(input),
      toast,
      now: () => Date.now(),
    });

    let cleanup: void | (() => void);
    let shownSection: string | undefined;
    function route() {
      const id = sectionFromHash(location.hash, visible) ?? 'chats';
      const chatId = /^#\/chats\/(.+)$/.exec(location.hash)?.[1];
      if (id !== shownSection) {
        if (typeof cleanup === 'function') cleanup();
        const holder = h('div', { class: 'content-inner' });
        shell.showSection(holder);
        cleanup = all.find((s) => s.id === id)?.mount(holder, { role, csrfToken: () => api.csrfToken() });
        shownSection = id;
        shell.setActiveSection(id);
      }
      if (id === 'chats' && chatId) {
        const decoded = decodeURIComponent(chatId);
        if (decoded !== store.state.activeChatId) workspace.open(decoded);
      }
    }

    // Right after logging in, an agent who is not online is asked once whether to go online.
    let presenceChecked = !fromGesture || role !== 'agent';
    if (presenceChecked) document.body.dataset.presenceChecked = 'true';
    function offerToGoOnline(status: AgentStatus) {
      if (presenceChecked) return;
      presenceChecked = true;
      document.body.dataset.presenceChecked = 'true';
      if (status === 'online') return;
      void askGoOnline(status).then((yes) => yes && shellStatus('online'));
    }

    function onFrame(frame: Parameters<typeof store.apply>[0]) {
      const events = store.apply(frame, Date.now());
      if (frame.type === 'hello') {
        shell.setStatus(frame.agent.status);
        offerToGoOnline(frame.agent.status);
      }
      if (frame.type === 'agents') {
        const me = frame.agents.find((a) => a.id === store.state.me?.id);
        if (me) {
          store.setMyStatus(me.status);
          shell.setStatus(me.status);
        }
      }
      if (frame.type === 'queue') alerts.setUnread(frame.entries.length);
      for (const ev of events) {
        if (ev.kind === 'escalated') {
          alerts.beep();
          alerts.notify(ev.conversationId, `${ev.priority === 'urgent' ? 'Urgent: ' : ''}New chat in the queue`, reasonLabel(ev.reason));
        } else if (ev.kind === 'assigned') {
          workspace.assigned(ev.conversationId, ev.transferredFrom);
        } else if (ev.kind === 'lost') {
          toast(ev.why === 'closed' ? 'The chat was closed.' : 'The chat is no longer yours.');
        } else if (ev.kind === 'id-taken') {
          workspace.resend(ev.conversationId, ev.text);
        } else if (ev.kind === 'error') {
          workspace.claimFailed(ev.ref);
          toast(ERROR_TEXT[ev.code] ?? ev.message);
        }
      }
      workspace.render();
    }

    socket = createAgentSocket({
      url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/agent`,
      onFrame,
      onState: (s) => {
        if (s === 'open') workspace.connected();
        shell.setConnection(s === 'open' ? '' : s === 'connecting' ? 'Connecting…' : s === 'waiting' ? 'Connection lost. Reconnecting…' : '');
      },
      onSessionEnded: (code, reason) => endSession(code === 4003 ? 'This page’s address is not allowed to connect. Ask an admin.' : sessionEndedText(reason)),
      onDropped: () => {
        // A refused upgrade looks like any drop: check whether the session is still valid.
        api.me().then(
          (me) => !me && endSession('Your session ended. Log in again.'),
          () => undefined,
        );
      },
    });

    const onKey = (ev: KeyboardEvent) => {
      const action = shortcutFor({ key: ev.key, ctrlKey: ev.ctrlKey, metaKey: ev.metaKey, altKey: ev.altKey, inField: isTextField(document.activeElement) });
      if (!action) return;
      if (document.querySelector('dialog[open]')) return; // the dialog handles its own keys
      if (action === 'escape') {
        if (isTextField(document.activeElement)) (document.activeElement as HTMLElement).blur();
        return;
      }
      if (action === 'help') {
        ev.preventDefault();
        showHelp();
        return;
      }
      if (action === 'section') {
        const id = sectionForKey(ev.key, visible);
        if (!id) return;
        ev.preventDefault();
        // already there: keep the hash, which may name an open chat (#/chats/<id>)
        if (id !== shownSection) location.hash = `#/${id}`;
        return;
      }
      if (shownSection === 'chats' && workspace.shortcut(action)) ev.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    window.addEventListener('hashchange', route);
    const ticker = setInterval(() => workspace.tick(), 1000);

    stopSession = () => {
      delete document.body.dataset.presenceChecked;
      clearInterval(ticker);
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', unlockOnce);
      document.removeEventListener('keydown', unlockOnce);
      window.removeEventListener('hashchange', route);
      if (typeof cleanup === 'function') cleanup();
      socket?.close();
      socket = undefined;
      store.reset();
    };

    replace(opts.root, shell.el);
    route();
    workspace.render();
    alerts.setUnread(0);
    socket.connect();
  }

  function endSession(notice?: string) {
    stopSession?.();
    stopSession = undefined;
    history.replaceState(null, '', location.pathname);
    showLogin(notice);
  }

  async function logout() {
    try {
      await api.logout();
    } catch {
      /* the session may already be gone; log out locally anyway */
    }
    endSession('You are logged out.');
  }

  api.me().then(
    (info) => (info ? showConsole(info, false) : showLogin()),
    () => showLogin('Cannot reach the server. Check your connection and reload.'),
  );
}

/** Pure: what the login page says after the server closed the console's socket with `reason`. */
export function sessionEndedText(reason: string): string {
  switch (reason) {
    case 'account disabled':
      return 'An admin disabled your account. Ask an admin if you think this is a mistake.';
    case 'account removed':
      return 'An admin removed your account.';
    case 'account role_changed':
      return 'An admin changed your role. Log in again to continue with your new rights.';
    case 'account password_reset':
      return 'An admin reset your password. Log in with the new one.';
    default:
      return 'Your session ended. Log in again.';
  }
}
