/** What the embedding page configures with data- attributes on the script tag. */
export interface WidgetOptions {
  /** Base URL of the support server (no trailing slash). Default: the script's own origin. */
  server: string;
  /** Shown in the header and labels. `data-brand`, default the server's `BRAND_NAME` (else "Support"). */
  brand: string;
  /** Brand colour, any CSS colour. `data-color`. */
  color?: string;
  /** Sent in hello. `data-locale`, default the browser's language. */
  locale?: string;
  /** The order the page is about, sent as hello context. `data-order-id`. */
  orderId?: string;
}

/**
 * The server's `BRAND_NAME`: the server writes it over this placeholder when it serves widget.js
 * (src/http/web/widget-script.ts). A copy served from elsewhere keeps the placeholder.
 */
const SERVER_BRAND = '{{SUPPORT_WIDGET_BRAND}}';

/** The brand when the tag has no `data-brand`: the server's, or "Support" if it was not filled in. */
export function defaultBrand(serverBrand: string = SERVER_BRAND): string {
  return /^\{\{.*\}\}$/.test(serverBrand) || !serverBrand.trim() ? 'Support' : serverBrand;
}

/** Reads the options from the script tag that loaded the widget. */
export function readOptions(script: HTMLScriptElement | null): WidgetOptions {
  const data = script?.dataset ?? {};
  let server = data.server || '';
  if (!server && script?.src) {
    try {
      server = new URL(script.src, location.href).origin;
    } catch {
      /* fall through to the page's origin */
    }
  }
  const opts: WidgetOptions = { server: (server || location.origin).replace(/\/+$/, ''), brand: data.brand || defaultBrand() };
  if (data.color) opts.color = data.color;
  const locale = data.locale || navigator.language;
  if (locale) opts.locale = locale;
  if (data.orderId) opts.orderId = data.orderId;
  return opts;
}

/** ws(s)://…/ws/chat for a server base URL, keeping any path prefix (a proxy mount). */
export function socketUrl(server: string): string {
  const u = new URL(server, location.href);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  u.pathname = u.pathname.replace(/\/+$/, '') + '/ws/chat';
  u.search = u.hash = '';
  return u.toString();
}
