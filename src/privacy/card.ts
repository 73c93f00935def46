/**
 * Card number detection: 13–19 digits, optionally in groups joined by separators, that pass the
 * Luhn check. Runs on normalised text (normalize.ts).
 */
import { findDigitRuns, type DigitGroup } from './digit-runs';
import { AMOUNT_PATTERN } from './amount';
import { DATE_PATTERN } from './date';
import { luhnValid } from './luhn';
import { DEFAULT_ORDER_ID_PATTERN, findPatternSpans, type TextSpan } from './order-id';

export const MIN_CARD_DIGITS = 13;
export const MAX_CARD_DIGITS = 19;

export interface CardMatch {
  start: number;
  end: number;
  /** The digits without separators. */
  digits: string;
  last4: string;
}

export interface FindCardOptions {
  /**
   * Order ids: a digit group wholly inside a match is never part of a card, so an order id typed
   * next to other numbers is not glued to them. Default {@link DEFAULT_ORDER_ID_PATTERN}.
   * @example { orderIdPattern: /\bA\d{10}\b/ }
   */
  orderIdPattern?: RegExp;
  /** Spans already claimed by another detector (e.g. IBANs); overlapping groups are skipped. */
  exclude?: readonly TextSpan[];
}

/**
 * The text a card number is replaced with. It holds a single 4-digit group between brackets, so it
 * can never join neighbouring digits into a new card-like run (masking is idempotent).
 * @example cardMask('1111') // '[card ending 1111]'
 */
export function cardMask(last4: string): string {
  return `[card ending ${last4}]`;
}

interface Window {
  first: number;
  last: number;
  digits: string;
  score: number[];
}

function overlaps(a: TextSpan, b: TextSpan): boolean {
  return a.start < b.end && b.start < a.end;
}

/** How much a window looks like a card as people type it; compared lexicographically. */
function windowScore(groups: DigitGroup[], digits: string): number[] {
  const lengths = groups.map((g) => g.digits.length);
  const last = lengths[lengths.length - 1] ?? 0;
  const cardLayout =
    lengths.length === 1 ||
    (lengths.slice(0, -1).every((n) => n === 4) && last >= 1 && last <= 4) || // 4-4-4-4(-3)
    (lengths.length === 3 && lengths[0] === 4 && lengths[1] === 6); // Amex / Diners 4-6-5, 4-6-4
  const separators = new Set(groups.slice(1).map((g) => g.gap));
  const uniform = separators.size <= 1;
  const issuerDigit = digits[0] !== undefined && digits[0] >= '2' && digits[0] <= '6';
  // Longest first: a card typed on its own is then always taken whole, never a lucky sub-window.
  return [digits.length, cardLayout ? 1 : 0, uniform ? 1 : 0, issuerDigit ? 1 : 0];
}

function compareScores(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (b[i] ?? 0) - (a[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Separators that also separate dates, amounts and list items. */
export const LIST_PUNCTUATION = /[/\\,\u00b7\u2022]/;

/**
 * Whether a window of groups is laid out like a card rather than like dates, amounts or a list.
 * Gaps of blanks, dashes, dots or underscores ("4111  1111", "41 - 11…", "4111\n1111") join any
 * grouping, like a single separator. A gap with list punctuation (/ \ , · •) joins only groups
 * where every group but the last has at least 3 digits ("4111 / 1111 / 1111 / 1111",
 * "3782, 822463, 10005"), or evenly sized and evenly separated groups; "12/03/2024, 15/03/2024"
 * and "49,99, 12,50, 7,00" are neither.
 */
function layoutOk(groups: DigitGroup[]): boolean {
  const gaps = groups.slice(1).map((g) => g.gap);
  if (!gaps.some((gap) => LIST_PUNCTUATION.test(gap))) return true;
  const lengths = groups.map((g) => g.digits.length);
  if (lengths.slice(0, -1).every((n) => n >= 3)) return true;
  const sizes = new Set(lengths.slice(0, -1));
  return new Set(gaps).size === 1 && sizes.size === 1 && lengths[lengths.length - 1]! <= lengths[0]!;
}

/**
 * Picks card numbers in one segment of digit groups (no order ids, nothing excluded inside).
 * Every Luhn-valid window is a candidate; the most card-like are taken first and any window that
 * overlaps a taken one is dropped. Because every valid window overlaps a taken one when this
 * returns, the digits left between masks never contain a valid card-length run.
 */
function pickCards(groups: DigitGroup[]): CardMatch[] {
  const windows: Window[] = [];
  for (let first = 0; first < groups.length; first++) {
    let digits = '';
    for (let last = first; last < groups.length; last++) {
      digits += groups[last]!.digits;
      if (digits.length > MAX_CARD_DIGITS) break;
      if (digits.length >= MIN_CARD_DIGITS && luhnValid(digits) && layoutOk(groups.slice(first, last + 1))) {
        windows.push({ first, last, digits, score: windowScore(groups.slice(first, last + 1), digits) });
      }
    }
  }
  windows.sort((a, b) => compareScores(a.score, b.score) || a.first - b.first);
  const taken = new Array<boolean>(groups.length).fill(false);
  const cards: CardMatch[] = [];
  for (const w of windows) {
    let free = true;
    for (let k = w.first; k <= w.last; k++) if (taken[k]) free = false;
    if (!free) continue;
    for (let k = w.first; k <= w.last; k++) taken[k] = true;
    cards.push({
      start: groups[w.first]!.start,
      end: groups[w.last]!.end,
      digits: w.digits,
      last4: w.digits.slice(-4),
    });
  }
  return cards;
}

/**
 * Privacy beats the order-id exception: a run of several groups whose digits together are a
 * Luhn-valid card length ("41111111 11111111", two 8-digit halves that each look like an order
 * id) is one card. A single group matching the order-id pattern ("ORD-4111111111111111") is not
 * affected: the customer typed it as one id.
 */
function wholeRunCard(run: DigitGroup[], exclude: readonly TextSpan[]): CardMatch | undefined {
  // Not across list punctuation: "48213977, 12345" is an order id and a number, not a card.
  if (run.length < 2 || run.some((g) => LIST_PUNCTUATION.test(g.gap))) return undefined;
  const first = run[0]!;
  const last = run[run.length - 1]!;
  if (exclude.some((e) => overlaps(e, { start: first.start, end: last.end }))) return undefined;
  const digits = run.map((g) => g.digits).join('');
  if (digits.length < MIN_CARD_DIGITS || digits.length > MAX_CARD_DIGITS || !luhnValid(digits)) return undefined;
  return { start: first.start, end: last.end, digits, last4: digits.slice(-4) };
}

/**
 * Card numbers in `text` (normalised: ASCII digits, no invisible characters), in order of position.
 *
 * A digit group that an order id match covers, or that overlaps a date, an amount with a currency or an `exclude` span, splits the run
 * it is in: "order 48213977 4111 1111 1111 1111" finds only the card. Except: a run of several
 * groups that is, as a whole, a Luhn-valid 13–19 digit number is always a card (see wholeRunCard).
 *
 * @example findCardNumbers('card 4111-1111-1111-1111 pls')
 * // [{ start: 5, end: 24, digits: '4111111111111111', last4: '1111' }]
 */
export function findCardNumbers(text: string, opts: FindCardOptions = {}): CardMatch[] {
  const orderIds = findPatternSpans(text, opts.orderIdPattern ?? DEFAULT_ORDER_ID_PATTERN);
  const exclude = [...(opts.exclude ?? []), ...findPatternSpans(text, DATE_PATTERN), ...findPatternSpans(text, AMOUNT_PATTERN)];
  const isBarrier = (g: DigitGroup): boolean =>
    orderIds.some((o) => o.start <= g.start && o.end >= g.end) || exclude.some((e) => overlaps(e, g));

  const cards: CardMatch[] = [];
  for (const run of findDigitRuns(text)) {
    const whole = wholeRunCard(run, exclude);
    if (whole) {
      cards.push(whole);
      continue;
    }
    let segment: DigitGroup[] = [];
    for (const group of [...run, null]) {
      if (group === null || isBarrier(group)) {
        if (segment.length > 0) cards.push(...pickCards(segment));
        segment = [];
      } else {
        segment.push(group);
      }
    }
  }
  return cards.sort((a, b) => a.start - b.start);
}
