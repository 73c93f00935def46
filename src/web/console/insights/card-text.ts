/**
 * The summary cards' words: this week's conversations, share resolved by the bot, share handed to
 * a person and mean rating, each set against the week before, or why it cannot be. Pure: no DOM.
 */
import { signedPoints } from '../training/format';
import { ratingMeanText, shareText, signedText, type Change, type Tone, type WeekComparison, type WeekRates } from './format';

/** One summary card: what it counts, this week's figure, the comparison in words, its colour. */
export interface CardText {
  key: string;
  value: string;
  note: string;
  tone: Tone;
}

const AGAINST = 'against last week';

function shareNote(current: WeekRates, previous: WeekRates | undefined, c: Change, share: (r: WeekRates) => number | undefined): string {
  if (current.conversations === 0) return 'No conversations this week';
  if (!previous) return 'No earlier week in this range';
  if (previous.conversations === 0) return 'No conversations the week before';
  return `${signedPoints(c.delta)} ${AGAINST} (${shareText(share(previous))})`;
}

function ratingNote(current: WeekRates, previous: WeekRates | undefined, c: Change): string {
  const rated = current.rated === 1 ? '1 rating' : `${current.rated} ratings`;
  if (current.rated === 0) return 'Nobody rated a chat this week';
  if (!previous || previous.meanRating === undefined || c.delta === undefined) return `${rated}; none the week before`;
  return `${rated}; ${signedText(c.delta, 1)} ${AGAINST} (${ratingMeanText(previous.meanRating)})`;
}

/**
 * The four cards above the charts: this week's conversations, share resolved by the bot, share
 * handed to a person and mean rating, each set against the week before.
 * @example summaryCards(compareWeeks(weeks)!)[1] // { key: 'Resolved by the bot', value: '75%', note: '+25.0 pts against last week (50%)', tone: 'better' }
 */
export function summaryCards(cmp: WeekComparison): CardText[] {
  const { current, previous } = cmp;
  return [
    {
      key: 'Conversations',
      value: String(current.conversations),
      note: previous && cmp.conversations !== undefined ? `${signedText(cmp.conversations)} ${AGAINST} (${previous.conversations})` : 'No earlier week in this range',
      // More chats is not better or worse in itself.
      tone: 'same',
    },
    {
      key: 'Resolved by the bot',
      value: shareText(current.resolvedShare),
      note: shareNote(current, previous, cmp.resolved, (r) => r.resolvedShare),
      tone: cmp.resolved.tone,
    },
    {
      key: 'Handed to a person',
      value: shareText(current.handedOverShare),
      note: shareNote(current, previous, cmp.handedOver, (r) => r.handedOverShare),
      tone: cmp.handedOver.tone,
    },
    { key: 'Average rating', value: ratingMeanText(current.meanRating), note: ratingNote(current, previous, cmp.rating), tone: cmp.rating.tone },
  ];
}
