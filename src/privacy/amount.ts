/**
 * Money amounts are never (part of) a card number: "€18814.87\n28194417" is an amount and an
 * order id, even when their 15 digits pass Luhn.
 */

import { GAP_CLASS } from './digit-runs';

const CURRENCY = "(?:[$€£¥₹]|\\b(?:EUR|USD|GBP|CHF)\\b)\\s?";
const WHOLE = "(?:\\d{1,3}(?:[,.']\\d{3})+|\\d{1,7})";

/**
 * An amount with a currency sign or code before it: "€1,234.56", "$ 49.99", "EUR 120,00". At most
 * 7 digits before the decimals unless in thousands; without decimals, no further digit group may
 * follow after any separator a card may use ("$4111 1111 1111 1111", "CHF 3476·2487…" stay cards), with them, no digit glued on.
 * @example AMOUNT_PATTERN.test('paid €49.99') // true
 */
export const AMOUNT_PATTERN = new RegExp(`${CURRENCY}(?:${WHOLE}[.,]\\d{2}(?![.,]?\\d)|${WHOLE}(?!${GAP_CLASS}*\\d))`, 'iu');
