/**
 * Order ids must never be taken for (part of) a card number.
 *
 * nlu/entities-order-id.ts holds the same default: the two parts may not import each other
 * (DESIGN.md "Parts"), and a test keeps the copies equal.
 */

/**
 * Default order id shape: exactly 8 digits, or `ORD-` followed by digits (any case).
 * @example DEFAULT_ORDER_ID_PATTERN.test('order 48213977') // true
 */
export const DEFAULT_ORDER_ID_PATTERN = /\b(?:ORD-\d+|\d{8})\b/i;

export interface TextSpan {
  start: number;
  end: number;
}

/** Every non-empty match of `pattern` in `text`, whatever flags the caller's pattern has. */
export function findPatternSpans(text: string, pattern: RegExp): TextSpan[] {
  const flags = pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g';
  const re = new RegExp(pattern.source, flags);
  const spans: TextSpan[] = [];
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}
