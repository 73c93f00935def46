import fc from 'fast-check';
import {
  BusinessHoursError,
  isOpen,
  nextOpening,
  parseBusinessHours,
  type BusinessHours,
} from '../../src/handoff/business-hours';

const at = (iso: string) => new Date(iso);
const berlin = parseBusinessHours('Europe/Berlin;mon-fri 09:00-17:00;sat 10:00-14:00');

describe('parseBusinessHours', () => {
  it('reads the env-var form into per-day ranges', () => {
    expect(parseBusinessHours('Europe/Berlin;mon-fri 09:00-12:00,13:00-17:00;sat 10:00-14:00')).toEqual({
      timeZone: 'Europe/Berlin',
      days: {
        mon: [['09:00', '12:00'], ['13:00', '17:00']],
        tue: [['09:00', '12:00'], ['13:00', '17:00']],
        wed: [['09:00', '12:00'], ['13:00', '17:00']],
        thu: [['09:00', '12:00'], ['13:00', '17:00']],
        fri: [['09:00', '12:00'], ['13:00', '17:00']],
        sat: [['10:00', '14:00']],
      },
    });
  });

  it('accepts lists, wrapping spans, any case, spaces and a trailing semicolon', () => {
    const hours = parseBusinessHours(' America/New_York ; SAT,Sun 9:30-13:00 ; fri-mon 20:00-24:00; ');
    expect(hours.days.sat).toEqual([['09:30', '13:00'], ['20:00', '24:00']]);
    expect(hours.days.sun).toEqual([['09:30', '13:00'], ['20:00', '24:00']]);
    expect(hours.days.fri).toEqual([['20:00', '24:00']]);
    expect(hours.days.mon).toEqual([['20:00', '24:00']]);
    expect(hours.days.tue).toBeUndefined();
  });

  it.each([
    ['', /empty/],
    ['mon-fri 09:00-17:00', /must start with a time zone/],
    ['Mars/Olympus;mon 09:00-17:00', /unknown time zone "Mars\/Olympus"/],
    ['Europe/Berlin', /no opening times/],
    ['Europe/Berlin;monday 09:00-17:00', /"monday" .* is not a day/],
    ['Europe/Berlin;mon-fri', /should be days then times/],
    ['Europe/Berlin;mon 9-17', /"9-17" .* is not a time range/],
    ['Europe/Berlin;mon 09:00-25:00', /"25:00" is not a time of day/],
    ['Europe/Berlin;mon 24:00-02:00', /"24:00" is not a time of day from 00:00 to 23:59/],
    ['Europe/Berlin;mon 09:60-17:00', /"09:60"/],
    ['Europe/Berlin;mon 09:00-09:00', /empty range/],
    ['Europe/Berlin;mon-tue-wed 09:00-17:00', /not a day or a span/],
  ])('rejects %j with a clear message', (spec, message) => {
    expect(() => parseBusinessHours(spec)).toThrow(BusinessHoursError);
    expect(() => parseBusinessHours(spec)).toThrow(message);
  });
});

describe('isOpen', () => {
  it('follows the desk’s wall clock', () => {
    // 2024-01-15 is a Monday; Berlin is UTC+1 in winter.
    expect(isOpen(berlin, at('2024-01-15T07:59:59Z'))).toBe(false); // 08:59:59 local
    expect(isOpen(berlin, at('2024-01-15T08:00:00Z'))).toBe(true); // 09:00
    expect(isOpen(berlin, at('2024-01-15T15:59:59Z'))).toBe(true); // 16:59:59
    expect(isOpen(berlin, at('2024-01-15T16:00:00Z'))).toBe(false); // 17:00, end is exclusive
    expect(isOpen(berlin, at('2024-01-20T12:00:00Z'))).toBe(true); // Saturday 13:00
    expect(isOpen(berlin, at('2024-01-21T12:00:00Z'))).toBe(false); // Sunday
  });

  it('judges one instant by each zone’s own weekday: Monday evening in New York is Tuesday morning in Berlin', () => {
    const instant = at('2024-01-16T04:30:00Z'); // Mon 23:30 in New York, Tue 05:30 in Berlin
    const mondayEvenings = 'mon 18:00-24:00';
    const tuesdayMornings = 'tue 05:00-06:00';
    expect(isOpen(parseBusinessHours(`America/New_York;${mondayEvenings}`), instant)).toBe(true);
    expect(isOpen(parseBusinessHours(`Europe/Berlin;${mondayEvenings}`), instant)).toBe(false);
    expect(isOpen(parseBusinessHours(`Europe/Berlin;${tuesdayMornings}`), instant)).toBe(true);
    expect(isOpen(parseBusinessHours(`America/New_York;${tuesdayMornings}`), instant)).toBe(false);
  });

  it('keeps 09:00 at 09:00 local on both sides of a DST change', () => {
    // Berlin springs forward on Sunday 2024-03-31: Friday before is UTC+1, Monday after is UTC+2.
    expect(isOpen(berlin, at('2024-03-29T08:00:00Z'))).toBe(true);
    expect(isOpen(berlin, at('2024-04-01T07:00:00Z'))).toBe(true);
    expect(isOpen(berlin, at('2024-04-01T06:59:00Z'))).toBe(false);
    // New York changed three weeks earlier (2024-03-10), so the gap to Berlin is 5 hours in between.
    const ny = parseBusinessHours('America/New_York;mon-fri 09:00-17:00');
    expect(isOpen(ny, at('2024-03-18T13:00:00Z'))).toBe(true); // 09:00 EDT
    expect(isOpen(ny, at('2024-03-08T13:30:00Z'))).toBe(false); // 08:30 EST
  });

  it('handles ranges that span midnight, into the next weekday', () => {
    const late = parseBusinessHours('Europe/Berlin;fri 22:00-02:00;sun 23:00-01:00');
    expect(isOpen(late, at('2024-01-19T20:59:00Z'))).toBe(false); // Fri 21:59
    expect(isOpen(late, at('2024-01-19T21:00:00Z'))).toBe(true); // Fri 22:00
    expect(isOpen(late, at('2024-01-20T00:30:00Z'))).toBe(true); // Sat 01:30
    expect(isOpen(late, at('2024-01-20T01:00:00Z'))).toBe(false); // Sat 02:00
    expect(isOpen(late, at('2024-01-21T23:30:00Z'))).toBe(true); // Mon 00:30, from Sunday's range
    expect(isOpen(late, at('2024-01-22T23:30:00Z'))).toBe(false); // Tue 00:30: Monday has no late range
  });

  it('takes hand-built hours and rejects invalid ones clearly', () => {
    const hours: BusinessHours = { timeZone: 'Asia/Tokyo', days: { wed: [['10:00', '11:00']] } };
    expect(isOpen(hours, at('2024-01-17T01:30:00Z'))).toBe(true); // Wed 10:30 JST
    expect(() => isOpen({ timeZone: 'Nowhere/City', days: {} }, new Date())).toThrow(/unknown time zone/);
    expect(() => isOpen({ timeZone: 'UTC', days: { mon: [['9am', '5pm']] } }, new Date())).toThrow(BusinessHoursError);
    expect(() => isOpen({ timeZone: 'UTC', days: { monday: [] } as BusinessHours['days'] }, new Date())).toThrow(/"monday" is not a day/);
  });
});

describe('nextOpening', () => {
  it('is now while open', () => {
    const now = at('2024-01-15T10:00:00Z');
    expect(nextOpening(berlin, now)).toEqual(now);
  });

  it('finds the next opening over a weekend and across the DST change', () => {
    // Saturday 2024-03-30 15:00 CET is after Saturday hours; Berlin is UTC+2 by Monday.
    expect(nextOpening(berlin, at('2024-03-30T14:00:00Z'))).toEqual(at('2024-04-01T07:00:00Z'));
    // Autumn: Friday 2024-10-25 after hours (UTC+2) → Saturday 10:00 (UTC+2) → after that Monday 09:00 (UTC+1).
    expect(nextOpening(berlin, at('2024-10-25T17:00:00Z'))).toEqual(at('2024-10-26T08:00:00Z'));
    expect(nextOpening(berlin, at('2024-10-26T13:00:00Z'))).toEqual(at('2024-10-28T08:00:00Z'));
  });

  it('opens when the clock jumps past a start that falls in the spring-forward gap', () => {
    // 2024-03-31 Berlin: at 01:00Z the clock jumps from 02:00 to 03:00, so 02:30 never happens.
    const hours = parseBusinessHours('Europe/Berlin;sun 02:30-04:00');
    expect(isOpen(hours, at('2024-03-31T00:59:00Z'))).toBe(false); // 01:59 CET
    expect(isOpen(hours, at('2024-03-31T01:00:00Z'))).toBe(true); // 03:00 CEST
    expect(nextOpening(hours, at('2024-03-30T12:00:00Z'))).toEqual(at('2024-03-31T01:00:00Z'));
    // A range wholly inside the gap is skipped that week.
    const gap = parseBusinessHours('Europe/Berlin;sun 02:10-02:20');
    expect(nextOpening(gap, at('2024-03-30T12:00:00Z'))).toEqual(at('2024-04-07T00:10:00Z'));
  });

  it('opens twice for a range in the repeated fall-back hour', () => {
    // 2024-10-27 Berlin: 02:00-03:00 happens first in CEST (00:00-01:00Z), then again in CET (01:00-02:00Z).
    const hours = parseBusinessHours('Europe/Berlin;sun 02:10-02:20');
    expect(nextOpening(hours, at('2024-10-26T12:00:00Z'))).toEqual(at('2024-10-27T00:10:00Z'));
    expect(nextOpening(hours, at('2024-10-27T00:30:00Z'))).toEqual(at('2024-10-27T01:10:00Z'));
  });

  it('rounds up to the minute the desk opens and handles midnight-spanning ranges', () => {
    const late = parseBusinessHours('UTC;fri 22:00-02:00');
    expect(nextOpening(late, at('2024-01-20T02:00:30Z'))).toEqual(at('2024-01-26T22:00:00Z'));
    expect(nextOpening(late, at('2024-01-19T21:59:30Z'))).toEqual(at('2024-01-19T22:00:00Z'));
  });

  it('is undefined for hours that never open', () => {
    expect(nextOpening({ timeZone: 'UTC', days: {} }, at('2024-01-15T10:00:00Z'))).toBeUndefined();
  });

  // Oracle: walk minute by minute with isOpen. Slow, so few runs, over zones with DST changes.
  it('agrees with a minute-by-minute scan (property)', () => {
    const time = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    const day = fc.constantFrom('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun');
    const group = fc.tuple(day, time, time).filter(([, a, b]) => a !== b).map(([d, a, b]) => `${d} ${a}-${b}`);
    const spec = fc
      .tuple(fc.constantFrom('Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu'), fc.array(group, { minLength: 1, maxLength: 3 }))
      .map(([zone, groups]) => [zone, ...groups].join(';'));
    // Instants around the 2024 DST changes of those zones, at odd seconds.
    const instant = fc.constantFrom(Date.UTC(2024, 2, 8), Date.UTC(2024, 2, 28), Date.UTC(2024, 3, 5), Date.UTC(2024, 9, 25))
      .chain((base) => fc.integer({ min: 0, max: 3 * 86_400 }).map((s) => new Date(base + s * 1000 + 123)));
    fc.assert(
      fc.property(spec, instant, (s, now) => {
        const hours = parseBusinessHours(s);
        const found = nextOpening(hours, now);
        expect(found).toBeDefined();
        expect(isOpen(hours, found!)).toBe(true);
        let scan = isOpen(hours, now) ? now.getTime() : Math.ceil(now.getTime() / 60_000) * 60_000;
        while (!isOpen(hours, new Date(scan))) scan += 60_000;
        expect(found!.getTime()).toBe(scan);
      }),
      { numRuns: 25 },
    );
  });
});
