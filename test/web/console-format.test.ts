import { collectedItems, fieldLabel } from '../../src/web/console/collected';
import { confidenceLevel, formatClock, formatConfidence, formatWait, formatWaitLong, reasonLabel, truncate } from '../../src/web/console/format';
import { badgeTitle } from '../../src/web/console/title';
import { fillCanned, filterCanned } from '../../src/web/console/canned';
import { sectionForKey, shortcutFor } from '../../src/web/console/shortcuts';
import { sectionFromHash, visibleSections } from '../../src/web/console/routes';

describe('console formatting', () => {
  it('says why a chat was escalated in words', () => {
    expect(reasonLabel('asked_for_human')).toBe('Asked for a person');
    expect(reasonLabel('low_confidence')).toBe('Bot unsure twice');
    expect(reasonLabel('frustration')).toBe('Frustrated');
    expect(reasonLabel('urgent_security')).toBe('Urgent: security');
    // A reason a newer server invents is still readable, not blank.
    expect(reasonLabel('vip_customer')).toBe('Vip customer');
    expect(reasonLabel('toString')).toBe('ToString');
  });

  it('shows waits as m:ss under an hour, then hours and minutes, then days', () => {
    expect(formatWait(0)).toBe('0:00');
    expect(formatWait(7_400)).toBe('0:07');
    expect(formatWait(272_000)).toBe('4:32');
    expect(formatWait(59 * 60_000 + 59_999)).toBe('59:59');
    expect(formatWait(3_600_000 + 5 * 60_000)).toBe('1 h 05 min');
    expect(formatWait(2 * 86_400_000 + 3 * 3_600_000)).toBe('2 d 3 h');
    // Browser clock behind the server's: never a negative wait.
    expect(formatWait(-5000)).toBe('0:00');
    expect(formatWait(Number.NaN)).toBe('0:00');
  });

  it('spells the wait out for screen readers', () => {
    expect(formatWaitLong(61_000)).toBe('1 minute 1 second');
    expect(formatWaitLong(3 * 3_600_000 + 120_000 + 5000)).toBe('3 hours 2 minutes');
    expect(formatWaitLong(0)).toBe('0 seconds');
  });

  it('shows confidence as a percentage with a level, and a dash when unknown', () => {
    expect(formatConfidence(0.873)).toBe('87%');
    expect(formatConfidence(1)).toBe('100%');
    expect(formatConfidence(undefined)).toBe('–');
    expect(formatConfidence(1.4)).toBe('–');
    expect([0.2, 0.6, 0.95, undefined].map(confidenceLevel)).toEqual(['low', 'mid', 'high', 'none']);
  });

  it('formats clock times in a given zone and shortens long previews on a word boundary', () => {
    expect(formatClock(Date.UTC(2026, 0, 1, 9, 5), 'UTC')).toBe('09:05');
    expect(formatClock(Date.UTC(2026, 0, 1, 9, 5), 'Europe/Berlin')).toBe('10:05');
    expect(truncate('short  text', 20)).toBe('short text');
    expect(truncate('I returned my shoes two weeks ago and still have no refund', 30)).toBe('I returned my shoes two weeks…');
  });

  it('flattens what the bot collected into label/value pairs', () => {
    expect(fieldLabel('orderId')).toBe('Order id');
    expect(fieldLabel('merchant_name')).toBe('Merchant name');
    expect(collectedItems({ orderId: '48213977', amount: { value: 42, text: '€42.00' }, empty: '', dates: ['2026-01-02', '2026-01-05'] })).toEqual([
      { label: 'Order id', value: '48213977' },
      { label: 'Amount', value: '€42.00' },
      { label: 'Dates', value: '2026-01-02, 2026-01-05' },
    ]);
    expect(
      collectedItems([
        { type: 'order_id', value: '123' },
        { type: 'order_id', value: '123' },
        { type: 'email', text: 'a@b.example' },
      ]),
    ).toEqual([
      { label: 'Order id', value: '123' },
      { label: 'Email', value: 'a@b.example' },
    ]);
    expect(collectedItems(undefined)).toEqual([]);
  });

  it('badges the title with the number waiting', () => {
    expect(badgeTitle(0, 'Console')).toBe('Console');
    expect(badgeTitle(2, 'Console')).toBe('(2) Console');
    expect(badgeTitle(150, 'Console')).toBe('(99+) Console');
  });

  it('fills canned replies with the agent first name and filters them', () => {
    expect(fillCanned("Hi, I'm {agent}.", { agentName: 'Dana Smith' })).toBe("Hi, I'm Dana.");
    expect(filterCanned('refund').map((c) => c.id)).toContain('refund-time');
    expect(filterCanned('zzz-nothing')).toEqual([]);
  });

  it('maps keys to shortcuts only outside text fields and without modifiers', () => {
    expect(shortcutFor({ key: 'j', inField: false })).toBe('queue-next');
    expect(shortcutFor({ key: 'c', inField: false })).toBe('claim');
    expect(shortcutFor({ key: 'c', inField: true })).toBeUndefined();
    expect(shortcutFor({ key: 'c', ctrlKey: true, inField: false })).toBeUndefined();
    expect(shortcutFor({ key: 'Escape', inField: true })).toBe('escape');
    expect(shortcutFor({ key: '?', inField: false })).toBe('help');
  });

  it('maps the digits 1–9 to the sections in the nav, by place', () => {
    expect(shortcutFor({ key: '2', inField: false })).toBe('section');
    expect(shortcutFor({ key: '2', inField: true })).toBeUndefined();
    expect(shortcutFor({ key: '2', altKey: true, inField: false })).toBeUndefined();
    expect(shortcutFor({ key: '0', inField: false })).toBeUndefined();
    const visible = ['chats', 'training', 'transcripts'];
    expect(sectionForKey('1', visible)).toBe('chats');
    expect(sectionForKey('3', visible)).toBe('transcripts');
    expect(sectionForKey('4', visible)).toBeUndefined();
    expect(sectionForKey('j', visible)).toBeUndefined();
  });

  it('shows the Training section to operators and admins only, and routes by hash', () => {
    const all = [{ id: 'chats' }, { id: 'training', roles: ['operator' as const, 'admin' as const] }];
    expect(visibleSections(all, 'agent')).toEqual(['chats']);
    expect(visibleSections(all, 'operator')).toEqual(['chats', 'training']);
    expect(sectionFromHash('#/training', ['chats', 'training'])).toBe('training');
    expect(sectionFromHash('#/training', ['chats'])).toBe('chats');
    expect(sectionFromHash('#/chats/abc', ['chats'])).toBe('chats');
    expect(sectionFromHash('', ['chats'])).toBe('chats');
  });
});
