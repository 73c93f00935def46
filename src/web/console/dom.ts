/**
 * Tiny DOM builders for the console. Text always goes in as text nodes (`append(string)`), never
 * parsed as HTML: nothing in the console uses innerHTML, so customer text cannot become markup.
 */
export type Child = Node | string | null | undefined | false;
export type Attrs = Record<string, string | boolean | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c) el.append(c);
  return el;
}

/**
 * A `<select>` of `[value, label]` options, in order.
 * @example selectOf({ id: 'state' }, [['', 'Any state'], ['closed', 'Closed']])
 */
export function selectOf(attrs: Attrs, options: readonly (readonly [value: string, label: string])[]): HTMLSelectElement {
  return h('select', attrs, ...options.map(([value, label]) => h('option', { value }, label)));
}

/** Replaces all children of `el`. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren(...children.filter((c): c is Node | string => !!c));
}

/** Sets text (never markup) only when it changed, so screen readers and selection are not disturbed. */
export function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

/** Only http(s) links resolved against this page; anything else (javascript:, data:) is dropped. */
export function safeUrl(raw: string, base: string = location.href): string | undefined {
  try {
    const u = new URL(raw, base);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

const URL_RE = /\bhttps?:\/\/[^\s<>"']+|\/help\/[A-Za-z0-9_-]+/g;

/** Text with http(s) URLs and help-centre paths as links (new tab); everything else stays text nodes. */
export function linkify(text: string): DocumentFragment {
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const match of text.matchAll(URL_RE)) {
    let url = match[0];
    const trail = /[.,;:!?)\]]+$/.exec(url);
    if (trail) url = url.slice(0, -trail[0].length);
    const start = match.index ?? 0;
    // A relative path inside a longer URL was already linked with it.
    if (start < at) continue;
    const href = safeUrl(url);
    if (!href) continue;
    frag.append(text.slice(at, start), h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, url));
    at = start + url.length;
  }
  frag.append(text.slice(at));
  return frag;
}

/** True when keyboard input goes to a text field, so single-letter shortcuts stay off. */
export function isTextField(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(el.type);
  return (el as HTMLElement).isContentEditable === true;
}
