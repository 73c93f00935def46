import { DEFAULT_ORDER_ID_PATTERN as NLU_ORDER_ID_PATTERN } from '../../src/nlu/entities';
import {
  DEFAULT_ORDER_ID_PATTERN,
  containsCardNumber,
  findCardNumbers,
  ibanValid,
  luhnValid,
  maskSensitive,
} from '../../src/privacy';

describe('luhnValid', () => {
  it.each(['4111111111111111', '378282246310005', '5555555555554444', '6011111111111117', '79927398713'])('accepts %s', (n) => {
    expect(luhnValid(n)).toBe(true);
  });
  it.each(['4111111111111112', '79927398710', '', '4111 1111 1111 1111', '41111111111111a1'])('rejects %j', (n) => {
    expect(luhnValid(n)).toBe(false);
  });
});

describe('maskSensitive: card numbers', () => {
  it.each([
    ['4111 1111 1111 1111', 'my card is [card ending 1111] thanks'],
    ['4111-1111-1111-1111', 'my card is [card ending 1111] thanks'],
    ['4111.1111.1111.1111', 'my card is [card ending 1111] thanks'],
    ['4111111111111111', 'my card is [card ending 1111] thanks'],
    ['3782 822463 10005', 'my card is [card ending 0005] thanks'],
    ['5555\u00a05555\u00a05555\u00a04444', 'my card is [card ending 4444] thanks'],
    ['4222222222222', 'my card is [card ending 2222] thanks'],
  ])('masks %j keeping only the last four digits', (card, expected) => {
    const text = `my card is ${card} thanks`;
    expect(maskSensitive(text)).toEqual({ text: expected, found: [{ kind: 'card', start: 11, end: 11 + card.length }] });
  });

  it('leaves digit runs that fail Luhn alone', () => {
    const text = 'reference 4111 1111 1111 1112 and 1234567890123';
    expect(maskSensitive(text)).toEqual({ text, found: [] });
  });

  it('leaves order ids alone and does not glue them to a card typed next to them', () => {
    expect(maskSensitive('order 48213977 4111 1111 1111 1111').text).toBe('order 48213977 [card ending 1111]');
    expect(maskSensitive('ORD-4111111111111111').text).toBe('ORD-4111111111111111');
    expect(maskSensitive('orders 48213977 and ORD-1234 arrived').found).toEqual([]);
  });

  it('accepts a custom order id pattern', () => {
    // 4111111111111111 is Luhn-valid; declared an order id here, it must survive.
    const pattern = /\bA-\d{16}\b/;
    expect(maskSensitive('A-4111111111111111', { orderIdPattern: pattern }).text).toBe('A-4111111111111111');
    expect(maskSensitive('A-4111111111111111').text).toBe('A-[card ending 1111]');
  });

  it('masks a card typed as two 8-digit halves: privacy wins over the order-id look of each half', () => {
    expect(maskSensitive('41111111 11111111').text).toBe('[card ending 1111]');
    expect(maskSensitive('card 41111111-11111111 thanks').text).toBe('card [card ending 1111] thanks');
    // Two order ids whose digits together fail Luhn stay as they are.
    expect(maskSensitive('48213977 48213978').text).toBe('48213977 48213978');
  });

  it('masks several cards and reports them in order', () => {
    const { text, found } = maskSensitive('old 5555555555554444, new 4111 1111 1111 1111');
    expect(text).toBe('old [card ending 4444], new [card ending 1111]');
    expect(found.map((f) => f.kind)).toEqual(['card', 'card']);
  });

  it('masks the whole digit run when a card is glued to further digits that keep it valid', () => {
    // Privacy first: no Luhn-valid 13-19 digit window may survive, even with extra groups around.
    const out = maskSensitive('12 4111 1111 1111 1111').text;
    expect(out.replace(/\[card ending \d{4}\]/g, '').replace(/\D/g, '').length).toBeLessThan(13);
  });
});

describe('containsCardNumber', () => {
  it('says whether a card number would be masked', () => {
    expect(containsCardNumber('pay with 4111.1111.1111.1111')).toBe(true);
    expect(containsCardNumber('order 48213977, €49.99 on 12/03/2026')).toBe(false);
    expect(containsCardNumber('4111 1111 1111 1112')).toBe(false);
  });
});

describe('findCardNumbers', () => {
  it('returns offsets, digits and last four', () => {
    expect(findCardNumbers('card 4111-1111-1111-1111 pls')).toEqual([
      { start: 5, end: 24, digits: '4111111111111111', last4: '1111' },
    ]);
  });
});

describe('maskSensitive: security codes', () => {
  it.each([
    ['cvv 123', 'cvv [hidden]'],
    ['CVC: 1234', 'CVC: [hidden]'],
    ['the security code is 123', 'the security code is [hidden]'],
    ['the 3 digits on the back are 456', 'the 3 digits on the back are [hidden]'],
    ['the numbers on the back of my card: 789', 'the numbers on the back of my card: [hidden]'],
    ['my CVV2 number is 321.', 'my CVV2 number is [hidden].'],
    ['cvv123', 'cvv[hidden]'],
    ['123 is my cvv', '[hidden] is my cvv'],
  ])('%j → %j', (input, expected) => {
    expect(maskSensitive(input).text).toBe(expected);
  });

  it('masks card and code together', () => {
    expect(maskSensitive('card 4111 1111 1111 1111, cvv 123')).toEqual({
      text: 'card [card ending 1111], cvv [hidden]',
      found: [
        { kind: 'card', start: 5, end: 24 },
        { kind: 'cvv', start: 30, end: 33 },
      ],
    });
  });

  it('leaves ordinary numbers and order ids alone', () => {
    for (const text of ['I paid 123 euros', 'I have 3 digits left', 'ORD-123 is my cvv? no', 'cvv 12345678']) {
      expect(maskSensitive(text).found.filter((f) => f.kind === 'cvv')).toEqual([]);
    }
  });
});

describe('maskSensitive: IBANs', () => {
  it.each([
    ['DE89 3704 0044 0532 0130 00', '[IBAN ending 3000]'],
    ['DE89370400440532013000', '[IBAN ending 3000]'],
    ['gb82 west 1234 5698 7654 32', '[IBAN ending 5432]'],
    ['NL91ABNA0417164300', '[IBAN ending 4300]'],
    ['BE68 5390 0754 7034', '[IBAN ending 7034]'],
  ])('masks %j to its last four characters', (iban, mask) => {
    expect(maskSensitive(`send it to ${iban}.`)).toEqual({
      text: `send it to ${mask}.`,
      found: [{ kind: 'iban', start: 11, end: 11 + iban.length }],
    });
  });

  it('leaves IBAN-shaped text with a wrong check sum or length alone', () => {
    for (const text of ['DE88 3704 0044 0532 0130 00', 'DE89 3704 0044 0532 0130 0', 'XX89 3704 0044 0532 0130 00']) {
      expect(maskSensitive(text).found.filter((f) => f.kind === 'iban')).toEqual([]);
    }
  });

  it('validates with mod 97', () => {
    expect(ibanValid('DE89 3704 0044 0532 0130 00')).toBe(true);
    expect(ibanValid('DE89 3704 0044 0532 0130 01')).toBe(false);
  });
});

describe('default order id pattern', () => {
  it('is the same in privacy and nlu (they may not import each other)', () => {
    expect(DEFAULT_ORDER_ID_PATTERN.source).toBe(NLU_ORDER_ID_PATTERN.source);
    expect(DEFAULT_ORDER_ID_PATTERN.flags).toBe(NLU_ORDER_ID_PATTERN.flags);
  });
});

it('handles a long hostile message: masks what is a card and is idempotent', () => {
  const text = '1 '.repeat(20000) + 'cvv '.repeat(5000) + 'DE89 '.repeat(5000);
  const once = maskSensitive(text);
  // Groups of single digits do not look like a card as typed, but a 13-19 digit Luhn-valid
  // stretch of them is still one; whatever was masked, masking again changes nothing.
  expect(maskSensitive(once.text).text).toBe(once.text);
  expect(once.text.endsWith('DE89 '.repeat(5000))).toBe(true);
});
