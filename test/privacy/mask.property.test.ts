import fc from 'fast-check';
import { DEFAULT_ORDER_ID_PATTERN, maskSensitive } from '../../src/privacy';
import { SEPARATORS, asSeen, cardLikeWindows, luhn } from './card-runs';
import { DATE_PATTERN } from '../../src/privacy/date';

const digit = fc.constantFrom(...'0123456789'.split(''));

/** A Luhn-valid number of 13–19 digits. */
const cardDigits = fc.integer({ min: 13, max: 19 }).chain((length) =>
  fc.array(digit, { minLength: length - 1, maxLength: length - 1 }).map((body) => {
    const prefix = body.join('');
    const check = '0123456789'.split('').find((d) => luhn(prefix + d))!;
    return prefix + check;
  }),
);

/** Digits split into groups at random places, each gap filled with one random separator. */
function formatted(digits: fc.Arbitrary<string>): fc.Arbitrary<{ digits: string; text: string }> {
  return digits.chain((d) =>
    fc
      .array(fc.option(fc.constantFrom(...SEPARATORS), { freq: 3 }), { minLength: d.length - 1, maxLength: d.length - 1 })
      .map((gaps) => ({ digits: d, text: [...d].map((ch, i) => ch + (i < gaps.length ? (gaps[i] ?? '') : '')).join('') })),
  );
}

const card = formatted(cardDigits);
const anyText = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: fc.constantFrom(...'0123456789 -.abc'.split('')) }));
const groupLengths = (text: string): number[] => text.split(/\D+/).filter(Boolean).map((g) => g.length);

describe('maskSensitive properties', () => {
  it('leaves no Luhn-valid 13–19 digit run in the output, whatever surrounds a card', () => {
    fc.assert(
      fc.property(anyText, card, anyText, (before, c, after) => {
        // Documented trade-off: digits right after a currency sign are an amount ("$1.50 0126…").
        fc.pre(!/[$€£¥₹]\s?$/.test(before));
        const out = maskSensitive(before + c.text + after).text;
        expect(cardLikeWindows(out)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('masks an embedded card to its last four digits', () => {
    fc.assert(
      fc.property(anyText, card, anyText, (before, c, after) => {
        // Digits right before or after (even across a gap) may make a longer card: the first property covers that.
        fc.pre(!/\d/.test(asSeen(before + after)) && !/[$€£¥₹]\s?$/.test(before));
        // Documented trade-off: an 8-digit group reads as an order id and is never part of a card.
        fc.pre(!groupLengths(c.text).includes(8));
        // Same trade-off for dates (src/privacy/date.ts): "8-01-2023 6621867 586" keeps its date, and what is left is no card.
        fc.pre(!DATE_PATTERN.test(c.text));
        const out = maskSensitive(`${before} ${c.text} ${after}`).text;
        expect(out).toContain(`[card ending ${c.digits.slice(-4)}]`);
        expect(out.replace(/\D/g, '')).not.toContain(c.digits);
      }),
      { numRuns: 1000 },
    );
  });

  const fragment = fc.oneof(
    anyText,
    card.map((c) => c.text),
    fc.constantFrom('cvv ', 'CVC: ', 'security code is ', 'the 3 digits on the back are ', ' is my cvv', 'DE89 3704 0044 0532 0130 00', 'GB82WEST12345698765432', 'ORD-', '48213977'),
    fc.stringMatching(/^\d{1,20}$/),
  );
  const mixedText = fc.array(fragment, { maxLength: 8 }).chain((parts) =>
    fc.array(fc.constantFrom('', ' ', '-', '.', ', '), { minLength: parts.length, maxLength: parts.length }).map((joins) =>
      parts.map((p, i) => p + joins[i]).join(''),
    ),
  );

  it('is idempotent', () => {
    fc.assert(
      fc.property(mixedText, (text) => {
        const once = maskSensitive(text);
        const twice = maskSensitive(once.text);
        expect(twice.text).toBe(once.text);
        expect(twice.found).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('reports spans inside the input, in order, not overlapping', () => {
    fc.assert(
      fc.property(mixedText, (text) => {
        const { found } = maskSensitive(text);
        let previousEnd = 0;
        for (const f of found) {
          expect(f.start).toBeGreaterThanOrEqual(previousEnd);
          expect(f.end).toBeGreaterThan(f.start);
          expect(f.end).toBeLessThanOrEqual(text.length);
          previousEnd = f.end;
        }
      }),
    );
  });

  it('leaves text without digits unchanged', () => {
    const noDigits = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })).filter((s) => !/\d/.test(s));
    fc.assert(
      fc.property(noDigits, (text) => {
        expect(maskSensitive(text)).toEqual({ text, found: [] });
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps order ids of the default pattern, even next to card numbers and other digits (unless the run they are in is a card)', () => {
    const orderId = fc.oneof(fc.stringMatching(/^\d{8}$/), fc.stringMatching(/^(ORD|ord)-\d{1,12}$/));
    const word = fc.string({ unit: fc.constantFrom(...'abcxyz!?'.split('')), minLength: 1, maxLength: 6 });
    const part = fc.oneof(orderId, word, card.map((c) => c.text), fc.stringMatching(/^\d{1,6}$/));
    const text = fc.array(part, { minLength: 1, maxLength: 8 }).chain((parts) =>
      fc.array(fc.constantFrom(' ', ', ', ' and '), { minLength: parts.length, maxLength: parts.length }).map((joins) =>
        parts.map((p, i) => p + joins[i]).join(''),
      ),
    );
    const orderIds = (s: string) => [...s.matchAll(new RegExp(DEFAULT_ORDER_ID_PATTERN.source, 'gi'))].map((m) => ({ id: m[0], start: m.index, end: m.index + m[0].length }));
    // Policy: privacy wins when an order id is one group of several that together form a
    // Luhn-valid 13–19 digit run ("41111111 11111111"); then it is masked with that card. Any
    // other order id is kept, in order.
    fc.assert(
      fc.property(text, (t) => {
        const { text: out, found } = maskSensitive(t);
        const inMultiGroupCard = (o: { start: number; end: number }) =>
          found.some((f) => f.kind === 'card' && f.start < o.end && o.start < f.end && /\D/.test(t.slice(f.start, f.end)));
        const kept = orderIds(t).filter((o) => !inMultiGroupCard(o)).map((o) => o.id);
        expect(orderIds(out).map((o) => o.id)).toEqual(kept);
        for (const f of found.filter((x) => x.kind === 'card')) expect(luhn(t.slice(f.start, f.end).replace(/\D/g, ''))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('leaves long digit runs that fail Luhn unchanged', () => {
    // The run as a whole fails Luhn too: a Luhn-valid run of several groups is a card even when
    // one group looks like an order id (privacy wins).
    const nonCard = formatted(fc.stringMatching(/^\d{13,19}$/)).filter((n) => cardLikeWindows(n.text).length === 0 && !luhn(n.digits));
    const words = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnop !?,'.split('')) });
    fc.assert(
      fc.property(words, nonCard, words, (before, n, after) => {
        const text = `${before} ${n.text} ${after}`;
        expect(maskSensitive(text)).toEqual({ text, found: [] });
      }),
      { numRuns: 1000 },
    );
  });
});
