/**
 * The frame around every section: brand, section nav, presence selector, alert settings, help,
 * the agent's name and logout; a connection banner; the section's content area.
 */
import type { AgentProfile, AgentStatus } from '../../protocol/agent';
import { h, replace, setText } from './dom';

export interface ShellOptions {
  brand: string;
  agent: AgentProfile;
  sections: { id: string; label: string }[];
  onStatus(status: AgentStatus): void;
  onLogout(): void;
  onHelp(): void;
  onNotifications(): void;
  onSound(on: boolean): void;
  onOpenById?(): void;
}

const STATUS_TEXT: Record<AgentStatus, string> = { online: 'Online', away: 'Away', offline: 'Offline' };

export function createShell(opts: ShellOptions) {
  const dot = h('span', { class: 'dot offline', 'aria-hidden': 'true' });
  const select = h(
    'select',
    { id: 'presence', 'aria-describedby': 'presence-help' },
    ...(['online', 'away', 'offline'] as const).map((s) => h('option', { value: s }, STATUS_TEXT[s])),
  );
  select.value = 'offline';
  select.addEventListener('change', () => opts.onStatus(select.value as AgentStatus));
  const presence = h('div', { class: 'presence' }, dot, h('label', { for: 'presence' }, 'Status'), select, h('span', { id: 'presence-help', class: 'vh' }, 'Only online agents are offered chats.'));
  const navLinks = new Map<string, HTMLAnchorElement>();
  const nav = h(
    'nav',
    { 'aria-label': 'Sections' },
    ...opts.sections.map((s, i) => {
      const key = i < 9 ? { 'aria-keyshortcuts': String(i + 1), title: `${s.label} (${i + 1})` } : {};
      const a = h('a', { href: `#/${s.id}`, ...key }, s.label);
      navLinks.set(s.id, a);
      return a;
    }),
  );
  const sound = h('button', { class: 'btn small', type: 'button', 'aria-pressed': 'true', title: 'Beep when a chat joins the queue' }, 'Sound on');
  sound.addEventListener('click', () => {
    const on = sound.getAttribute('aria-pressed') !== 'true';
    sound.setAttribute('aria-pressed', String(on));
    setText(sound, on ? 'Sound on' : 'Sound off');
    opts.onSound(on);
  });
  const notify = h('button', { class: 'btn small', type: 'button', title: 'Turn on desktop notifications for new chats' }, 'Notifications');
  notify.addEventListener('click', () => opts.onNotifications());
  const help = h('button', { class: 'btn small', type: 'button', 'aria-keyshortcuts': '?', title: 'Keyboard shortcuts (?)' }, 'Shortcuts ?');
  help.addEventListener('click', () => opts.onHelp());
  const who = opts.agent.role === 'agent' ? opts.agent.name : `${opts.agent.name} (${opts.agent.role})`;
  // the name is hidden on narrower screens (console.css), so the button says whose session it ends
  const logout = h('button', { class: 'btn small', type: 'button', title: `Signed in as ${who}, ${opts.agent.email}` }, 'Log out');
  logout.addEventListener('click', () => opts.onLogout());
  const extra: HTMLElement[] = [];
  if (opts.onOpenById) {
    const open = h('button', { class: 'btn small', type: 'button' }, 'Open chat…');
    open.addEventListener('click', () => opts.onOpenById?.());
    extra.push(open);
  }
  const topbar = h(
    'header',
    { class: 'topbar' },
    h('span', { class: 'brand' }, `${opts.brand} console`),
    nav,
    presence,
    // one group, so that when the bar has to wrap, these move to a second row together, on the right
    h('div', { class: 'actions' }, ...extra, sound, notify, help, h('span', { class: 'me', title: opts.agent.email }, who), logout),
  );
  const conn = h('div', { class: 'conn', role: 'status', hidden: true });
  const content = h('div', { class: 'content' });
  const el = h('div', { class: 'app' }, topbar, conn, content);

  return {
    el,
    content,
    setStatus(status: AgentStatus): void {
      select.value = status;
      dot.className = `dot ${status}`;
    },
    setConnection(text: string): void {
      setText(conn, text);
      conn.hidden = !text;
    },
    setActiveSection(id: string): void {
      for (const [sid, a] of navLinks) {
        if (sid === id) a.setAttribute('aria-current', 'page');
        else a.removeAttribute('aria-current');
      }
    },
    /** Reflects the notification permission on its button. */
    setNotificationState(state: NotificationPermission | 'unsupported'): void {
      notify.hidden = state === 'granted' || state === 'unsupported';
      notify.disabled = state === 'denied';
      setText(notify, state === 'denied' ? 'Notifications blocked' : 'Notifications');
      notify.title = state === 'denied' ? 'Allow notifications for this site in the browser settings' : 'Turn on desktop notifications for new chats';
    },
    showSection(node: Node): void {
      replace(content, node);
    },
  };
}

export type Shell = ReturnType<typeof createShell>;
