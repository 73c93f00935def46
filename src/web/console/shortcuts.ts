/**
 * Keyboard shortcuts: the list the help popover shows and the pure key → action mapping the
 * keyboard handler uses. Single-letter shortcuts never fire while typing in a field.
 */

export type ShortcutAction =
  | 'queue-next'
  | 'queue-prev'
  | 'claim'
  | 'open'
  | 'focus-composer'
  | 'focus-search'
  | 'chat-next'
  | 'chat-prev'
  | 'toggle-note'
  | 'help'
  | 'section'
  | 'escape';

export interface Shortcut {
  keys: string[];
  action: ShortcutAction;
  description: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['j'], action: 'queue-next', description: 'Next chat in the queue' },
  { keys: ['k'], action: 'queue-prev', description: 'Previous chat in the queue' },
  { keys: ['c'], action: 'claim', description: 'Claim the selected queue chat' },
  { keys: ['o'], action: 'open', description: 'Open the selected chat (read-only for operators)' },
  { keys: ['['], action: 'chat-prev', description: 'Previous of my chats' },
  { keys: [']'], action: 'chat-next', description: 'Next of my chats' },
  { keys: ['r'], action: 'focus-composer', description: 'Reply: focus the message box' },
  { keys: ['n'], action: 'toggle-note', description: 'Switch the message box between reply and internal note' },
  { keys: ['/'], action: 'focus-search', description: 'Search the knowledge base' },
  { keys: ['1–9'], action: 'section', description: 'Go to a section of the top bar by its place (1 = Chats)' },
  { keys: ['?'], action: 'help', description: 'Show or hide this help' },
  { keys: ['Esc'], action: 'escape', description: 'Close a popover or dialog; leave the message box' },
];

export const COMPOSER_KEYS: readonly { keys: string[]; description: string }[] = [
  { keys: ['Enter'], description: 'Send' },
  { keys: ['Shift', 'Enter'], description: 'New line' },
];

export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** True when focus is in a text field (input, textarea, select, contenteditable). */
  inField: boolean;
}

/**
 * The action for a key press, or undefined to let the browser handle it. Escape always maps;
 * letters only outside fields and without Ctrl/Meta/Alt (so browser shortcuts keep working).
 */
export function shortcutFor(input: KeyInput): ShortcutAction | undefined {
  if (input.key === 'Escape') return 'escape';
  if (input.inField || input.ctrlKey || input.metaKey || input.altKey) return undefined;
  if (/^[1-9]$/.test(input.key)) return 'section';
  const hit = SHORTCUTS.find((s) => s.keys.includes(input.key));
  return hit?.action;
}

/**
 * For a `section` key ('1'…'9'), the section it selects among those in the nav, if there are that many.
 * @example sectionForKey('2', ['chats', 'training']) // 'training'
 */
export function sectionForKey(key: string, visible: readonly string[]): string | undefined {
  return /^[1-9]$/.test(key) ? visible[Number(key) - 1] : undefined;
}
