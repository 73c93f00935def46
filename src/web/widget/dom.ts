/** Tiny DOM builders. Text always goes in as text nodes: nothing here parses HTML. */
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c) el.append(c);
  return el;
}

const SVG = 'http://www.w3.org/2000/svg';

/** A 24×24 stroke icon from path data, hidden from assistive technology (its button has a label). */
export function icon(...paths: string[]): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const d of paths) {
    const p = document.createElementNS(SVG, 'path');
    p.setAttribute('d', d);
    svg.append(p);
  }
  return svg;
}

export const icons = {
  chat: ['M4 5h16v11H9l-5 4z'],
  close: ['M6 6l12 12', 'M18 6L6 18'],
  send: ['M4 12l16-8-6 16-3-7z'],
  refresh: ['M4 12a8 8 0 0 1 14-5.3L20 8', 'M20 3v5h-5', 'M20 12a8 8 0 0 1-14 5.3L4 16', 'M4 21v-5h5'],
};

/** Only http(s) links, resolved against the support server (article urls may be relative). */
export function safeUrl(raw: string, base: string): string | undefined {
  try {
    const u = new URL(raw, base);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

const URL_RE = /\bhttps?:\/\/[^\s<>"']+/g;

/** Text with bare http(s) URLs turned into links; everything else stays a text node. */
export function linkify(text: string): DocumentFragment {
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const match of text.matchAll(URL_RE)) {
    let url = match[0];
    const trail = /[.,;:!?)\]]+$/.exec(url);
    if (trail) url = url.slice(0, -trail[0].length);
    const start = match.index ?? 0;
    const href = safeUrl(url, location.href);
    if (!href) continue;
    frag.append(text.slice(at, start), h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, url));
    at = start + url.length;
  }
  frag.append(text.slice(at));
  return frag;
}
