/**
 * Dates, resolved to `YYYY-MM-DD` against "now": "12/03", "12/03/2026", "2026-03-12", "today",
 * "yesterday", "last Tuesday", "two weeks ago", "in 3 days", "March 3rd", "3 March 2026".
 *
 * Calendar arithmetic is done on the UTC date of `now`, so results do not depend on the server's
 * time zone.
 */
import { PRIORITY, candidate, matchesOf, type EntityCandidate } from './entities-match';

export interface DateOptions {
  now: Date;
  /** Read "03/12" as March 12 instead of 3 December. */
  monthFirst: boolean;
}

interface Ymd {
  y: number;
  /** 1–12 */
  m: number;
  d: number;
}

const DAY_MS = 86_400_000;

function fromUtc(ms: number): Ymd {
  const date = new Date(ms);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}
function toUtc({ y, m, d }: Ymd): number {
  // Date.UTC maps years 0–99 to 1900–1999; set the full year explicitly.
  const date = new Date(Date.UTC(2000, m - 1, d));
  date.setUTCFullYear(y, m - 1, d);
  return date.getTime();
}
function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}
function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}
function isValid(y: number, m: number, d: number): boolean {
  return y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}
function iso({ y, m, d }: Ymd): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
function addDays(day: Ymd, n: number): Ymd {
  return fromUtc(toUtc(day) + n * DAY_MS);
}
function addMonths(day: Ymd, n: number): Ymd {
  const index = day.y * 12 + (day.m - 1) + n;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return { y, m, d: Math.min(day.d, daysInMonth(y, m)) };
}
/** A day and month without a year: the occurrence nearest to today (past wins a tie). */
function nearest(today: Ymd, m: number, d: number): Ymd | undefined {
  let best: Ymd | undefined;
  let bestDistance = Infinity;
  for (let y = today.y - 4; y <= today.y + 4; y++) {
    if (!isValid(y, m, d)) continue;
    const distance = Math.abs(toUtc({ y, m, d }) - toUtc(today));
    if (distance < bestDistance) {
      best = { y, m, d };
      bestDistance = distance;
    }
  }
  return best;
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
};
const COUNT = `(\\d{1,3}|${Object.keys(NUMBER_WORDS).join('|')}|(?:a\\s+)?couple(?:\\s+of)?)`;
const UNIT = '(day|week|month|year)s?';

const ISO = /(?<![\d/.-])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d|[/.-]\d)/g;
const NUMERIC_WITH_YEAR = /(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?!\d|[/.-]\d)/g;
// Without a year only the slash form: "12.03" and "12-03" are too often prices and ranges.
const NUMERIC = /(?<![\d/.,-])(\d{1,2})\/(\d{1,2})(?!\d|[/.-]\d)/g;
const RELATIVE_DAY = /\b(the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|tonight|yesterday|tomorrow)\b/gi;
const WEEKDAY = new RegExp(`\\b(?:(last|next|this)\\s+)?(${WEEKDAYS.join('|')})\\b`, 'gi');
const AGO = new RegExp(`\\b${COUNT}\\s+${UNIT}\\s+ago\\b`, 'gi');
const IN = new RegExp(`\\bin\\s+${COUNT}\\s+${UNIT}\\b`, 'gi');
const DAY_MONTH = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\b(?:,?\\s+(\\d{4})\\b)?`, 'gi');
const MONTH_DAY = new RegExp(`\\b${MONTH}\\.?\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4})\\b)?`, 'gi');

function count(word: string): number {
  const w = word.toLowerCase();
  if (/^\d+$/.test(w)) return Number(w);
  return NUMBER_WORDS[w] ?? 2; // the only other COUNT form is "(a) couple (of)"
}
function shift(today: Ymd, n: number, unit: string): Ymd {
  switch (unit.toLowerCase()) {
    case 'day':
      return addDays(today, n);
    case 'week':
      return addDays(today, 7 * n);
    case 'month':
      return addMonths(today, n);
    default:
      return addMonths(today, 12 * n);
  }
}
function dayMonth(today: Ymd, d: number, m: number, year: string | undefined): Ymd | undefined {
  if (year === undefined) return nearest(today, m, d);
  const y = year.length === 2 ? 2000 + Number(year) : Number(year);
  return isValid(y, m, d) ? { y, m, d } : undefined;
}

/**
 * @example findDates('paid last Tuesday', { now: new Date('2026-03-12T10:00:00Z'), monthFirst: false })
 * // value '2026-03-10'
 */
export function findDates(text: string, opts: DateOptions): EntityCandidate[] {
  if (Number.isNaN(opts.now.getTime())) throw new RangeError('extractEntities: `now` is an invalid Date');
  const today = fromUtc(opts.now.getTime());
  const found: EntityCandidate[] = [];
  const add = (m: RegExpExecArray, day: Ymd | undefined): void => {
    if (day) found.push(candidate('date', iso(day), text, m.index, m.index + m[0].length, PRIORITY.date));
  };

  for (const m of matchesOf(text, ISO)) {
    const [y, mo, d] = [Number(m[1]), Number(m[3]), Number(m[4])];
    add(m, isValid(y, mo, d) ? { y, m: mo, d } : undefined);
  }
  for (const m of matchesOf(text, NUMERIC_WITH_YEAR)) {
    const [a, b] = [Number(m[1]), Number(m[3])];
    add(m, opts.monthFirst ? dayMonth(today, b, a, m[4]) : dayMonth(today, a, b, m[4]));
  }
  for (const m of matchesOf(text, NUMERIC)) {
    if (m[0] === '24/7') continue; // "open 24/7" is not the 24th of July
    const [a, b] = [Number(m[1]), Number(m[2])];
    add(m, opts.monthFirst ? dayMonth(today, b, a, undefined) : dayMonth(today, a, b, undefined));
  }
  for (const m of matchesOf(text, RELATIVE_DAY)) {
    const word = m[1]!.toLowerCase().replace(/\s+/g, ' ');
    const offset = { 'the day before yesterday': -2, yesterday: -1, today: 0, tonight: 0, tomorrow: 1, 'the day after tomorrow': 2 }[word];
    add(m, offset === undefined ? undefined : addDays(today, offset));
  }
  for (const m of matchesOf(text, WEEKDAY)) {
    const todayIndex = new Date(toUtc(today)).getUTCDay();
    const target = WEEKDAYS.indexOf(m[2]!.toLowerCase());
    const back = (todayIndex - target + 7) % 7; // 0 when today is that day
    const forward = (target - todayIndex + 7) % 7;
    const qualifier = m[1]?.toLowerCase();
    // "last Tuesday": before today; "next Tuesday": after today; "this Tuesday": today or coming;
    // a bare "Tuesday" in a support chat is about something that happened: today or before.
    const offset = qualifier === 'last' ? -(back || 7) : qualifier === 'next' ? forward || 7 : qualifier === 'this' ? forward : -back;
    add(m, addDays(today, offset));
  }
  for (const m of matchesOf(text, AGO)) add(m, shift(today, -count(m[1]!), m[2]!));
  for (const m of matchesOf(text, IN)) add(m, shift(today, count(m[1]!), m[2]!));
  for (const m of matchesOf(text, DAY_MONTH)) {
    add(m, dayMonth(today, Number(m[1]), MONTHS[m[2]!.slice(0, 3).toLowerCase()]!, m[3]));
  }
  for (const m of matchesOf(text, MONTH_DAY)) {
    add(m, dayMonth(today, Number(m[2]), MONTHS[m[1]!.slice(0, 3).toLowerCase()]!, m[3]));
  }
  return found;
}
