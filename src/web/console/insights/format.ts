/**
 * The Insights section's figures in words: per-week shares and mean rating, this week against the
 * week before, week and activation labels. Pure: no DOM, so the unit tests run it in Node. A week
 * without conversations (or without ratings) has no share (undefined), never NaN or a made-up 0.
 */
import type { EscalationReason } from '../../../protocol/agent';
import type { Insights, InsightsActivation, InsightsWeek } from '../../../protocol/insights';
import { pct } from '../training/format';

/** The per-reason columns, in a fixed order (the wire record's keys have none). */
export const REASON_ORDER: readonly EscalationReason[] = ['asked_for_human', 'low_confidence', 'frustration', 'urgent_security'];

/** The weeks the selector offers; the server accepts 1–52. */
export const WEEK_CHOICES: readonly number[] = [4, 8, 12, 26];

export interface WeekRates {
  conversations: number;
  /** Conversations that stayed with the bot (never handed over). */
  resolved: number;
  handedOver: number;
  /** (conversations − handedOver) / conversations; undefined without conversations. */
  resolvedShare: number | undefined;
  /** handedOver / conversations; undefined without conversations. */
  handedOverShare: number | undefined;
  rated: number;
  /** ratingSum / rated (1–5); undefined when nobody rated. */
  meanRating: number | undefined;
}

/** @example weekRates({ conversations: 4, handedOver: 1, rated: 2, ratingSum: 9, … }) // resolvedShare 0.75, handedOverShare 0.25, meanRating 4.5 */
export function weekRates(w: InsightsWeek): WeekRates {
  const has = w.conversations > 0;
  // A newer server could count hand-overs differently; a share outside 0–1 would only mislead.
  const handed = Math.min(Math.max(w.handedOver, 0), w.conversations);
  return {
    conversations: w.conversations,
    resolved: w.conversations - handed,
    handedOver: handed,
    resolvedShare: has ? (w.conversations - handed) / w.conversations : undefined,
    handedOverShare: has ? handed / w.conversations : undefined,
    rated: w.rated,
    meanRating: w.rated > 0 ? w.ratingSum / w.rated : undefined,
  };
}

/** Is a change good news, bad news or none (colours the card; the sign says it in text). */
export type Tone = 'better' | 'worse' | 'same';

export interface Change {
  /** this week − last week; undefined when either side has no value. */
  delta: number | undefined;
  tone: Tone;
}

/** Smaller changes than this (a twentieth of a point, or of a star) read as "no change". */
const EPS = 0.0005;

function change(now: number | undefined, before: number | undefined, higherIsBetter: boolean): Change {
  if (now === undefined || before === undefined) return { delta: undefined, tone: 'same' };
  const delta = now - before;
  if (Math.abs(delta) < EPS) return { delta, tone: 'same' };
  return { delta, tone: delta > 0 === higherIsBetter ? 'better' : 'worse' };
}

export interface WeekComparison {
  current: WeekRates;
  /** Undefined when the range has only one week. */
  previous: WeekRates | undefined;
  /** This week's conversations − last week's; undefined when the range has one week. */
  conversations: number | undefined;
  /** In shares (0.05 = 5 percentage points). */
  resolved: Change;
  handedOver: Change;
  /** In stars. */
  rating: Change;
}

/**
 * The newest week against the one before; undefined when there are no weeks.
 * @example compareWeeks(insights.weeks)?.resolved.delta // 0.125: 12.5 points more resolved by the bot
 */
export function compareWeeks(weeks: readonly InsightsWeek[]): WeekComparison | undefined {
  const last = weeks[weeks.length - 1];
  if (!last) return undefined;
  const before = weeks[weeks.length - 2];
  const current = weekRates(last);
  const previous = before ? weekRates(before) : undefined;
  return {
    current,
    previous,
    conversations: previous ? current.conversations - previous.conversations : undefined,
    resolved: change(current.resolvedShare, previous?.resolvedShare, true),
    handedOver: change(current.handedOverShare, previous?.handedOverShare, false),
    rating: change(current.meanRating, previous?.meanRating, true),
  };
}

/** True when no week of the range had a conversation: the section shows its empty state. */
export function isEmpty(insights: Insights): boolean {
  return insights.weeks.every((w) => w.conversations === 0);
}

export function emptyText(weeks: number): string {
  const range = weeks === 1 ? 'this week' : `the last ${weeks} weeks`;
  return `No conversations in ${range} yet. Figures appear here as customers chat.`;
}

/** A share as a whole percentage, "—" for none. @example shareText(0.75) // '75%' */
export function shareText(share: number | undefined): string {
  return pct(share, 0);
}

/** A mean rating out of five, "—" when nobody rated. @example ratingMeanText(4.25) // '4.3 / 5' */
export function ratingMeanText(mean: number | undefined): string {
  return mean === undefined || !Number.isFinite(mean) ? '—' : `${mean.toFixed(1)} / 5`;
}

/** A signed difference with a real minus sign. @example signedText(-3) // '−3'; signedText(0.25, 1) // '+0.3' */
export function signedText(delta: number, digits = 0): string {
  const v = Math.abs(delta).toFixed(digits);
  if (Number(v) === 0) return `±${v}`;
  return `${delta > 0 ? '+' : '−'}${v}`;
}

/** Where the dates are read: the browser's locale and time zone unless a test says otherwise. */
export interface DateOptions {
  locale?: string | string[];
  timeZone?: string;
  /** What "this year" is for `weekLabel`; default `Date.now()`. */
  now?: number;
}

type RangeFormat = Intl.DateTimeFormat & { formatRange?(start: number, end: number): string };

/**
 * A week's days, from its first to its last (the window's `to` is exclusive, so its last
 * millisecond counts); the year only when it is not this one or the week spans two.
 * @example weekLabel(Date.UTC(2023, 10, 20), Date.UTC(2023, 10, 27), { locale: 'en-US', timeZone: 'UTC', now: Date.UTC(2023, 10, 27) }) // 'Nov 20 – 26'
 */
export function weekLabel(from: number, to: number, opts: DateOptions = {}): string {
  const last = to - 1;
  const year = (t: number) => new Intl.DateTimeFormat('en-US', { year: 'numeric', timeZone: opts.timeZone }).format(t);
  const withYear = year(from) !== year(last) || year(last) !== year(opts.now ?? Date.now());
  const fmt: RangeFormat = new Intl.DateTimeFormat(opts.locale, { month: 'short', day: 'numeric', year: withYear ? 'numeric' : undefined, timeZone: opts.timeZone });
  // formatRange (ES2021) writes "Nov 20 – 26" the locale's way; older browsers get both dates.
  return typeof fmt.formatRange === 'function' ? fmt.formatRange(from, last) : `${fmt.format(from)} – ${fmt.format(last)}`;
}

/** A day for an axis tick: "Nov 20". */
export function dayLabel(at: number, opts: DateOptions = {}): string {
  return new Intl.DateTimeFormat(opts.locale, { month: 'short', day: 'numeric', timeZone: opts.timeZone }).format(at);
}

/**
 * A model activation in a few words, for the chart's marker: version ids all start alike
 * ("intents-<hash>-…"), so a cut id would not tell markers apart; the table names the version.
 * @example activationLabel({ versionId: null, … }) // 'Built-in model'
 */
export function activationLabel(a: InsightsActivation): string {
  return a.versionId === null ? 'Built-in model' : 'New model';
}

/** A model activation in a sentence with its time, for the table and tooltips. */
export function activationText(a: InsightsActivation, opts: DateOptions = {}): string {
  const when = new Intl.DateTimeFormat(opts.locale, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: opts.timeZone }).format(a.at);
  return a.versionId === null ? `${when}: back to the built-in model` : `${when}: model ${a.versionId} activated`;
}

/** The activations that happened inside a week's window. */
export function activationsIn(week: Pick<InsightsWeek, 'from' | 'to'>, activations: readonly InsightsActivation[]): InsightsActivation[] {
  return activations.filter((a) => a.at >= week.from && a.at < week.to);
}

/** "1 conversation" / "3 conversations". */
export function conversationsText(n: number): string {
  return n === 1 ? '1 conversation' : `${n} conversations`;
}
