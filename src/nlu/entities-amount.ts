/** Money amounts: "€49.99", "49,99 EUR", "$120", "120 dollars", "£15", "15 quid", "1.234,56 €". */
import { PRIORITY, candidate, matchesOf, type EntityCandidate } from './entities-match';

/** Currency words and symbols → ISO 4217 code. `$` alone is read as US dollars. */
const CURRENCY_WORDS: Readonly<Record<string, string>> = {
  '€': 'EUR', euro: 'EUR', euros: 'EUR',
  '£': 'GBP', pound: 'GBP', pounds: 'GBP', quid: 'GBP',
  $: 'USD', us$: 'USD', dollar: 'USD', dollars: 'USD', buck: 'USD', bucks: 'USD',
};
const CODES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'CAD', 'AUD'];

const NUMBER = '\\d+(?:[.,]\\d+)*';
const SYMBOL = 'US\\$|€|£|\\$';
const CODE = CODES.join('|');
const WORD = 'euros?|dollars?|bucks?|pounds?|quid';
const PREFIXED = new RegExp(`(?<![\\p{L}\\p{N}])(${SYMBOL}|(?:${CODE})(?!\\p{L}))\\s?(${NUMBER})(?!\\p{N})`, 'giu');
const SUFFIXED = new RegExp(`(?<![\\p{L}\\p{N}.,])(${NUMBER})\\s?(${SYMBOL}|(?:${CODE}|${WORD})(?![\\p{L}\\p{N}]))`, 'giu');

/**
 * Reads "1.234,56", "1,234.56", "49,99", "120" with either decimal mark. A single mark followed by
 * three digits is a thousands separator ("1.234" = 1234), as it is in prices.
 * @returns undefined for shapes that are not a price ("1.2.3", "4.5678").
 */
export function parseAmountNumber(raw: string): number | undefined {
  const lastMark = Math.max(raw.lastIndexOf('.'), raw.lastIndexOf(','));
  if (lastMark < 0) return Number(raw);
  const mark = raw[lastMark]!;
  const other = mark === '.' ? ',' : '.';
  const decimals = raw.slice(lastMark + 1);
  const marks = raw.split(mark).length - 1;
  let integer: string;
  let thousands: string | undefined;
  let fraction = '';
  if (decimals.length <= 2 && marks === 1) {
    integer = raw.slice(0, lastMark);
    fraction = decimals;
    thousands = raw.includes(other) ? other : undefined;
  } else if (decimals.length === 3 && !raw.includes(other)) {
    integer = raw;
    thousands = mark;
  } else {
    return undefined;
  }
  if (thousands !== undefined) {
    const groups = integer.split(thousands);
    if (!/^\d{1,3}$/.test(groups[0] ?? '') || !groups.slice(1).every((g) => /^\d{3}$/.test(g))) return undefined;
    integer = groups.join('');
  }
  if (!/^\d+$/.test(integer)) return undefined;
  return Number(`${integer}.${fraction || '0'}`);
}

function currencyCode(token: string): string {
  const lower = token.toLowerCase();
  return CURRENCY_WORDS[lower] ?? lower.toUpperCase();
}

function toEntity(text: string, m: RegExpExecArray, numberRaw: string, currencyRaw: string): EntityCandidate | undefined {
  const amount = parseAmountNumber(numberRaw);
  if (amount === undefined || !Number.isFinite(amount)) return undefined;
  const value = JSON.stringify({ amount: Math.round(amount * 100) / 100, currency: currencyCode(currencyRaw) });
  return candidate('amount', value, text, m.index, m.index + m[0].length, PRIORITY.amount);
}

/**
 * @example findAmounts('refund of €49.99') // value '{"amount":49.99,"currency":"EUR"}'
 */
export function findAmounts(text: string): EntityCandidate[] {
  const found: EntityCandidate[] = [];
  for (const m of matchesOf(text, PREFIXED)) {
    const e = toEntity(text, m, m[2]!, m[1]!);
    if (e) found.push(e);
  }
  for (const m of matchesOf(text, SUFFIXED)) {
    const e = toEntity(text, m, m[1]!, m[2]!);
    if (e) found.push(e);
  }
  return found;
}
