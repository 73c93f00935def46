/**
 * When people are at the desk. Outside these hours the widget says so honestly and offers a case
 * instead of a queue nobody serves. Hours are wall-clock times in the desk's IANA time zone, so
 * "09:00" stays 09:00 local across DST changes; all local time comes from Intl.DateTimeFormat.
 */

/** Weekday keys, indexed like `Date#getDay()` (0 = Sunday). */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * Opening hours per weekday in `timeZone`. Each range is `['HH:MM', 'HH:MM']`, start inclusive,
 * end exclusive; an end of `'24:00'` or `'00:00'` means midnight. A range whose end is before its
 * start spans midnight into the next day (`['22:00', '02:00']` on Friday is open until Saturday
 * 02:00). Days left out are closed.
 * @example { timeZone: 'Europe/Berlin', days: { mon: [['09:00', '17:00']], sat: [['10:00', '14:00']] } }
 */
export interface BusinessHours {
  timeZone: string;
  days: Partial<Record<Weekday, Array<[string, string]>>>;
}

export class BusinessHoursError extends Error {
  override name = 'BusinessHoursError';
}

const EXAMPLE = 'Europe/Berlin;mon-fri 09:00-17:00;sat 10:00-14:00';
const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;

/**
 * Parses the env-var form: a time zone, then `;`-separated day groups, each days then ranges.
 * Days are names (`mon`), comma lists (`sat,sun`) or spans (`mon-fri`; `fri-mon` wraps over the
 * weekend); ranges are `HH:MM-HH:MM`, several separated by commas. Case does not matter; a day
 * named twice gets the ranges of both groups.
 * @example parseBusinessHours('Europe/Berlin;mon-fri 09:00-12:00,13:00-17:00;sat 10:00-14:00')
 * @throws BusinessHoursError saying which part is wrong and what was expected.
 */
export function parseBusinessHours(spec: string): BusinessHours {
  const segments = spec
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const [timeZone, ...groups] = segments;
  if (timeZone === undefined) {
    throw new BusinessHoursError(`business hours are empty; expected e.g. "${EXAMPLE}"`);
  }
  if (/\d:\d/.test(timeZone)) {
    throw new BusinessHoursError(`business hours must start with a time zone, e.g. "${EXAMPLE}"; got "${timeZone}"`);
  }
  checkTimeZone(timeZone);
  if (groups.length === 0) {
    throw new BusinessHoursError(`business hours name no opening times after the time zone; expected e.g. "${EXAMPLE}"`);
  }
  const days: BusinessHours['days'] = {};
  for (const group of groups) {
    const match = /^(\S+)\s+(.+)$/.exec(group);
    if (!match) {
      throw new BusinessHoursError(`"${group}" should be days then times, e.g. "mon-fri 09:00-17:00"`);
    }
    const dayList = parseDays(match[1]!, group);
    const ranges = match[2]!
      .split(/[\s,]+/)
      .filter((r) => r !== '')
      .map((r) => parseRange(r, group));
    for (const day of dayList) (days[day] ??= []).push(...ranges.map((r): [string, string] => [...r]));
  }
  return { timeZone, days };
}

function checkTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new BusinessHoursError(`unknown time zone "${timeZone}"; use an IANA name such as Europe/Berlin or America/New_York`);
  }
}

function parseDays(text: string, group: string): Weekday[] {
  const out: Weekday[] = [];
  for (const part of text.toLowerCase().split(',')) {
    const [from, to, extra] = part.split('-');
    if (extra !== undefined) throw new BusinessHoursError(`"${part}" in "${group}" is not a day or a span like mon-fri`);
    const start = dayIndex(from!, group);
    const end = to === undefined ? start : dayIndex(to, group);
    for (let i = start; ; i = (i + 1) % 7) {
      if (!out.includes(WEEKDAYS[i]!)) out.push(WEEKDAYS[i]!);
      if (i === end) break;
    }
  }
  return out;
}

function dayIndex(name: string, group: string): number {
  const index = (WEEKDAYS as readonly string[]).indexOf(name);
  if (index < 0) {
    throw new BusinessHoursError(`"${name}" in "${group}" is not a day; use ${WEEKDAYS.join(', ')}`);
  }
  return index;
}

function parseRange(text: string, group: string): [string, string] {
  const match = /^(\d{1,2}:\d{2})-(\d{1,2}:\d{2})$/.exec(text);
  if (!match) throw new BusinessHoursError(`"${text}" in "${group}" is not a time range like 09:00-17:00`);
  const range: [string, string] = [normaliseTime(match[1]!), normaliseTime(match[2]!)];
  compileRange(range);
  return range;
}

function normaliseTime(time: string): string {
  return time.padStart(5, '0');
}

/** A range in minutes since local midnight; `end` is 1..1440, below `start` when it spans midnight. */
interface MinuteRange {
  start: number;
  end: number;
}

function compileRange([from, to]: readonly [string, string]): MinuteRange {
  const start = timeToMinutes(from, false);
  const end = timeToMinutes(to, true);
  if (end === start) {
    throw new BusinessHoursError(`"${from}-${to}" is an empty range; for a whole day write 00:00-24:00`);
  }
  return { start, end: end === 0 ? DAY_MINUTES : end };
}

function timeToMinutes(time: string, isEnd: boolean): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(time);
  const hour = Number(match?.[1]);
  const minute = Number(match?.[2]);
  const ok = match !== null && minute < 60 && (hour < 24 || (isEnd && hour === 24 && minute === 0));
  if (!ok) throw new BusinessHoursError(`"${time}" is not a time of day from 00:00 to ${isEnd ? '24:00' : '23:59'}`);
  return hour * 60 + minute;
}

interface Compiled {
  format: Intl.DateTimeFormat;
  /** Ranges per weekday index. */
  ranges: MinuteRange[][];
  /** Minutes of each weekday where open/closed can change, ascending, ending with 1440. */
  boundaries: number[][];
}

function compile(hours: BusinessHours): Compiled {
  if (!formatters.has(hours.timeZone)) checkTimeZone(hours.timeZone);
  for (const key of Object.keys(hours.days)) {
    if (!(WEEKDAYS as readonly string[]).includes(key)) {
      throw new BusinessHoursError(`"${key}" is not a day; use ${WEEKDAYS.join(', ')}`);
    }
  }
  const ranges = WEEKDAYS.map((day) => (hours.days[day] ?? []).map(compileRange));
  const boundaries = ranges.map((today, i) => {
    const yesterday = ranges[(i + 6) % 7]!;
    const points = new Set<number>([DAY_MINUTES]);
    for (const r of today) {
      points.add(r.start);
      if (r.end > r.start) points.add(r.end);
    }
    for (const r of yesterday) if (r.end < r.start) points.add(r.end);
    return [...points].sort((a, b) => a - b);
  });
  return { format: formatterFor(hours.timeZone), ranges, boundaries };
}

/** Formatters are slow to build and immutable, so one per zone is kept (a handful at most). */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (format) return format;
  format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    weekday: 'short',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  formatters.set(timeZone, format);
  return format;
}

interface LocalTime {
  weekday: number;
  /** Minutes since local midnight. */
  minute: number;
  /** Local wall clock minus UTC, in ms; changes at DST transitions. */
  offsetMs: number;
}

const SHORT_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function localTime(c: Compiled, instant: number): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of c.format.formatToParts(instant)) parts[p.type] = p.value;
  const hour = Number(parts.hour) % 24; // some ICU versions print midnight as 24
  const minute = Number(parts.minute);
  const wallAsUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), hour, minute, Number(parts.second));
  return {
    weekday: SHORT_DAYS.indexOf(parts.weekday ?? ''),
    minute: hour * 60 + minute,
    offsetMs: wallAsUtc - Math.floor(instant / 1000) * 1000,
  };
}

function openAt(c: Compiled, weekday: number, minute: number): boolean {
  for (const r of c.ranges[weekday]!) {
    if (minute >= r.start && (r.end < r.start || minute < r.end)) return true;
  }
  for (const r of c.ranges[(weekday + 6) % 7]!) {
    if (r.end < r.start && minute < r.end) return true;
  }
  return false;
}

function toInstant(now: Date): number {
  const t = now.getTime();
  if (!Number.isFinite(t)) throw new RangeError('business hours need a valid Date');
  return t;
}

/** Whether the desk is open at `now`, judged by the wall clock in `hours.timeZone`. */
export function isOpen(hours: BusinessHours, now: Date): boolean {
  const c = compile(hours);
  const local = localTime(c, toInstant(now));
  return openAt(c, local.weekday, local.minute);
}

/**
 * The first instant at or after `now` when the desk is open: `now` itself when open, otherwise the
 * next opening (for "we're back Monday at 09:00"). Undefined when the hours never open.
 *
 * It walks forward from one possible change to the next (a range start or end, midnight, or a
 * UTC-offset change found by bisection), so it is exact across DST: a start inside a spring-forward
 * gap opens when the clock jumps past it, and a range in a repeated fall-back hour opens twice.
 * Assumes UTC offsets of whole minutes, true of every zone since 1972.
 */
export function nextOpening(hours: BusinessHours, now: Date): Date | undefined {
  const c = compile(hours);
  let t = toInstant(now);
  let local = localTime(c, t);
  if (openAt(c, local.weekday, local.minute)) return new Date(t);
  if (c.ranges.every((day) => day.length === 0)) return undefined;
  // A weekly schedule opens within a week; the slack covers a DST change and ranges in DST gaps.
  const limit = t + 15 * DAY_MINUTES * MINUTE;
  while (t < limit) {
    const boundary = c.boundaries[local.weekday]!.find((b) => b > local.minute)!;
    const minuteStart = Math.floor(t / MINUTE) * MINUTE;
    let next = minuteStart + (boundary - local.minute) * MINUTE;
    let nextLocal = localTime(c, next);
    if (nextLocal.offsetMs !== local.offsetMs) {
      // The wall clock jumps somewhere before `next`; stop there, since the jump itself may open.
      next = firstOffsetChange(c, minuteStart, next, local.offsetMs);
      nextLocal = localTime(c, next);
    }
    t = next;
    local = nextLocal;
    if (openAt(c, local.weekday, local.minute)) return new Date(t);
  }
  return undefined;
}

/** First whole minute in (lo, hi] whose offset differs from `offset` (lo has it, hi does not). */
function firstOffsetChange(c: Compiled, lo: number, hi: number, offset: number): number {
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / MINUTE / 2) * MINUTE;
    if (localTime(c, mid).offsetMs === offset) lo = mid;
    else hi = mid;
  }
  return hi;
}
