import fc from 'fast-check';
import { parseCsv, parseCsvRows, parseJsonl, DatasetFormatError } from '../../src/nlu/dataset-file';

describe('CSV', () => {
  it('handles quoted commas, doubled quotes, CRLF, a BOM, line breaks in quotes and blank lines', () => {
    const csv = '\ufefftext,category\r\n"Hi, my card ""broke""",card_broken\r\n\r\nplain text,x\n"two\nlines",y';
    expect(parseCsv(csv)).toEqual([
      { text: 'Hi, my card "broke"', intent: 'card_broken' },
      { text: 'plain text', intent: 'x' },
      { text: 'two\nlines', intent: 'y' },
    ]);
  });
  it('takes columns by name when the header names an intent column', () => {
    expect(parseCsv('text,category,intent\n"a, b",billing,payment_failed\n')).toEqual([
      { text: 'a, b', intent: 'payment_failed', category: 'billing' },
    ]);
  });
  it('rejects rows without an intent and unterminated quotes', () => {
    expect(() => parseCsv('text,intent\nonly text\n', 'f.csv')).toThrow(/f.csv: row 2/);
    expect(() => parseCsvRows('a,"b\n')).toThrow(DatasetFormatError);
  });
  it('round-trips any fields written with RFC 4180 quoting', () => {
    const field = fc.string({ minLength: 1 });
    fc.assert(
      fc.property(fc.array(fc.tuple(field, field), { minLength: 1, maxLength: 5 }), (rows) => {
        const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
        const text = rows.map(([a, b]) => `${q(a)},${q(b)}`).join('\r\n');
        expect(parseCsvRows(text)).toEqual(rows);
      }),
    );
  });
});

describe('JSONL', () => {
  it('reads text, intent and optional category, skipping blank lines', () => {
    expect(parseJsonl('{"text":"a","intent":"x"}\n\n{"text":"b","intent":"y","category":"refund"}\n')).toEqual([
      { text: 'a', intent: 'x' },
      { text: 'b', intent: 'y', category: 'refund' },
    ]);
  });
  it('names the bad line', () => {
    expect(() => parseJsonl('{"text":"a","intent":"x"}\n{"text":1}', 'd.jsonl')).toThrow(/d.jsonl: line 2/);
  });
});
