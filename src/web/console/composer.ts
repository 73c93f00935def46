/**
 * The message box under a chat: reply to the customer or write an internal note (visibly
 * different, never sent to the customer). Enter sends, Shift+Enter adds a line. While the agent
 * types, `onTyping` fires at most every 2 s so the customer sees "typing".
 */
import { h, setText } from './dom';

export type ComposerMode = 'reply' | 'note';

export interface ComposerOptions {
  onSend(mode: ComposerMode, text: string): boolean;
  onTyping(): void;
  /** Longest message the server accepts. */
  maxChars: number;
}

const TYPING_EVERY_MS = 2000;

export function createComposer(opts: ComposerOptions) {
  let mode: ComposerMode = 'reply';
  let lastTyping = 0;
  const replyBtn = h('button', { type: 'button', class: 'btn small', 'aria-pressed': 'true' }, 'Reply');
  const noteBtn = h('button', { type: 'button', class: 'btn small', 'aria-pressed': 'false' }, 'Internal note');
  const hint = h('span', { class: 'hint' }, 'Enter sends · Shift+Enter new line');
  const input = h('textarea', { id: 'composer-input', rows: '2', maxlength: String(opts.maxChars), autocomplete: 'off' });
  const label = h('label', { class: 'vh', for: 'composer-input' }, 'Message to the customer');
  const send = h('button', { class: 'btn primary', type: 'submit' }, 'Send');
  const form = h('form', { class: 'composer', 'aria-label': 'Reply' }, h('div', { class: 'modes', role: 'group', 'aria-label': 'Message type' }, replyBtn, noteBtn, hint), h('div', { class: 'row' }, label, input, send));

  function setMode(next: ComposerMode) {
    mode = next;
    replyBtn.setAttribute('aria-pressed', String(next === 'reply'));
    noteBtn.setAttribute('aria-pressed', String(next === 'note'));
    form.classList.toggle('note-mode', next === 'note');
    setText(label, next === 'note' ? 'Internal note (only agents see it)' : 'Message to the customer');
    input.placeholder = next === 'note' ? 'Internal note — the customer never sees this' : 'Reply to the customer';
    setText(send, next === 'note' ? 'Add note' : 'Send');
  }
  setMode('reply');

  function submit() {
    const text = input.value.trim();
    if (!text) return;
    if (opts.onSend(mode, text)) {
      input.value = '';
      lastTyping = 0;
    }
  }

  replyBtn.addEventListener('click', () => setMode('reply'));
  noteBtn.addEventListener('click', () => setMode('note'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    submit();
    input.focus();
  });
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) {
      ev.preventDefault();
      submit();
    }
  });
  input.addEventListener('input', () => {
    if (mode !== 'reply' || !input.value.trim()) return;
    const now = Date.now();
    if (now - lastTyping >= TYPING_EVERY_MS) {
      lastTyping = now;
      opts.onTyping();
    }
  });

  return {
    el: form,
    input,
    get mode(): ComposerMode {
      return mode;
    },
    setMode,
    toggleMode(): void {
      setMode(mode === 'reply' ? 'note' : 'reply');
      input.focus();
    },
    /** Inserts text at the cursor (a canned reply, an article link) and focuses the box. */
    insert(text: string): void {
      const start = input.selectionStart ?? input.value.length;
      const end = input.selectionEnd ?? input.value.length;
      const before = input.value.slice(0, start);
      const sep = before && !/\s$/.test(before) ? ' ' : '';
      input.value = before + sep + text + input.value.slice(end);
      const at = (before + sep + text).length;
      input.focus();
      input.setSelectionRange(at, at);
    },
    setEnabled(enabled: boolean): void {
      input.disabled = !enabled;
      send.disabled = !enabled;
      replyBtn.disabled = !enabled;
      noteBtn.disabled = !enabled;
    },
    focus(): void {
      input.focus();
    },
  };
}

export type Composer = ReturnType<typeof createComposer>;
