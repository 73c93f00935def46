/**
 * What an order id looks like: one definition for the whole service. Config compiles the
 * configured pattern (env `ORDER_ID_PATTERN`) once with {@link compileOrderIdPattern}, and every
 * consumer gets that compiled form: the NLU's entity extraction (and through its `order_id`
 * entities, the guided flows), the privacy masking (an order id is never taken for part of a card
 * number), and the CLI. The widget may use it to check a page's `data-order-id`.
 */

/** The default, anchored: exactly 8 digits, or `ORD-` followed by digits (any case). */
export const DEFAULT_ORDER_ID_SOURCE = '^(?:\\d{8}|ORD-\\d+)$';

/**
 * The default as a search pattern (finds ids inside text).
 * @example DEFAULT_ORDER_ID_PATTERN.test('order 48213977') // true
 */
export const DEFAULT_ORDER_ID_PATTERN = /\b(?:ORD-\d+|\d{8})\b/i;

export interface OrderIdPattern {
  /** The anchored source, as configured (validates a whole id). */
  source: string;
  /** Finds ids inside text, case-insensitive. */
  search: RegExp;
}

/**
 * Compiles an anchored order id pattern (`^…$`) into its search form. A custom pattern must not
 * match inside a longer run of letters, digits or dashes (so `A1234567` is not found in
 * `XA1234567`); the default keeps its long-standing word-boundary form.
 * @throws SyntaxError when `source` is not a valid regular expression.
 * @example compileOrderIdPattern('^A\\d{6}$').search.exec('order a123456 please')?.[0] // 'a123456'
 */
export function compileOrderIdPattern(source: string = DEFAULT_ORDER_ID_SOURCE): OrderIdPattern {
  if (source === DEFAULT_ORDER_ID_SOURCE) return { source, search: DEFAULT_ORDER_ID_PATTERN };
  const inner = source.replace(/^\^/, '').replace(/\$$/, '');
  return { source, search: new RegExp(`(?<![A-Za-z0-9-])(?:${inner})(?![A-Za-z0-9-])`, 'i') };
}
