/**
 * One pass that masks everything a customer must not have stored, logged or shown to agents:
 * card numbers, card security codes and IBANs. Used before a message is persisted.
 */
import { cardMask, findCardNumbers } from './card';
import { CVV_MASK, findCvvs } from './cvv';
import { findIbans, ibanMask } from './iban';
import { normalizeForDetection, isPlain } from './normalize';
import { DEFAULT_ORDER_ID_PATTERN, findPatternSpans, type TextSpan } from './order-id';

export type SensitiveKind = 'card' | 'cvv' | 'iban';

export interface SensitiveSpan {
  kind: SensitiveKind;
  /** Offsets in the text given to {@link maskSensitive}, not in the masked text. */
  start: number;
  end: number;
}

export interface MaskOptions {
  /**
   * Order ids are left alone and never glued to neighbouring digits to make a card number.
   * Use word boundaries so it cannot match inside a longer number.
   * Default `DEFAULT_ORDER_ID_PATTERN`: 8 digits, or `ORD-` + digits.
   * @example maskSensitive(text, { orderIdPattern: /\bA\d{10}\b/ })
   */
  orderIdPattern?: RegExp;
}

export interface MaskResult {
  text: string;
  /** What was masked, in order of position. Non-empty means: tell the customer not to share it. */
  found: SensitiveSpan[];
}

/**
 * Masks card numbers (Luhn-valid, 13–19 digits, in groups joined by separators as people type
 * them) to `[card ending 1111]`, security codes to `[hidden]`, IBANs (mod-97 valid) to
 * `[IBAN ending 3000]`. Detection reads the text as a person sees it (normalize.ts): any script's
 * decimal digits, full-width forms, zero-width and other invisible characters between digits, and
 * separators such as "  ", " - ", "/", "_", ",", tabs and line breaks between groups. Only the
 * sensitive characters are replaced; the rest of the text is kept as typed. Digit runs failing
 * Luhn and order ids are left as they are. Idempotent: masking masked text changes nothing.
 *
 * @example maskSensitive('card 4111 1111 1111 1111, cvv 123')
 * // { text: 'card [card ending 1111], cvv [hidden]',
 * //   found: [{ kind: 'card', start: 5, end: 24 }, { kind: 'cvv', start: 30, end: 33 }] }
 * @example maskSensitive('４１１１／１１１１／１１１１／１１１１').text // '[card ending 1111]'
 */
export function maskSensitive(text: string, opts: MaskOptions = {}): MaskResult {
  if (isPlain(text)) {
    const plain = maskNormalized(text, opts);
    return { text: plain.text, found: plain.found.map(({ kind, start, end }) => ({ kind, start, end })) };
  }
  const view = normalizeForDetection(text);
  const inView = maskNormalized(view.text, opts);
  if (inView.found.length === 0) return { text, found: [] };
  // Map each span back to the original and replace exactly those characters.
  let out = '';
  let at = 0;
  const found: SensitiveSpan[] = [];
  for (const f of inView.found) {
    const start = view.from[f.start]!;
    const end = view.to[f.end - 1]!;
    out += text.slice(at, start) + f.with;
    at = end;
    found.push({ kind: f.kind, start, end });
  }
  return { text: out + text.slice(at), found };
}

interface FoundReplacement extends SensitiveSpan {
  with: string;
}

/** maskSensitive over text that needs no normalising; `found` also says what each span became. */
function maskNormalized(text: string, opts: MaskOptions): { text: string; found: FoundReplacement[] } {
  // A mask can change what its neighbours look like (an IBAN glued to a card number is only
  // recognisable once the card is masked), so passes repeat until one finds nothing. Each pass
  // that finds something removes digits, so this ends, and the result is idempotent.
  let current = text;
  /** For each character of `current`: its index in `text`, or -1 inside a mask. */
  let origin = Array.from({ length: text.length }, (_, i) => i);
  let found: FoundReplacement[] = [];
  for (;;) {
    const replacements = findReplacements(current, opts);
    if (replacements.length === 0) break;
    let next = '';
    let nextOrigin: number[] = [];
    let at = 0;
    for (const r of replacements) {
      next += current.slice(at, r.start) + r.with;
      nextOrigin = nextOrigin.concat(origin.slice(at, r.start), new Array<number>(r.with.length).fill(-1));
      at = r.end;
      // No detector matches across a mask's brackets, so both ends map to original characters.
      const span = { kind: r.kind, start: origin[r.start]!, end: origin[r.end - 1]! + 1 };
      // A later pass's span may hold an earlier mask: the outer one replaces the whole stretch.
      const inner = (f: FoundReplacement): boolean => f.start >= span.start && f.end <= span.end;
      found = found.filter((f) => !inner(f));
      found.push({ ...span, with: r.with });
    }
    current = next + current.slice(at);
    origin = nextOrigin.concat(origin.slice(at));
  }
  found.sort((a, b) => a.start - b.start);
  return { text: current, found };
}

interface Replacement extends SensitiveSpan {
  with: string;
}

/** One pass over `text`: what to replace, in order, not overlapping. */
function findReplacements(text: string, opts: MaskOptions): Replacement[] {
  // IBANs first: their digits would otherwise be read as card-number candidates.
  const replacements: Replacement[] = [];
  for (const iban of findIbans(text)) {
    replacements.push({ kind: 'iban', start: iban.start, end: iban.end, with: ibanMask(iban.iban) });
  }
  const claimed = (): TextSpan[] => replacements.map(({ start, end }) => ({ start, end }));
  for (const card of findCardNumbers(text, { orderIdPattern: opts.orderIdPattern, exclude: claimed() })) {
    replacements.push({ kind: 'card', start: card.start, end: card.end, with: cardMask(card.last4) });
  }
  // Digits of an order id are never a security code: "ORD-123 is my cvv" keeps the id.
  const orderIds = findPatternSpans(text, opts.orderIdPattern ?? DEFAULT_ORDER_ID_PATTERN);
  for (const cvv of findCvvs(text, [...claimed(), ...orderIds])) {
    replacements.push({ kind: 'cvv', start: cvv.start, end: cvv.end, with: CVV_MASK });
  }
  return replacements.sort((a, b) => a.start - b.start);
}

/**
 * Whether `text` holds a card number {@link maskSensitive} would mask.
 * @example containsCardNumber('4111.1111.1111.1111') // true
 * @example containsCardNumber('order 48213977') // false
 */
export function containsCardNumber(text: string, opts: MaskOptions = {}): boolean {
  return maskSensitive(text, opts).found.some((f) => f.kind === 'card');
}
