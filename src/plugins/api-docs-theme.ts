/**
 * Styles for the /docs page on top of swagger-ui's own, so the reference passes the accessibility
 * bar every page of ours keeps (zero serious or critical axe-core violations, WCAG 2.1 AA): the
 * method badges, links and labels get colours with at least 4.5:1 contrast (swagger-ui's pastel
 * greens and blues under white text measure about 2:1), and code samples wrap instead of becoming
 * scroll boxes a keyboard cannot reach. Served as a file (`/docs/static/theme/accessible.css`), so
 * the page keeps the server's CSP with no inline style or script.
 */
const METHOD_COLOURS: Record<string, string> = {
  get: '#1d5b9a',
  post: '#17693f',
  put: '#8a4f00',
  patch: '#0b6b5e',
  delete: '#a3231b',
  head: '#6b3fa0',
  options: '#2f4a6b',
};

export const DOCS_THEME_CSS = [
  ...Object.entries(METHOD_COLOURS).map(
    ([m, c]) => `.swagger-ui .opblock.opblock-${m} .opblock-summary-method { background: ${c}; }\n.swagger-ui .opblock.opblock-${m} { border-color: ${c}; }`,
  ),
  '.swagger-ui .info .title small, .swagger-ui .info .title small pre, .swagger-ui .info .title small.version-stamp { background: #3b4252; color: #fff; }',
  '.swagger-ui .info a, .swagger-ui .info .url, .swagger-ui a.nostyle, .swagger-ui .info .link { color: #1d5b9a; }',
  '.swagger-ui .btn.authorize { color: #17693f; border-color: #17693f; }',
  '.swagger-ui .btn.authorize svg { fill: #17693f; }',
  '.swagger-ui .parameter__in, .swagger-ui .parameter__type, .swagger-ui .prop-format, .swagger-ui .opblock-description-wrapper p, .swagger-ui .response-col_links { color: #3b4252; }',
  '.swagger-ui .opblock-tag small, .swagger-ui .opblock .opblock-summary-description { color: #2e3440; }',
  '.swagger-ui .parameter__name.required span, .swagger-ui .parameter__name.required:after { color: #a3231b; }',
  '.swagger-ui .highlight-code, .swagger-ui .highlight-code > .microlight, .swagger-ui .microlight { max-height: none !important; overflow: visible !important; white-space: pre-wrap; word-break: break-word; }',
].join('\n');
