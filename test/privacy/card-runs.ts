/**
 * Test oracle, written independently of src/privacy: every group-aligned window of a digit run
 * (groups joined by one separator), without order-id groups, that a card could be.
 */
import { DEFAULT_ORDER_ID_PATTERN } from '../../src/privacy';

export const SEPARATORS = [' ', '-', '.', '\u00a0', '\u2009', '\u202f', '\u2013'];

export function luhn(digits: string): boolean {
  const sum = [...digits]
    .reverse()
    .map(Number)
    .reduce((acc, d, i) => acc + (i % 2 === 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d), 0);
  return sum % 10 === 0;
}

/** Luhn-valid 13–19 digit windows left in `text` (the masked output should have none). */
export function cardLikeWindows(text: string): string[] {
  const sep = `[${SEPARATORS.join('').replace('-', '\\-')}]`;
  const orderIds = [...text.matchAll(new RegExp(DEFAULT_ORDER_ID_PATTERN.source, 'gi'))].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
  }));
  const found: string[] = [];
  for (const run of text.matchAll(new RegExp(`\\d+(?:${sep}\\d+)*`, 'g'))) {
    const groups = [...run[0].matchAll(/\d+/g)].map((g) => ({
      digits: g[0],
      start: run.index + g.index,
      end: run.index + g.index + g[0].length,
    }));
    for (let i = 0; i < groups.length; i++) {
      let digits = '';
      for (let j = i; j < groups.length; j++) {
        const g = groups[j]!;
        if (orderIds.some((o) => o.start <= g.start && o.end >= g.end)) break;
        digits += g.digits;
        if (digits.length > 19) break;
        if (digits.length >= 13 && luhn(digits)) found.push(digits);
      }
    }
  }
  return found;
}
