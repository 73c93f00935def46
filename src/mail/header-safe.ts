/**
 * Header hygiene for outgoing mail: anything that ends up in a header (subject, display names)
 * loses CR, LF and other control characters, so text from configuration or a customer can never
 * start a new header line (`Bcc: …`). Recipient addresses are checked whole, not cleaned.
 */

// C0 controls, DEL, C1 controls, and the Unicode line/paragraph separators.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** Header text on one line: control characters become one space, the result trimmed and capped. */
export function headerText(raw: string, max = 200): string {
  return raw.replace(CONTROL, ' ').replace(/\s{2,}/g, ' ').trim().slice(0, max);
}

// One plain address: no display name, no list, no quotes, no whitespace or control characters.
const ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** True for one bare address like `jane@example.com` (at most 254 characters). */
export function isPlainAddress(raw: unknown): raw is string {
  return typeof raw === 'string' && raw.length <= 254 && ADDRESS.test(raw);
}
