const BRAND_PLACEHOLDER = /\{\{\s*brand\s*\}\}/g;

/**
 * Replaces every `{{brand}}` placeholder in article text with the brand name.
 *
 * @example fillBrand('Open the {{brand}} app', 'PayLater') // => 'Open the PayLater app'
 */
export function fillBrand(text: string, brandName: string): string {
  return text.replace(BRAND_PLACEHOLDER, () => brandName);
}
