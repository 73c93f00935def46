/**
 * Entity extraction: order ids, case ids, amounts, dates, emails and merchants in a customer's
 * message, so guided flows can skip questions the customer already answered.
 */
import { findAmounts } from './entities-amount';
import { findCaseIds } from './entities-case-id';
import { findDates } from './entities-date';
import { findEmails } from './entities-email';
import type { EntityCandidate } from './entities-match';
import { findKnownMerchants, findMerchantPhrases } from './entities-merchant';
import { DEFAULT_ORDER_ID_PATTERN, findOrderIds } from './entities-order-id';
import type { Entity } from './types';

export { DEFAULT_ORDER_ID_PATTERN } from './entities-order-id';
export { CASE_ID_ALPHABET } from './entities-case-id';
export { parseAmountNumber } from './entities-amount';

export interface ExtractEntitiesOptions {
  /**
   * The moment relative dates ("yesterday", "last Tuesday", "12/03") are resolved against, on its
   * UTC calendar date. Default: `new Date()`.
   * @example { now: new Date('2026-03-12T10:00:00Z') }
   */
  now?: Date;
  /**
   * What an order id looks like. Default {@link DEFAULT_ORDER_ID_PATTERN}: 8 digits or `ORD-` +
   * digits. The value is the match upper-cased.
   * @example { orderIdPattern: /\bA\d{10}\b/i }
   */
  orderIdPattern?: RegExp;
  /**
   * Known merchant names, matched case-insensitively as whole words; the value is the list's
   * spelling. Default: none (only phrases like "bought it from Zalando" are found).
   * @example { merchants: ['Zalando', 'H&M', 'Apple Store'] }
   */
  merchants?: readonly string[];
  /**
   * Read numeric dates month first ("03/12" = 12 March). Default `false`: day first.
   * @example { monthFirst: true }
   */
  monthFirst?: boolean;
}

/**
 * Keeps the most specific reading where spans overlap: case id, then email, order id, amount,
 * date, merchant; within a type the longer span, then the earlier one.
 */
function resolveOverlaps(candidates: EntityCandidate[]): Entity[] {
  const ranked = [...candidates].sort((a, b) => b.priority - a.priority || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: EntityCandidate[] = [];
  for (const c of ranked) {
    if (kept.every((k) => c.end <= k.start || k.end <= c.start)) kept.push(c);
  }
  return kept
    .sort((a, b) => a.start - b.start)
    .map(({ type, value, text, start, end }) => ({ type, value, text, start, end }));
}

/**
 * Entities in `text`, in order of position, never overlapping. `text.slice(start, end) === text`
 * for each; `value` is normalised:
 * - `order_id`: upper-cased match ("ORD-77812"),
 * - `case_id`: `CS-` + 6 upper-case characters ("CS-7K3M9Q"),
 * - `amount`: JSON `{"amount":49.99,"currency":"EUR"}`,
 * - `date`: ISO `YYYY-MM-DD`,
 * - `email`: lower-cased,
 * - `merchant`: the known list's spelling, or as written.
 *
 * @throws RangeError when `opts.now` is an invalid Date (never because of `text`).
 * @example extractEntities('order #48213977, €49.99 on 12/03', { now: new Date('2026-03-20') })
 * // [{ type: 'order_id', value: '48213977', text: '48213977', start: 7, end: 15 },
 * //  { type: 'amount', value: '{"amount":49.99,"currency":"EUR"}', text: '€49.99', start: 17, end: 23 },
 * //  { type: 'date', value: '2026-03-12', text: '12/03', start: 27, end: 32 }]
 */
export function extractEntities(text: string, opts: ExtractEntitiesOptions = {}): Entity[] {
  const candidates = [
    ...findCaseIds(text),
    ...findEmails(text),
    ...findOrderIds(text, opts.orderIdPattern ?? DEFAULT_ORDER_ID_PATTERN),
    ...findAmounts(text),
    ...findDates(text, { now: opts.now ?? new Date(), monthFirst: opts.monthFirst ?? false }),
    ...findKnownMerchants(text, opts.merchants ?? []),
    ...findMerchantPhrases(text),
  ];
  return resolveOverlaps(candidates);
}
