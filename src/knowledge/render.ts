import { fillBrand } from './brand';
import { Marked } from './marked-module';

// A private copy of the escaping in http/help/escape.ts: knowledge must not import http.
function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const SAFE_HREF = /^(\/(?!\/)|#|https?:\/\/|mailto:)/i;

const marked = new Marked({
  async: false,
  gfm: true,
  renderer: {
    // Raw HTML in a body (or in an interpolated brand name) is shown as text, never executed.
    html({ text }) {
      return escapeText(text);
    },
    // Only same-site, http(s) and mailto links; anything else (javascript:, data:) becomes text.
    link({ href, tokens }) {
      if (SAFE_HREF.test(href.trim())) return false;
      return this.parser.parseInline(tokens);
    },
  },
});

export interface RenderOptions {
  /** Fills `{{brand}}` placeholders before rendering. Default: placeholders are left in. */
  brandName?: string;
}

/**
 * Renders an article's markdown body to HTML for the help centre. Raw HTML in the markdown is
 * escaped and unsafe link targets are dropped, so the output can be placed into a page as is.
 *
 * @example renderMarkdown('## Steps\n1. Open the {{brand}} app', { brandName: 'PayLater' })
 */
export function renderMarkdown(markdown: string, opts: RenderOptions = {}): string {
  const source = opts.brandName === undefined ? markdown : fillBrand(markdown, opts.brandName);
  return marked.parse(source) as string;
}
