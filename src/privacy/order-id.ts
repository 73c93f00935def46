/** Order ids must never be taken for (part of) a card number. */

/** Default order id shape (defined once, in protocol/order-id.ts); the app passes the configured one. */
export { DEFAULT_ORDER_ID_PATTERN } from '../protocol/order-id';

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
