/**
 * The text the detectors read: what a person sees, not how it is encoded. People (and pasted
 * text) write card numbers in full-width or other-script digits, with zero-width characters or
 * soft hyphens between them; none of that may hide a number from the detectors.
 *
 * The normalised text keeps a map back to the original, so a match found in it masks exactly the
 * original characters it came from, and everything else of the original is kept as typed.
 */

/** Characters nobody sees: zero-width spaces and joiners, soft hyphens, BOMs, bidi marks… */
const INVISIBLE = /^[\p{Default_Ignorable_Code_Point}\p{Cf}]$/u;
/** Control characters other than the whitespace ones (which separate, see digit-runs.ts). */
const CONTROL = /^[\p{Cc}]$/u;
const WHITESPACE_CONTROL = /^[\t\n\v\f\r\u0085]$/;
const DECIMAL_DIGIT = /^\p{Nd}$/u;
/** Percent-escapes of separators: space, tab, line breaks, comma, dash, dot, slash, underscore. */
const URL_SEPARATOR = /^%(20|09|0[aAdD]|2[cCdDeEfF]|5[fF])$/;

export interface NormalizedText {
  /** One UTF-16 unit per entry of `from`/`to` (every mapped character is a BMP character). */
  text: string;
  /** `from[i]`: offset in the original of the character that became `text[i]`. */
  from: number[];
  /** `to[i]`: end offset (exclusive) in the original of that character. */
  to: number[];
}

/** Zero of the decimal-digit block a digit belongs to (blocks are 10 consecutive code points). */
const zeroCache = new Map<number, number>();
function digitValue(cp: number): number {
  let zero = zeroCache.get(cp);
  if (zero === undefined) {
    let first = cp;
    while (DECIMAL_DIGIT.test(String.fromCodePoint(first - 1))) first--;
    // Adjacent blocks (the mathematical digits) are whole tens, so the offset mod 10 is the value.
    zero = cp - ((cp - first) % 10);
    zeroCache.set(cp, zero);
  }
  return cp - zero;
}

/** What one visible code point reads as: ASCII for any decimal digit, NFKC for compatibility forms. */
function readAs(ch: string): string {
  const cp = ch.codePointAt(0)!;
  if (cp < 0x80) return ch;
  if (DECIMAL_DIGIT.test(ch)) return String(digitValue(cp));
  const compat = ch.normalize('NFKC');
  // Only decimal digits are digits ("①", "²" are not typed as card digits); only single-unit
  // results keep offsets simple ("½" → "1⁄2" stays as it is).
  const plain = compat.length === 1 && !(compat >= '0' && compat <= '9') ? compat : ch;
  return plain.length === 1 ? plain : '\ufffd';
}

/**
 * Normalises `text` for detection: Unicode decimal digits become ASCII digits, compatibility
 * forms (full-width letters and punctuation…) their plain form, invisible and control
 * characters (other than whitespace) are dropped.
 * @example normalizeForDetection('４１\u200b１１').text // '4111'
 */
export function normalizeForDetection(text: string): NormalizedText {
  let out = '';
  const from: number[] = [];
  const to: number[] = [];
  let i = 0;
  while (i < text.length) {
    // URL-encoded separators ("card=4111%201111%201111%201111" in a page URL) read as themselves.
    const escaped = text[i] === '%' ? URL_SEPARATOR.exec(text.slice(i, i + 3)) : null;
    if (escaped) {
      out += String.fromCharCode(parseInt(escaped[1]!, 16));
      from.push(i);
      to.push(i + 3);
      i += 3;
      continue;
    }
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const end = i + ch.length;
    const dropped = INVISIBLE.test(ch) || (CONTROL.test(ch) && !WHITESPACE_CONTROL.test(ch));
    if (!dropped) {
      out += readAs(ch);
      from.push(i);
      to.push(end);
    }
    i = end;
  }
  return { text: out, from, to };
}

/** Whether normalising changes nothing (the common case: plain ASCII text). */
export function isPlain(text: string): boolean {
  // Printable ASCII, tabs and line breaks map to themselves (but "%20" reads as a space).
  return /^[\x20-\x7e\t\n\r]*$/.test(text) && !text.includes('%');
}
