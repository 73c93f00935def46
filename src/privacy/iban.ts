/**
 * IBAN detection: country code, two check digits, then the country's fixed number of
 * alphanumerics (spaces allowed between them), validated with ISO 7064 mod 97-10.
 */

/**
 * IBAN length per country (SWIFT IBAN registry). Only these countries are recognised, which keeps
 * "cc41 ..."-like text from being read as an IBAN by chance.
 */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
  FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HN: 28, HR: 21, HU: 28,
  IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20,
  LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28,
  NL: 18, NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24,
  SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26,
  UA: 29, VA: 22, VG: 24, XK: 20, YE: 30,
};

export interface IbanMatch {
  start: number;
  end: number;
  /** Upper case, no spaces. */
  iban: string;
}

/** What people put between the groups of an IBAN: spaces, tabs, dashes, dots, slashes. */
const IBAN_SEPARATOR = /^[\s\p{Pd}\u2212/._]$/u;
const MAX_IBAN_GAP = 4;

/** Length of the separator gap at `pos` that is followed by a letter or digit, or 0. */
function separatorGap(text: string, pos: number): number {
  let end = pos;
  while (end < text.length && end - pos < MAX_IBAN_GAP && IBAN_SEPARATOR.test(text[end]!)) end++;
  return end > pos && isAlnum(text[end]) ? end - pos : 0;
}

function isAlnum(ch: string | undefined): boolean {
  return ch !== undefined && /^[A-Za-z0-9]$/.test(ch);
}

/**
 * @param iban with or without spaces, any case.
 * @returns true for a known country, the right length and a mod-97 remainder of 1.
 * @example ibanValid('DE89 3704 0044 0532 0130 00') // true
 */
export function ibanValid(iban: string): boolean {
  const compact = iban.replace(/ /g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(compact)) return false;
  if (IBAN_LENGTHS[compact.slice(0, 2)] !== compact.length) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = ch >= 'A' ? ch.charCodeAt(0) - 55 : ch.charCodeAt(0) - 48;
    remainder = (value > 9 ? remainder * 100 + value : remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

/**
 * Valid IBANs in `text` (normalised), in order. Groups may be separated by short runs of spaces,
 * dashes, dots, slashes or underscores ("DE89-3704-0044-0532-0130-00"); the IBAN must end
 * where the country's length says (no letter or digit glued after it).
 * @example findIbans('to DE89 3704 0044 0532 0130 00 please')
 * // [{ start: 3, end: 30, iban: 'DE89370400440532013000' }]
 */
export function findIbans(text: string): IbanMatch[] {
  const matches: IbanMatch[] = [];
  const starts = /(?<![A-Za-z])([A-Za-z]{2})\d{2}/g;
  for (let m = starts.exec(text); m !== null; m = starts.exec(text)) {
    const length = IBAN_LENGTHS[m[1]!.toUpperCase()];
    if (length === undefined) continue;
    let pos = m.index;
    let compact = '';
    while (compact.length < length) {
      const ch = text[pos];
      if (isAlnum(ch)) {
        compact += ch;
        pos++;
      } else if (compact.length >= 2 && separatorGap(text, pos) > 0) {
        pos += separatorGap(text, pos);
      } else {
        break;
      }
    }
    if (compact.length !== length || isAlnum(text[pos]) || !ibanValid(compact)) continue;
    matches.push({ start: m.index, end: pos, iban: compact.toUpperCase() });
    starts.lastIndex = pos;
  }
  return matches;
}

/**
 * @example ibanMask('DE89370400440532013000') // '[IBAN ending 3000]'
 */
export function ibanMask(iban: string): string {
  return `[IBAN ending ${iban.slice(-4)}]`;
}
