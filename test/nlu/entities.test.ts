import { extractEntities, parseAmountNumber, type ExtractEntitiesOptions } from '../../src/nlu/entities';

// Thursday 12 March 2026.
const now = new Date('2026-03-12T10:00:00Z');
const extract = (text: string, opts: ExtractEntitiesOptions = {}) => extractEntities(text, { now, ...opts });
const only = (type: string, text: string, opts: ExtractEntitiesOptions = {}) =>
  extract(text, opts)
    .filter((e) => e.type === type)
    .map((e) => [e.value, e.text]);

describe('order_id', () => {
  it.each([
    ['order 48213977 never arrived', '48213977', '48213977'],
    ['order #48213977', '48213977', '48213977'],
    ['my order number is ORD-77812.', 'ORD-77812', 'ORD-77812'],
    ['about ord-123456', 'ORD-123456', 'ord-123456'],
  ])('%j → %s', (text, value, written) => {
    expect(only('order_id', text)).toEqual([[value, written]]);
  });

  it('ignores numbers of other lengths and card-length runs', () => {
    expect(only('order_id', 'ref 1234567, 123456789 and 4111111111111111')).toEqual([]);
  });

  it('uses a custom pattern', () => {
    expect(only('order_id', 'order a1234567890 and 48213977', { orderIdPattern: /\bA\d{10}\b/i })).toEqual([['A1234567890', 'a1234567890']]);
  });

  it('is preferred over an amount on the same digits, but a price stays a price', () => {
    expect(extract('48213977 EUR').map((e) => e.type)).toEqual(['order_id']);
    expect(only('amount', 'it cost €48213977.50')).toEqual([['{"amount":48213977.5,"currency":"EUR"}', '€48213977.50']]);
    expect(only('order_id', 'it cost €48213977.50')).toEqual([]);
  });
});

describe('case_id', () => {
  it.each([
    ['case CS-7K3M9Q please', 'CS-7K3M9Q', 'CS-7K3M9Q'],
    ['my case cs-7k3m9q', 'CS-7K3M9Q', 'cs-7k3m9q'],
    ['status of CS 7K3M9Q?', 'CS-7K3M9Q', 'CS 7K3M9Q'],
    ['CS7K3M9Q', 'CS-7K3M9Q', 'CS7K3M9Q'],
    ['CS-ABCDEF', 'CS-ABCDEF', 'CS-ABCDEF'],
  ])('%j → %s', (text, value, written) => {
    expect(only('case_id', text)).toEqual([[value, written]]);
  });

  it.each(['CS-7K3M0Q', 'CS-7K3M1Q', 'CS-IKOMQQ', 'CS-7K3M9QX', 'cs refund', 'XCS-7K3M9Q'])('rejects %j', (text) => {
    expect(only('case_id', text)).toEqual([]);
  });

  it('wins over anything else on the same text', () => {
    expect(extract('I got a refund from CS-7K3M9Q').map((e) => e.type)).toEqual(['case_id']);
  });
});

describe('amount', () => {
  const amount = (n: number, currency: string) => JSON.stringify({ amount: n, currency });
  it.each([
    ['€49.99', amount(49.99, 'EUR')],
    ['€ 49.99', amount(49.99, 'EUR')],
    ['49,99 EUR', amount(49.99, 'EUR')],
    ['49.99€', amount(49.99, 'EUR')],
    ['EUR 12', amount(12, 'EUR')],
    ['$120', amount(120, 'USD')],
    ['120 dollars', amount(120, 'USD')],
    ['20 bucks', amount(20, 'USD')],
    ['£15', amount(15, 'GBP')],
    ['15 quid', amount(15, 'GBP')],
    ['3 euros', amount(3, 'EUR')],
    ['1.234,56 €', amount(1234.56, 'EUR')],
    ['$1,234.56', amount(1234.56, 'USD')],
    ['CHF 80', amount(80, 'CHF')],
  ])('%j → %s', (written, value) => {
    expect(only('amount', `I was charged ${written} twice`)).toEqual([[value, written]]);
  });

  it('needs a currency', () => {
    expect(only('amount', 'I bought 3 items for 49.99')).toEqual([]);
  });

  it('reads either decimal mark', () => {
    expect(parseAmountNumber('1,234')).toBe(1234);
    expect(parseAmountNumber('1.234')).toBe(1234);
    expect(parseAmountNumber('12,5')).toBe(12.5);
    expect(parseAmountNumber('1.2.3')).toBeUndefined();
    expect(parseAmountNumber('4.5678')).toBeUndefined();
  });
});

describe('date', () => {
  it.each([
    ['12/03', '2026-03-12'],
    ['12/03/2026', '2026-03-12'],
    ['12.03.2026', '2026-03-12'],
    ['12/03/26', '2026-03-12'],
    ['2026-03-12', '2026-03-12'],
    ['today', '2026-03-12'],
    ['yesterday', '2026-03-11'],
    ['the day before yesterday', '2026-03-10'],
    ['tomorrow', '2026-03-13'],
    ['last Tuesday', '2026-03-10'],
    ['last Thursday', '2026-03-05'],
    ['Monday', '2026-03-09'],
    ['next Monday', '2026-03-16'],
    ['two weeks ago', '2026-02-26'],
    ['3 days ago', '2026-03-09'],
    ['a month ago', '2026-02-12'],
    ['a couple of days ago', '2026-03-10'],
    ['in 3 days', '2026-03-15'],
    ['March 3rd', '2026-03-03'],
    ['3 March', '2026-03-03'],
    ['3rd of March', '2026-03-03'],
    ['Mar. 3', '2026-03-03'],
    ['March 3, 2025', '2025-03-03'],
    ['20/12', '2025-12-20'],
    ['20/04', '2026-04-20'],
  ])('%j → %s', (written, value) => {
    expect(only('date', `I paid on ${written} I think`)).toEqual([[value, written]]);
  });

  it('reads numeric dates month first when asked', () => {
    expect(only('date', 'on 03/12', { monthFirst: true })).toEqual([['2026-03-12', '03/12']]);
    expect(only('date', 'on 03/12/2026', { monthFirst: true })).toEqual([['2026-03-12', '03/12/2026']]);
  });

  it('resolves against the UTC date of now', () => {
    expect(only('date', 'yesterday', { now: new Date('2026-01-01T00:30:00Z') })).toEqual([['2025-12-31', 'yesterday']]);
  });

  it('skips impossible dates and things that only look like dates', () => {
    expect(only('date', 'on 31/02, 2026-13-01, 29/02/2026, open 24/7, 12.03 EUR')).toEqual([]);
  });

  it('rejects an invalid now', () => {
    expect(() => extractEntities('today', { now: new Date('nope') })).toThrow(RangeError);
  });
});

describe('email', () => {
  it('finds addresses, lower-cased, without trailing punctuation', () => {
    expect(only('email', 'write to Jane.Doe+bnpl@Example.co.uk.')).toEqual([['jane.doe+bnpl@example.co.uk', 'Jane.Doe+bnpl@Example.co.uk']]);
    expect(only('email', 'not an address: a@b, @example.com')).toEqual([]);
  });

  it('wins over a merchant inside it', () => {
    expect(extract('orders@zalando.com', { merchants: ['Zalando'] }).map((e) => e.type)).toEqual(['email']);
  });
});

describe('merchant', () => {
  const merchants = ['Zalando', 'H&M', 'Apple', 'Apple Store'];

  it('finds known names case-insensitively as whole words, spelled as in the list', () => {
    expect(only('merchant', 'a ZALANDO order and one from h&m', { merchants })).toEqual([
      ['Zalando', 'ZALANDO'],
      ['H&M', 'h&m'],
    ]);
    expect(only('merchant', 'Zalandos and pineapple', { merchants })).toEqual([]);
    expect(only('merchant', 'the apple store charged me', { merchants })).toEqual([['Apple Store', 'apple store']]);
  });

  it.each([
    ['I bought shoes from Urban Outfitters last week', 'Urban Outfitters'],
    ['I ordered from Marks & Spencer yesterday', 'Marks & Spencer'],
    ['I paid at Bookshop.', 'Bookshop'],
    ['the seller BestBuy never answered', 'BestBuy'],
    ["I returned it to the shop TechWorld's branch", 'TechWorld'],
  ])('finds the name in %j', (text, value) => {
    expect(only('merchant', text)).toEqual([[value, value]]);
  });

  it('ignores "from"/"at" phrases that are not about a purchase, and non-names', () => {
    expect(only('merchant', "I'm from Germany. Call me at Home")).toEqual([]);
    expect(only('merchant', 'I paid from Monday to Friday')).toEqual([]);
    expect(only('merchant', 'I bought it from the website')).toEqual([]);
  });
});

it('returns entities in order, with exact spans', () => {
  const text = 'Order #48213977 from Zalando: charged €49.99 on 12/03, case CS-7K3M9Q, mail me at jo@x.io';
  const entities = extract(text, { merchants: ['Zalando'] });
  expect(entities.map((e) => e.type)).toEqual(['order_id', 'merchant', 'amount', 'date', 'case_id', 'email']);
  for (const e of entities) expect(text.slice(e.start, e.end)).toBe(e.text);
});
