/**
 * Splits (normalised) text into runs of digit groups joined by separators, the way people type
 * card numbers: "4111 1111 1111 1111", "4111-1111-1111-1111", "4111 / 1111 / 1111 / 1111",
 * "4111\n1111\n1111\n1111", "4111__1111__1111__1111".
 */

/**
 * Characters a gap between two digit groups of one number may be made of: any whitespace (no-break
 * and thin spaces pasted from web pages too) (tabs, line breaks), any dash, the minus
 * sign, slashes, underscores, dots, commas, plus signs (form-encoded spaces) and middle dots
 * ("  ", " - ", "/", "\n", "__", "+"). URL-encoded ones ("%20") are decoded by normalize.ts.
 * Gaps with list punctuation join only groups laid out like a card (see card.ts).
 */
export const GAP_CLASS = '[\\s\\p{Pd}\\u2212/\\\\_.,+\\u00b7\\u2022]';
const GAP_CHARACTER = new RegExp(`^${GAP_CLASS}$`, 'u');
/** Longest gap read as a separator; longer stretches of blanks separate two things. */
export const MAX_GAP_CHARS = 16;

export interface DigitGroup {
  start: number;
  end: number;
  digits: string;
  /** The separator before this group in its run ('' for the first group). */
  gap: string;
}

/** Consecutive digit groups, each joined to the next by a separator. */
export type DigitRun = DigitGroup[];

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

/** Length of the separator gap starting at `i` that is followed by a digit, or 0. */
function gapAt(text: string, i: number): number {
  let j = i;
  while (j < text.length && j - i < MAX_GAP_CHARS && GAP_CHARACTER.test(text[j]!)) j++;
  return j > i && isDigit(text[j]) ? j - i : 0;
}

/**
 * @example findDigitRuns('call 12 34; card 4111 - 1111')
 * // [[{12},{34}], [{4111},{1111}]] (as DigitGroup objects with offsets)
 */
export function findDigitRuns(text: string): DigitRun[] {
  const runs: DigitRun[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isDigit(text[i])) {
      i++;
      continue;
    }
    const run: DigitRun = [];
    let gap = '';
    for (;;) {
      const start = i;
      while (isDigit(text[i])) i++;
      run.push({ start, end: i, digits: text.slice(start, i), gap });
      const length = gapAt(text, i);
      if (length === 0) break;
      gap = text.slice(i, i + length);
      i += length;
    }
    runs.push(run);
  }
  return runs;
}
