import { INSIGHTS_WEEK_MS, type InsightsWeek } from '../../src/protocol/insights';
import {
  activationLabel,
  activationsIn,
  compareWeeks,
  emptyText,
  isEmpty,
  ratingMeanText,
  shareText,
  signedText,
  weekLabel,
  weekRates,
} from '../../src/web/console/insights/format';
import { summaryCards } from '../../src/web/console/insights/card-text';
import { insightsWeek } from '../helpers/insights';

const NOV_20 = Date.UTC(2023, 10, 20);
const UTC = { locale: 'en-US', timeZone: 'UTC', now: NOV_20 };
/** ICU puts thin spaces around the range dash; the tests read plain ones. */
const plain = (s: string) => s.replace(/\u2009/g, ' ');

const week = (i: number, w: Partial<InsightsWeek> = {}): InsightsWeek => insightsWeek(NOV_20, i, w);

describe('insights: a week’s rates', () => {
  it('splits the conversations into resolved by the bot and handed to a person, and averages the ratings', () => {
    const r = weekRates(week(0, { conversations: 8, handedOver: 2, rated: 4, ratingSum: 17 }));
    expect(r).toMatchObject({ resolved: 6, handedOver: 2, resolvedShare: 0.75, handedOverShare: 0.25, meanRating: 4.25 });
    expect([shareText(r.resolvedShare), shareText(r.handedOverShare), ratingMeanText(r.meanRating)]).toEqual(['75%', '25%', '4.3 / 5']);
  });

  it('has no share and no mean (not NaN, not 0) for a week without conversations or ratings', () => {
    const r = weekRates(week(0));
    expect(r.resolvedShare).toBeUndefined();
    expect(r.handedOverShare).toBeUndefined();
    expect(r.meanRating).toBeUndefined();
    expect([shareText(r.resolvedShare), ratingMeanText(r.meanRating)]).toEqual(['—', '—']);
    // Conversations but nobody rated: shares yes, mean no.
    const unrated = weekRates(week(0, { conversations: 3, handedOver: 3 }));
    expect(unrated.resolvedShare).toBe(0);
    expect(unrated.meanRating).toBeUndefined();
  });

  it('keeps the shares within 0–100 % when a server counts more hand-overs than conversations', () => {
    const r = weekRates(week(0, { conversations: 2, handedOver: 5 }));
    expect([r.resolvedShare, r.handedOverShare, r.resolved]).toEqual([0, 1, 0]);
  });
});

describe('insights: this week against the week before', () => {
  it('gives the change in percentage points, and whether it is good news', () => {
    const cmp = compareWeeks([week(0, { conversations: 4, handedOver: 2, rated: 2, ratingSum: 6 }), week(1, { conversations: 8, handedOver: 2, rated: 4, ratingSum: 18 })])!;
    expect(cmp.conversations).toBe(4);
    expect(cmp.resolved.delta).toBeCloseTo(0.25);
    expect(cmp.resolved.tone).toBe('better');
    // Fewer hand-overs is the good direction.
    expect(cmp.handedOver.delta).toBeCloseTo(-0.25);
    expect(cmp.handedOver.tone).toBe('better');
    expect(cmp.rating.delta).toBeCloseTo(1.5);
    expect(summaryCards(cmp)).toEqual([
      { key: 'Conversations', value: '8', note: '+4 against last week (4)', tone: 'same' },
      { key: 'Resolved by the bot', value: '75%', note: '+25.0 pts against last week (50%)', tone: 'better' },
      { key: 'Handed to a person', value: '25%', note: '−25.0 pts against last week (50%)', tone: 'better' },
      { key: 'Average rating', value: '4.5 / 5', note: '4 ratings; +1.5 against last week (3.0 / 5)', tone: 'better' },
    ]);
  });

  it('calls a worse week worse, and an unchanged one unchanged', () => {
    const worse = compareWeeks([week(0, { conversations: 4, handedOver: 1, rated: 1, ratingSum: 5 }), week(1, { conversations: 4, handedOver: 3, rated: 1, ratingSum: 2 })])!;
    expect([worse.resolved.tone, worse.handedOver.tone, worse.rating.tone]).toEqual(['worse', 'worse', 'worse']);
    const same = compareWeeks([week(0, { conversations: 4, handedOver: 1 }), week(1, { conversations: 8, handedOver: 2 })])!;
    expect([same.resolved.tone, summaryCards(same)[1]!.note]).toEqual(['same', '±0.0 pts against last week (75%)']);
  });

  it('says why there is nothing to compare instead of showing NaN', () => {
    const quietBefore = summaryCards(compareWeeks([week(0), week(1, { conversations: 2, handedOver: 1, rated: 1, ratingSum: 4 })])!);
    expect(quietBefore.map((c) => c.note)).toEqual(['+2 against last week (0)', 'No conversations the week before', 'No conversations the week before', '1 rating; none the week before']);
    expect(quietBefore.every((c) => !/NaN|undefined/.test(c.value + c.note))).toBe(true);

    const quietNow = summaryCards(compareWeeks([week(0, { conversations: 3, rated: 1, ratingSum: 5 }), week(1)])!);
    expect(quietNow.map((c) => [c.value, c.note])).toEqual([
      ['0', '−3 against last week (3)'],
      ['—', 'No conversations this week'],
      ['—', 'No conversations this week'],
      ['—', 'Nobody rated a chat this week'],
    ]);
    expect(quietNow.every((c) => c.tone === 'same' || c.key === 'Conversations')).toBe(true);

    const single = summaryCards(compareWeeks([week(0, { conversations: 1 })])!);
    expect(single[0]!.note).toBe('No earlier week in this range');
    expect(single[1]!.note).toBe('No earlier week in this range');
    expect(compareWeeks([])).toBeUndefined();
  });

  it('writes signed numbers with a real minus sign', () => {
    expect([signedText(3), signedText(-3), signedText(0), signedText(0.04, 1), signedText(-0.25, 1)]).toEqual(['+3', '−3', '±0', '±0.0', '−0.3']);
  });
});

describe('insights: labels and the empty state', () => {
  it('names a week by its first and last day (the window’s end is exclusive), with the year only when needed', () => {
    expect(plain(weekLabel(NOV_20, NOV_20 + INSIGHTS_WEEK_MS, UTC))).toBe('Nov 20 – 26');
    expect(plain(weekLabel(Date.UTC(2023, 10, 27), Date.UTC(2023, 11, 4), UTC))).toBe('Nov 27 – Dec 3');
    expect(plain(weekLabel(Date.UTC(2023, 11, 28), Date.UTC(2024, 0, 4), UTC))).toMatch(/Dec 28, 2023 – Jan 3, 2024/);
    expect(plain(weekLabel(Date.UTC(2022, 10, 20), Date.UTC(2022, 10, 27), UTC))).toMatch(/2022/);
    // The browser's time zone decides the days: midnight to midnight in Tokyo is 15:00 to 15:00 UTC.
    const from = Date.UTC(2023, 10, 19, 15);
    expect(plain(weekLabel(from, from + INSIGHTS_WEEK_MS, { ...UTC, timeZone: 'Asia/Tokyo' }))).toBe('Nov 20 – 26');
    expect(plain(weekLabel(from, from + INSIGHTS_WEEK_MS, UTC))).toBe('Nov 19 – 26');
  });

  it('puts each activation in the week it happened and says whether it was a new model or the built-in one', () => {
    const w = week(0);
    const inside = { at: w.from + 1000, versionId: 'm-20231121-abcdef12-9f3e', by: 'olive' };
    const atEnd = { at: w.to, versionId: null, by: 'olive' };
    expect(activationsIn(w, [inside, atEnd])).toEqual([inside]);
    expect(activationLabel(inside)).toBe('New model');
    expect(activationLabel(atEnd)).toBe('Built-in model');
  });

  it('is empty only when no week had a conversation', () => {
    expect(isEmpty({ now: 0, weeks: [week(0), week(1)], activations: [] })).toBe(true);
    expect(isEmpty({ now: 0, weeks: [week(0), week(1, { conversations: 1 })], activations: [] })).toBe(false);
    expect(emptyText(8)).toBe('No conversations in the last 8 weeks yet. Figures appear here as customers chat.');
  });
});
