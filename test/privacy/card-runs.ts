/**
 * Test oracle, written independently of src/privacy: every group-aligned window of a digit run
 * that a card could be, read the way a person sees the text (any script's digits, invisible
 * characters ignored).
 */
import { DEFAULT_ORDER_ID_PATTERN } from '../../src/privacy';

/** Single separators people put between card digit groups. */
export const SEPARATORS = [' ', '-', '.', '\u00a0', '\u2009', '\u202f', '\u2013'];
/** Longer gaps that join groups of any size. */
export const BLANK_GAPS = ['  ', '\t', '\n', '\r\n', ' - ', ' -- ', '_', '__', '\u2014', ' \u2013 ', '\u2212', ' . ', '\u3000'];
/** Gaps with list punctuation: they join only card-like layouts (groups of 3+ digits but the last). */
export const LIST_GAPS = ['/', ' / ', ',', ', ', '\\', ' , ', '\u00b7', ' \u2022 '];
/** Characters nobody sees. */
export const INVISIBLES = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u200e', '\u2063', '\u180e'];
/** Zeros of decimal-digit scripts people (or their keyboards) type. */
export const DIGIT_ZEROS = [0x30, 0xff10, 0x0660, 0x06f0, 0x0966, 0x09e6, 0x0e50, 0x1d7ce, 0x1d7ec, 0x1fbf0];

export function luhn(digits: string): boolean {
  const sum = [...digits]
    .reverse()
    .map(Number)
    .reduce((acc, d, i) => acc + (i % 2 === 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d), 0);
  return sum % 10 === 0;
}

/** Unicode lays decimal digits out as blocks of ten from zero, blocks side by side. */
function digitValue(cp: number): number {
  let first = cp;
  while (/^\p{Nd}$/u.test(String.fromCodePoint(first - 1))) first--;
  return (cp - first) % 10;
}

/** What a person reads: ASCII digits for the scripts above, invisible characters gone. */
export function asSeen(text: string): string {
  let out = '';
  for (const ch of text) {
    if (/[\p{Cf}\p{Default_Ignorable_Code_Point}]/u.test(ch)) continue;
    out += /^\p{Nd}$/u.test(ch) ? String(digitValue(ch.codePointAt(0)!)) : ch;
  }
  return out;
}

/** d.m.yyyy, m.d.yyyy or yyyy-m-d with real day and month numbers. */
function isDate(s: string): boolean {
  const parts = s.split(/[./-]/);
  const [a, b] = (parts[0]!.length === 4 ? parts.slice(1) : parts).map(Number) as [number, number];
  const dm = (d: number, m: number) => d >= 1 && d <= 31 && m >= 1 && m <= 12;
  return parts[0]!.length === 4 ? dm(b, a) : dm(a, b) || dm(b, a);
}

/** Luhn-valid 13–19 digit windows left in `text` (the masked output should have none). */
export function cardLikeWindows(raw: string): string[] {
  const text = asSeen(raw);
  const sep = `[${SEPARATORS.join('').replace('-', '\\-')}]`;
  // Documented trade-offs: order ids and dates are never part of a card.
  const date = /(?<!\d)(?:\d{1,2}([./-])\d{1,2}\1(?:19|20)\d\d|(?:19|20)\d\d([./-])\d\d\2\d\d)(?!\d)/g;
  const orderIds = [...text.matchAll(new RegExp(DEFAULT_ORDER_ID_PATTERN.source, 'gi')), ...text.matchAll(date)]
    .filter((m) => /^ORD-|^\d{8}$/i.test(m[0]) || isDate(m[0]))
    .map((m) => ({ start: m.index, end: m.index + m[0].length }));
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
