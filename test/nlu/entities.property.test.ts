import fc from 'fast-check';
import { extractEntities } from '../../src/nlu/entities';

const tokens = fc.constantFrom(
  'order', '#', 'ORD-', '48213977', 'CS-', '7K3M9Q', 'cs', '€', '$', '£', 'EUR', 'euros', 'quid', '49,99', '1.234,56', '120',
  '12/03', '/2026', '2026-03-12', '31/02', 'today', 'yesterday', 'last', 'Tuesday', 'two', 'weeks', 'ago', 'in', 'days',
  'March', '3rd', 'of', 'May', '@', 'jo@x.io', '.com', 'from', 'at', 'the seller', 'Zalando', 'Marks', '&', 'Spencer',
  'bought', 'paid', '.', ',', ' ', '  ', '\n', '-',
);
const soup = fc.array(fc.oneof(tokens, fc.string({ maxLength: 4 })), { maxLength: 25 }).chain((parts) =>
  fc.array(fc.constantFrom('', ' ', ' '), { minLength: parts.length, maxLength: parts.length }).map((joins) => parts.map((p, i) => p + joins[i]).join('')),
);
const anyText = fc.oneof(soup, fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));
const anyNow = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true });
const options = fc.record({ now: anyNow, monthFirst: fc.boolean(), merchants: fc.constantFrom([], ['Zalando'], ['H&M', 'a.b', '(x)', '']) });

describe('extractEntities properties', () => {
  it('never throws; spans lie inside the text, match it, are ordered and do not overlap', () => {
    fc.assert(
      fc.property(anyText, options, (text, opts) => {
        const entities = extractEntities(text, opts);
        let previousEnd = 0;
        for (const e of entities) {
          expect(e.start).toBeGreaterThanOrEqual(previousEnd);
          expect(e.end).toBeGreaterThan(e.start);
          expect(e.end).toBeLessThanOrEqual(text.length);
          expect(text.slice(e.start, e.end)).toBe(e.text);
          previousEnd = e.end;
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('produces well-formed values', () => {
    fc.assert(
      fc.property(soup, options, (text, opts) => {
        for (const e of extractEntities(text, opts)) {
          switch (e.type) {
            case 'date':
              expect(e.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
              expect(new Date(`${e.value}T00:00:00Z`).toISOString().slice(0, 10)).toBe(e.value);
              break;
            case 'amount': {
              const parsed = JSON.parse(e.value) as { amount: number; currency: string };
              expect(Number.isFinite(parsed.amount)).toBe(true);
              expect(parsed.currency).toMatch(/^[A-Z]{3}$/);
              break;
            }
            case 'case_id':
              expect(e.value).toMatch(/^CS-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{6}$/);
              break;
            case 'order_id':
            case 'email':
              expect(e.value).toBe(e.type === 'email' ? e.text.toLowerCase() : e.text.toUpperCase());
              break;
            case 'merchant':
              expect(e.value.trim()).not.toBe('');
              break;
            default:
              throw new Error(`unexpected entity type ${e.type}`);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  // Work per message stays linear: the buying-word look-back is bounded (see entities-merchant),
  // so a long run of "from A" is handled like a short one. Speed itself is not asserted here.
  it('handles long hostile input: valid spans, and merchant phrases only with a buying word nearby', () => {
    const text = 'a'.repeat(20000) + '@' + 'b.'.repeat(5000) + ' 1,'.repeat(5000) + 'from A '.repeat(3000) + '1/'.repeat(5000);
    const entities = extractEntities(text, { now: new Date('2026-03-12T10:00:00Z') });
    for (const e of entities) expect(text.slice(e.start, e.end)).toBe(e.text);
    expect(entities.filter((e) => e.type === 'merchant')).toEqual([]);
    const bought = extractEntities('x '.repeat(300) + 'I bought shoes from Zalando', { now: new Date('2026-03-12T10:00:00Z') });
    expect(bought.filter((e) => e.type === 'merchant').map((e) => e.value)).toEqual(['Zalando']);
  });
});
