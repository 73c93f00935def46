import { conversationQuery, filterProblem, hasFilters } from '../../src/web/console/transcripts/query';
import { activityText, countText, emptyText, handoffText, messageCountText, previewText, ratingLabel, stateLabel } from '../../src/web/console/transcripts/row-format';

describe('console transcripts: what the filters ask the server', () => {
  it('sends only the filters that are set, the search trimmed, "rated 2 or lower" as maxRating=2', () => {
    expect(conversationQuery({})).toBe('?limit=50');
    const q = new URLSearchParams(conversationQuery({ state: 'closed', escalated: true, lowRating: true, q: '  refund late  ' }));
    expect(Object.fromEntries(q)).toEqual({ state: 'closed', escalated: 'true', maxRating: '2', q: 'refund late', limit: '50' });
    expect(new URLSearchParams(conversationQuery({ escalated: false })).get('escalated')).toBe('false');
    expect(new URLSearchParams(conversationQuery({ q: '   ' })).has('q')).toBe(false);
  });

  it('passes the cursor of the previous page, encoded', () => {
    expect(new URLSearchParams(conversationQuery({}, 'a+b/c=')).get('cursor')).toBe('a+b/c=');
    expect(conversationQuery({}, null)).toBe('?limit=50');
  });

  it('turns local days into an epoch-ms range that covers the whole "To" day', () => {
    const p = new URLSearchParams(conversationQuery({ fromDay: '2026-05-01', toDay: '2026-05-02' }));
    const from = Number(p.get('from'));
    const to = Number(p.get('to'));
    expect(from).toBe(new Date(2026, 4, 1).getTime());
    // `to` is exclusive on the server: the start of the day after.
    expect(to).toBe(new Date(2026, 4, 3).getTime());
  });

  it('refuses a range that ends before it starts, and knows when any filter is set', () => {
    expect(filterProblem({ fromDay: '2026-05-02', toDay: '2026-05-01' })).toMatch(/after/);
    expect(filterProblem({ fromDay: '2026-05-01', toDay: '2026-05-01' })).toBeUndefined();
    expect(filterProblem({ q: 'x'.repeat(201) })).toMatch(/200/);
    expect(hasFilters({})).toBe(false);
    expect(hasFilters({ q: '  ' })).toBe(false);
    expect(hasFilters({ escalated: false })).toBe(true);
    expect(hasFilters({ lowRating: true })).toBe(true);
  });
});

describe('console transcripts: how a row reads', () => {
  it('says state, hand-off, rating and size in words', () => {
    expect(stateLabel('agent')).toBe('With an agent');
    expect(stateLabel('paused')).toBe('paused');
    expect(handoffText({ reason: 'asked_for_human', status: 'closed' })).toBe('Handed over: Asked for a person');
    expect(handoffText(null)).toBeUndefined();
    expect(ratingLabel(2)).toBe('★★☆☆☆ 2/5');
    expect(ratingLabel(null)).toBe('Not rated');
    expect(messageCountText(1)).toBe('1 message');
    expect(messageCountText(7)).toBe('7 messages');
    expect(previewText('  ')).toBe('(the customer wrote nothing)');
    expect(previewText('<b>hi</b>')).toBe('<b>hi</b>');
  });

  it('shows the time alone today, the day this year, the full date before', () => {
    const now = Date.UTC(2026, 4, 14, 12);
    expect(activityText(Date.UTC(2026, 4, 14, 9, 5), now, 'UTC')).toBe('09:05');
    expect(activityText(Date.UTC(2026, 4, 12, 9, 5), now, 'UTC')).toBe('12 May, 09:05');
    expect(activityText(Date.UTC(2025, 11, 31, 23, 0), now, 'UTC')).toBe('31 Dec 2025, 23:00');
  });

  it('tells an empty desk from filters that match nothing, and counts what is shown', () => {
    expect(emptyText(true)).toBe('No conversations match these filters.');
    expect(emptyText(false)).toMatch(/^No conversations yet\./);
    expect(countText(1, false)).toBe('1 conversation.');
    expect(countText(50, true)).toBe('50 conversations shown; more to load.');
  });
});
