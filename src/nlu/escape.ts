/**
 * Escapes text for HTML and SVG content and attribute values.
 * @example escapeMarkup('<b>"fee"</b>') // '&lt;b&gt;&quot;fee&quot;&lt;/b&gt;'
 */
export const escapeMarkup = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
