/** The placeholder in dist/web/widget.js (see src/web/widget/options.ts) that carries `BRAND_NAME`. */
export const BRAND_PLACEHOLDER = '{{SUPPORT_WIDGET_BRAND}}';

/**
 * Text safe inside any JavaScript string literal (', " or `): everything but letters, digits,
 * space and a few harmless marks becomes a \uXXXX escape, so no brand can end the string, open a
 * template substitution or close the script.
 * @example jsStringContent('Acme "Pay"') // 'Acme \u0022Pay\u0022'
 */
export function jsStringContent(text: string): string {
  return text.replace(/[^A-Za-z0-9 .,\-_]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/**
 * widget.js as served: the bundle with the server's brand as the default for `data-brand`.
 * @example brandWidgetScript(bundle, 'PayLater')
 */
export function brandWidgetScript(bundle: string, brandName: string): string {
  return bundle.replaceAll(BRAND_PLACEHOLDER, jsStringContent(brandName));
}
