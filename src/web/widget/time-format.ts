/**
 * How a message's time reads under its bubble: "14:05" today, "Yesterday 14:05", then
 * "3 Dec, 14:05" (with the year when it is not this year). In the browser's own locale and time
 * zone; the `<time datetime>` beside it carries the exact UTC instant.
 * @example messageTime(Date.now(), Date.now(), 'en-GB') // '14:05'
 */
export function messageTime(at: number, now: number, locale?: string): string {
  const d = new Date(at);
  const today = new Date(now);
  const clock = d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  const dayOf = (x: Date) => new Date(x.getFullYear(), x.getMonth(), x.getDate()).getTime();
  const days = Math.round((dayOf(today) - dayOf(d)) / 86_400_000);
  if (days === 0) return clock;
  if (days === 1) return `Yesterday ${clock}`;
  const date = d.toLocaleDateString(locale, { day: 'numeric', month: 'short', ...(d.getFullYear() !== today.getFullYear() ? { year: 'numeric' } : {}) });
  return `${date}, ${clock}`;
}

/**
 * Up to two initials for an avatar: first letters of the first and last word ("Ada Lovelace" →
 * "AL", "ada" → "A"), letters of any script; "?" when the name has none.
 * @example initials('Grace Brewster Hopper') // 'GH'
 */
export function initials(name: string | undefined): string {
  const words = (name ?? '').trim().split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length === 0) return '?';
  const first = (w: string) => (w.match(/\p{L}/u)?.[0] ?? '').toLocaleUpperCase();
  return words.length === 1 ? first(words[0] as string) : first(words[0] as string) + first(words[words.length - 1] as string);
}
