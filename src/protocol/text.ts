/**
 * What a client may send as text. Control characters (NUL among them, which PostgreSQL refuses
 * in text and JSON) carry no meaning in a chat, and an unpaired UTF-16 surrogate is not a
 * character at all (PostgreSQL's jsonb refuses it; UTF-8 cannot encode it). Both are refused
 * with `INVALID_TEXT` wherever a client hands the server a string: every field of every socket
 * frame and REST body, query and path parameter. Tab, line feed and carriage return stay allowed.
 */

// C0 controls but \t \n \r, DEL, C1 controls; a high surrogate not followed by a low one; a low
// surrogate not preceded by a high one.
// eslint-disable-next-line no-control-regex
const INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const INVALID_ALL = new RegExp(INVALID.source, 'g');

/**
 * `s` without the characters `INVALID_TEXT` refuses: what a client sends when a customer pasted
 * text with a stray control character, so the message goes through instead of being refused.
 * @example withoutInvalidText('refund\u0007 please') // 'refund please'
 */
export function withoutInvalidText(s: string): string {
  return s.replace(INVALID_ALL, '');
}

/** True when `s` holds a character `INVALID_TEXT` refuses. */
export function hasInvalidText(s: string): boolean {
  return INVALID.test(s);
}

/**
 * The path of the first string in `value` (a parsed JSON value: objects, arrays, strings; keys
 * included) that holds a refused character, e.g. `context.pageUrl` or `entries[2]`; `undefined`
 * when every string is clean. Stops at `maxDepth` levels, which JSON from a size-limited frame
 * never reaches in practice.
 * @example findInvalidText({ type: 'message', text: 'a\u0000b' }) // 'text'
 */
export function findInvalidText(value: unknown, path = '', maxDepth = 64): string | undefined {
  if (typeof value === 'string') return hasInvalidText(value) ? path || '(value)' : undefined;
  if (typeof value !== 'object' || value === null || maxDepth <= 0) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findInvalidText(value[i], `${path}[${i}]`, maxDepth - 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, v] of Object.entries(value)) {
    if (hasInvalidText(key)) return path ? `${path}.(key)` : '(key)';
    const here = path ? `${path}.${key}` : key;
    const found = findInvalidText(v, here, maxDepth - 1);
    if (found) return found;
  }
  return undefined;
}

/** The developer-facing message of an `INVALID_TEXT` error about the field at `path`. */
export function invalidTextMessage(path: string): string {
  // The path is built from keys already checked, but may be long: keep the message short.
  return `"${path.slice(0, 80)}" contains a control character or an unpaired surrogate`;
}
