/**
 * Splits text into runs of digit groups joined by single separators, the way people type card
 * numbers: "4111 1111 1111 1111", "4111-1111-1111-1111", "4111.1111.1111.1111".
 */

/** Characters that may join two digit groups of one number (exactly one between groups). */
export const DIGIT_GROUP_SEPARATORS: ReadonlySet<string> = new Set([
  ' ',
  '-',
  '.',
  '\u00a0', // no-break space (pasted from web pages)
  '\u2009', // thin space
  '\u202f', // narrow no-break space
  '\u2013', // en dash (phone keyboards auto-correct "-")
]);

export interface DigitGroup {
  start: number;
  end: number;
  digits: string;
}

/** Consecutive digit groups, each joined to the next by one separator. */
export type DigitRun = DigitGroup[];

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

/**
 * @example findDigitRuns('call 12 34, card 4111-1111')
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
    for (;;) {
      const start = i;
      while (isDigit(text[i])) i++;
      run.push({ start, end: i, digits: text.slice(start, i) });
      if (DIGIT_GROUP_SEPARATORS.has(text[i] ?? '') && isDigit(text[i + 1])) {
        i++;
        continue;
      }
      break;
    }
    runs.push(run);
  }
  return runs;
}
