/** "My chats": the chats this agent owns, with unread counts and the customer's last words. */
import { h, replace, setText } from './dom';
import { chatTitle } from './chat-title';
import { truncate } from './format';
import type { ChatState } from './store';

export const EMPTY_CHATS_TEXT = 'No chats yet. Claim one from the queue.';

export interface MyChatsViewOptions {
  onOpen(conversationId: string): void;
}

export function createMyChatsView(opts: MyChatsViewOptions) {
  const count = h('span', { class: 'count zero', 'aria-hidden': 'true' }, '0');
  const list = h('ul', { class: 'mychats', 'aria-labelledby': 'mychats-title' });
  const empty = h('p', { class: 'empty' }, EMPTY_CHATS_TEXT);
  const el = h('section', { class: 'section', 'aria-labelledby': 'mychats-title' }, h('div', { class: 'section-head' }, h('h2', { id: 'mychats-title' }, 'My chats'), count), list, empty);

  return {
    el,
    render(chats: ChatState[], activeId: string | undefined): void {
      const focused = (document.activeElement?.closest('li.citem') as HTMLElement | null)?.dataset.id;
      replace(
        list,
        ...chats.map((c) => {
          const last = [...c.messages].reverse().find((m) => m.from === 'customer');
          const a = h(
            'a',
            { href: `#/chats/${encodeURIComponent(c.conversationId)}` },
            h('span', { class: 'name' }, chatTitle(c)),
            c.unread > 0 ? h('span', { class: 'unread', 'aria-label': `${c.unread} unread` }, String(c.unread)) : null,
            h('div', { class: 'last' }, last ? truncate(last.text, 80) : c.preview ? truncate(c.preview, 80) : '…'),
          );
          a.addEventListener('click', (ev) => {
            ev.preventDefault();
            opts.onOpen(c.conversationId);
          });
          return h('li', { class: 'citem', 'data-id': c.conversationId, 'aria-current': c.conversationId === activeId ? 'true' : 'false' }, a);
        }),
      );
      if (focused) list.querySelector<HTMLElement>(`li[data-id="${CSS.escape(focused)}"] a`)?.focus();
      setText(count, String(chats.length));
      count.classList.toggle('zero', chats.length === 0);
      empty.hidden = chats.length > 0;
      list.hidden = chats.length === 0;
    },
  };
}
