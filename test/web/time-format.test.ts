import { initials, messageTime } from '../../src/web/widget/time-format';

describe('message time and initials (widget)', () => {
  const now = new Date(2026, 11, 3, 15, 30).getTime(); // 3 Dec 2026, 15:30 local time

  test('today shows only the clock, yesterday says so, older days show the date', () => {
    expect(messageTime(new Date(2026, 11, 3, 9, 5).getTime(), now, 'en-GB')).toBe('09:05');
    expect(messageTime(new Date(2026, 11, 2, 23, 59).getTime(), now, 'en-GB')).toBe('Yesterday 23:59');
    expect(messageTime(new Date(2026, 10, 28, 8, 0).getTime(), now, 'en-GB')).toBe('28 Nov, 08:00');
    expect(messageTime(new Date(2025, 11, 3, 8, 0).getTime(), now, 'en-GB')).toBe('3 Dec 2025, 08:00');
  });

  test('initials take the first and last word, in any script, and never come out empty', () => {
    expect(initials('Ada Lovelace')).toBe('AL');
    expect(initials('grace brewster hopper')).toBe('GH');
    expect(initials('  Zoë  ')).toBe('Z');
    expect(initials('Łukasz Ćwik')).toBe('ŁĆ');
    expect(initials('(Sam) O\'Neil')).toBe('SO');
    expect(initials('')).toBe('?');
    expect(initials(undefined)).toBe('?');
    expect(initials('123 !!')).toBe('?');
  });
});
