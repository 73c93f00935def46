import fc from 'fast-check';
import { decodeClientFrame } from '../../src/protocol/customer';

describe('decodeClientFrame', () => {
  test('accepts every well-formed client frame', () => {
    expect(decodeClientFrame('{"type":"hello","token":"t","lastSeq":3,"locale":"en","context":{"orderId":"48213977"}}')).toEqual({
      ok: true,
      frame: { type: 'hello', token: 't', lastSeq: 3, locale: 'en', context: { orderId: '48213977' } },
    });
    expect(decodeClientFrame('{"type":"message","id":"m-1","text":"  hi  "}')).toEqual({ ok: true, frame: { type: 'message', id: 'm-1', text: 'hi' } });
    expect(decodeClientFrame('{"type":"choice","id":"c1","value":"intent:refund_status"}').ok).toBe(true);
    expect(decodeClientFrame('{"type":"typing"}').ok).toBe(true);
    expect(decodeClientFrame('{"type":"feedback","rating":5,"comment":"great"}').ok).toBe(true);
    expect(decodeClientFrame('{"type":"end"}').ok).toBe(true);
  });

  test.each([
    ['not json', '{oops', /not valid JSON/],
    ['array', '[1]', /JSON object/],
    ['no type', '{}', /no "type"/],
    ['unknown type', '{"type":"drop_tables"}', /unknown frame type/],
    ['empty text', '{"type":"message","id":"a","text":"   "}', /must not be empty/],
    ['bad id', '{"type":"message","id":"<script>","text":"x"}', /"id" must be/],
    ['negative lastSeq', '{"type":"hello","lastSeq":-1}', /lastSeq/],
    ['rating out of range', '{"type":"feedback","rating":9}', /rating/],
  ])('refuses %s with a clear message', (_name, raw, message) => {
    const r = decodeClientFrame(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  test('a control character such as NUL in message text is refused with INVALID_TEXT naming the message', () => {
    expect(decodeClientFrame(JSON.stringify({ type: 'message', id: 'n', text: 'a\u0000b' }))).toMatchObject({ ok: false, code: 'INVALID_TEXT', id: 'n' });
    expect(decodeClientFrame(JSON.stringify({ type: 'message', id: 'n', text: 'a\tb\r\nc' }))).toEqual({ ok: true, frame: { type: 'message', id: 'n', text: 'a\tb\r\nc' } });
  });

  test('too long text is MESSAGE_TOO_LONG and names the message id', () => {
    const r = decodeClientFrame(JSON.stringify({ type: 'message', id: 'm9', text: 'x'.repeat(11) }), { maxTextChars: 10, maxIdChars: 64 });
    expect(r).toMatchObject({ ok: false, code: 'MESSAGE_TOO_LONG', id: 'm9' });
  });

  test('never throws, whatever arrives (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify(v))), (raw) => {
        const r = decodeClientFrame(raw);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  test('a decoded message keeps its text exactly (trimmed) whenever it has no refused character (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 300, unit: 'binary' }), (text) => {
        const r = decodeClientFrame(JSON.stringify({ type: 'message', id: 'p1', text }));
        if (r.ok === false && r.code === 'INVALID_TEXT') return;
        if (text.trim() === '') expect(r.ok).toBe(false);
        else expect(r).toEqual({ ok: true, frame: { type: 'message', id: 'p1', text: text.trim() } });
      }),
    );
  });
});
