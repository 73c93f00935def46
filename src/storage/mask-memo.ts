import type { TextMask } from './masked';

/** Texts remembered per generation (two generations are kept: up to twice this many). */
export const DEFAULT_MASK_MEMO_ENTRIES = 20_000;
/** Texts longer than this are masked every time (customer messages are mostly unique). */
export const DEFAULT_MASK_MEMO_MAX_CHARS = 200;

/**
 * `mask` with a memory of what it made of short texts. Every turn stores the conversation's
 * whole machine snapshot through the masking gate, and that snapshot holds the same strings
 * turn after turn (brand name, topic labels, collected slots, settings): masking them again
 * was a sixth of the server's CPU per turn. `mask` must be a pure function of its text (the
 * gate's is), so a remembered answer is exactly what masking again would return.
 *
 * Bounded: two generations of `maxEntries` texts of at most `maxChars` characters; when the
 * current one is full the older one is dropped, and a text found only in the older one moves up.
 *
 * @param mask The pure text mask (e.g. `(t) => maskSensitive(t).text`).
 * @param maxEntries Texts per generation. Default {@link DEFAULT_MASK_MEMO_ENTRIES}.
 * @param maxChars Longest text remembered. Default {@link DEFAULT_MASK_MEMO_MAX_CHARS}.
 * @example
 * const masked = rememberMasks((t) => maskSensitive(t).text);
 * masked('Acme Pay'); // masks; the next call with 'Acme Pay' does not
 */
export function rememberMasks(mask: TextMask, maxEntries = DEFAULT_MASK_MEMO_ENTRIES, maxChars = DEFAULT_MASK_MEMO_MAX_CHARS): TextMask {
  let current = new Map<string, string>();
  let older = new Map<string, string>();
  return (text) => {
    if (text.length > maxChars) return mask(text);
    let out = current.get(text);
    if (out !== undefined) return out;
    out = older.get(text) ?? mask(text);
    if (current.size >= maxEntries) {
      older = current;
      current = new Map();
    }
    current.set(text, out);
    return out;
  };
}
