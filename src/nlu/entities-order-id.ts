/** Order ids: "48213977", "order #48213977", "order number is ORD-77812". */
import { DEFAULT_ORDER_ID_PATTERN } from '../protocol/order-id';
import { PRIORITY, candidate, matchesOf, type EntityCandidate } from './entities-match';

/** Default order id shape (defined once, in protocol/order-id.ts); the app passes the configured one. */
export { DEFAULT_ORDER_ID_PATTERN };

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
