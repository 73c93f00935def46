/**
 * Dates are never (part of) a card number: "12.03.2024 15.03.2024" or "2024-03-12 2024-03-15"
 * has 16 digits in groups, and one time in ten they pass Luhn.
 */
const DAY = '(?:0?[1-9]|[12]\\d|3[01])';
const MONTH = '(?:0?[1-9]|1[0-2])';
const YEAR = '(?:19|20)\\d{2}';
/** ISO dates always have two-digit months and days. */
const MONTH2 = '(?:0[1-9]|1[0-2])';
const DAY2 = '(?:0[1-9]|[12]\\d|3[01])';

/**
 * Day-month-year and month-day-year (1–2 digit day and month), year-month-day (2 digits each),
 * with one repeated separator (. / -).
 * @example DATE_PATTERN.test('on 12/03/2024') // true
 */
export const DATE_PATTERN = new RegExp(
  `(?<!\\d)(?:${DAY}([./-])${MONTH}\\1${YEAR}|${MONTH}([./-])${DAY}\\2${YEAR}|${YEAR}([./-])${MONTH2}\\3${DAY2})(?!\\d)`,
);
