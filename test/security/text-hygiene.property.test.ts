/**
 * Issue 13, defect 8: NUL, other control characters and unpaired surrogates in any string a client
 * sends are refused at the decoder with INVALID_TEXT (not stored, not an INTERNAL error), in every
 * field of every customer and agent frame. Property-tested against an oracle written separately
 * from the decoder's regular expression.
 */
import fc from 'fast-check';
import { decodeClientFrame } from '../../src/protocol/customer';
import { decodeAgentFrame } from '../../src/http/ws/agent-frames';
import { findInvalidText, withoutInvalidText } from '../../src/protocol/text';
import { serializeLogError } from '../../src/privacy/log-redaction';

/** The oracle: walks UTF-16 code units by hand. */
function oracleInvalid(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return true;
    if (c >= 0x7f && c <= 0x9f) return true;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++; // a pair: one character
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

/** Code units a hostile client might mix into text: ordinary letters, controls, both surrogate halves, pairs. */
const unit = fc.oneof(
  fc.constantFrom('a', 'Z', ' ', '4', 'é', '€', '\t', '\n', '\r'),
  fc.integer({ min: 0, max: 0x9f }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('😀', '\ud83d\ude00', '\u200b'),
);
const hostile = fc.array(unit, { minLength: 1, maxLength: 40 }).map((u) => u.join(''));
/** A string that certainly holds a refused character somewhere. */
const poisoned = fc
  .tuple(fc.string({ maxLength: 10 }), fc.constantFrom('\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\ud800', '\udfff'), fc.string({ maxLength: 10 }))
  .map(([a, bad, b]) => a + bad + b);

/** Every string field of every customer frame, with a valid frame around it. */
const CUSTOMER_FIELDS: Array<[string, (s: string) => Record<string, unknown>]> = [
  ['message text', (s) => ({ type: 'message', id: 'm1', text: `x${s}` })],
  ['choice value', (s) => ({ type: 'choice', id: 'c1', value: `x${s}` })],
  ['hello token', (s) => ({ type: 'hello', token: s })],
  ['hello locale', (s) => ({ type: 'hello', locale: s })],
  ['hello context.pageUrl', (s) => ({ type: 'hello', context: { pageUrl: s } })],
  ['hello context.orderId', (s) => ({ type: 'hello', context: { orderId: s } })],
  ['feedback comment', (s) => ({ type: 'feedback', rating: 4, comment: s })],
  ['an unknown extra field', (s) => ({ type: 'typing', extra: [s] })],
];
const AGENT_FIELDS: Array<[string, (s: string) => Record<string, unknown>]> = [
  ['message text', (s) => ({ type: 'message', conversationId: 'c1', id: 'a1', text: `x${s}` })],
  ['note text', (s) => ({ type: 'note', conversationId: 'c1', text: `x${s}` })],
  ['close resolution', (s) => ({ type: 'close', conversationId: 'c1', resolution: s })],
  ['a key', (s) => ({ type: 'presence', status: 'online', [s]: 1 })],
];

describe('text hygiene at the decoders', () => {
  it('findInvalidText agrees with the hand-written oracle on any UTF-16 string (property)', () => {
    fc.assert(
      fc.property(fc.oneof(hostile, fc.string({ unit: 'binary', maxLength: 30 })), (s) => {
        expect(findInvalidText(s) !== undefined).toBe(oracleInvalid(s));
      }),
      { numRuns: 3000 },
    );
  });

  it.each(CUSTOMER_FIELDS)('customer %s: a refused character anywhere is INVALID_TEXT, never stored or INTERNAL (property)', (_name, frame) => {
    fc.assert(
      fc.property(poisoned, (s) => {
        const r = decodeClientFrame(JSON.stringify(frame(s)));
        expect(r).toMatchObject({ ok: false, code: 'INVALID_TEXT' });
        const id = frame(s).id;
        if (!r.ok && id) expect(r.id).toBe(id);
      }),
      { numRuns: 300 },
    );
  });

  it.each(AGENT_FIELDS)('agent %s: a refused character anywhere is INVALID_TEXT (property)', (_name, frame) => {
    fc.assert(
      fc.property(poisoned, (s) => {
        expect(decodeAgentFrame(JSON.stringify(frame(s)), 2000)).toMatchObject({ ok: false, code: 'INVALID_TEXT' });
      }),
      { numRuns: 300 },
    );
  });

  it('clean text of any script, emoji included, is never refused as INVALID_TEXT (property)', () => {
    fc.assert(
      fc.property(fc.oneof(hostile, fc.string({ unit: 'grapheme', maxLength: 50 })).filter((s) => !oracleInvalid(s)), (s) => {
        for (const [, frame] of CUSTOMER_FIELDS) {
          const r = decodeClientFrame(JSON.stringify(frame(s)));
          if (!r.ok) expect(r.code).not.toBe('INVALID_TEXT');
        }
        for (const [, frame] of AGENT_FIELDS) {
          const r = decodeAgentFrame(JSON.stringify(frame(s)), 2000);
          if (!r.ok) expect(r.code).not.toBe('INVALID_TEXT');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a frame whose JSON escapes a lone surrogate (as a hostile client writes it) is refused too', () => {
    expect(decodeClientFrame('{"type":"choice","id":"c9","value":"refund\\ud800"}')).toMatchObject({ ok: false, code: 'INVALID_TEXT', id: 'c9' });
    expect(decodeClientFrame('{"type":"hello","context":{"pageUrl":"https://shop/\\u0000"}}')).toMatchObject({ ok: false, code: 'INVALID_TEXT' });
  });
});

describe('error log serializer (property)', () => {
  const cards = ['4111111111111111', '5500005555555559', '378282246310005', '6011111111111117'];
  const sep = fc.constantFrom(' ', '-', '  ', '', '.');

  it('an error message or cause quoting a card number, however grouped, or an email never logs them', () => {
    fc.assert(
      fc.property(fc.constantFrom(...cards), sep, fc.string({ maxLength: 20 }).map((s) => s.replace(/\d/g, '')), fc.boolean(), (card, s, words, quoted) => {
        const grouped = card.match(/.{1,4}/g)!.join(s);
        const said = quoted ? `"${words} ${grouped}"` : `${words} ${grouped}`;
        const err = new Error(`failed on ${said} from jane@example.org`, { cause: new Error(`where: ${said}`) });
        Object.assign(err, { detail: said, where: said, code: '22P05' });
        const logged = JSON.stringify(serializeLogError(err));
        expect(logged.replace(/\D/g, '')).not.toContain(card);
        expect(logged).not.toContain('jane@example.org');
        expect(logged).toContain('22P05');
      }),
      { numRuns: 500 },
    );
  });
});

describe('the widget cleans what it sends', () => {
  test('withoutInvalidText leaves nothing the decoder refuses, and never touches a clean string', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const cleaned = withoutInvalidText(s);
        expect(oracleInvalid(cleaned)).toBe(false);
        if (!oracleInvalid(s)) expect(cleaned).toBe(s);
        // a message the widget sends after cleaning is accepted by the server's decoder
        const decoded = decodeClientFrame(JSON.stringify({ type: 'message', id: 'm1', text: cleaned.trim() || 'x' }));
        expect(decoded.ok || (decoded as { code: string }).code !== 'INVALID_TEXT').toBe(true);
      }),
    );
  });
});
