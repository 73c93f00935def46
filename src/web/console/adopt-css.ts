/**
 * Section styles on top of console.css. The console page's CSP allows only same-origin
 * stylesheets, so a section's CSS is adopted as a constructed stylesheet (CSSOM, which CSP does
 * not block) rather than an inline <style>; browsers without constructable sheets get a <style>.
 */
const adopted = new Set<string>();

/** Adds `css` to the page once per `key`. */
export function adoptCss(key: string, css: string): void {
  if (adopted.has(key)) return;
  adopted.add(key);
  const doc = document as Document & { adoptedStyleSheets?: CSSStyleSheet[] };
  if (doc.adoptedStyleSheets && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    return;
  }
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
}
