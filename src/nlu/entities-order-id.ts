/** Order ids: "48213977", "order #48213977", "order number is ORD-77812". */
import { PRIORITY, candidate, matchesOf, type EntityCandidate } from './entities-match';

/**
 * Default order id shape: exactly 8 digits, or `ORD-` followed by digits (any case).
 * privacy/order-id.ts holds the same default (the parts may not import each other); a test
 * keeps them equal.
 */
export const DEFAULT_ORDER_ID_PATTERN = /\b(?:ORD-\d+|\d{8})\b/i;

/**
 * Order ids matching `pattern`, value upper-cased. A match that is really part of a price
 * ("€48213977", "48213977.50") is skipped.
 */
export function findOrderIds(text: string, pattern: RegExp = DEFAULT_ORDER_ID_PATTERN): EntityCandidate[] {
  const found: EntityCandidate[] = [];
  for (const m of matchesOf(text, pattern)) {
    const start = m.index;
    const end = start + m[0].length;
    const partOfPrice = /[€$£]\s?$/.test(text.slice(Math.max(0, start - 2), start)) || /^[.,]\d/.test(text.slice(end, end + 2));
    if (partOfPrice) continue;
    found.push(candidate('order_id', m[0].toUpperCase(), text, start, end, PRIORITY.order_id));
  }
  return found;
}
