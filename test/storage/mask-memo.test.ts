/**
 * The masking gate remembers what it made of short texts (issue 14): the answer must always be
 * exactly what masking again returns, whatever mix of texts, repeats and evictions came before.
 */
import fc from 'fast-check';
import { maskSensitive } from '../../src/privacy';
import { rememberMasks } from '../../src/storage/mask-memo';
import { withMasking } from '../../src/storage/masked';
import { createSqliteStorage } from '../../src/storage/sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const mask = (t: string): string => maskSensitive(t).text;

/** Texts that mask (cards, CVV phrases, IBANs), texts that do not, and repeats of both. */
const text = fc.oneof(
  fc.constantFrom('card 4111 1111 1111 1111', 'cvv 123', 'DE89 3704 0044 0532 0130 00', 'Acme Pay', 'order ORD-1234', '4111-1111-1111-1111'),
  fc.string({ maxLength: 40 }),
  fc.stringMatching(/^[0-9 -]{10,30}$/),
);

describe('rememberMasks', () => {
  it('returns what the mask returns, through repeats and evictions', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 60 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 30 }), (texts, entries, maxChars) => {
        const remembered = rememberMasks(mask, entries, maxChars);
        for (const t of [...texts, ...texts]) expect(remembered(t)).toBe(mask(t));
      }),
    );
  });

  it('masks a short text once while it is remembered, and a long one every time', () => {
    const calls: string[] = [];
    const remembered = rememberMasks((t) => (calls.push(t), mask(t)), 10, 30);
    const card = 'card 4111 1111 1111 1111';
    const long = `my card is 4111 1111 1111 1111 ${'and more words '.repeat(3)}`;
    for (let i = 0; i < 3; i++) {
      expect(remembered(card)).toBe('card [card ending 1111]');
      expect(remembered(long)).not.toContain('4111');
    }
    expect(calls.filter((t) => t === card)).toHaveLength(1);
    expect(calls.filter((t) => t === long)).toHaveLength(3);
  });

  it('forgets the oldest texts past two generations', () => {
    const calls: string[] = [];
    const remembered = rememberMasks((t) => (calls.push(t), t), 2);
    for (const t of ['a', 'b', 'c', 'd', 'e', 'a']) remembered(t);
    expect(calls).toEqual(['a', 'b', 'c', 'd', 'e', 'a']);
  });
});

describe('the masking gate with remembered masks', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'mask-memo-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores a snapshot string masked on every turn, not only the first', async () => {
    const storage = withMasking(createSqliteStorage({ file: path.join(dir, 'db.sqlite') }), mask);
    try {
      const conv = await storage.createConversation({ id: 'c1', tokenHash: 'h1', state: 'bot', snapshot: { note: 'card 4111 1111 1111 1111' }, context: {} });
      let version = conv.version;
      for (let seq = 1; seq <= 3; seq++) {
        const r = await storage.commitTurn({
          conversationId: 'c1',
          expectedVersion: version,
          messages: [{ id: `m${seq}`, from: 'customer', text: 'card 4111 1111 1111 1111' }],
          snapshot: { note: 'card 4111 1111 1111 1111' },
        });
        version = r.version;
        expect(r.messages[0]!.text).toBe('card [card ending 1111]');
        expect(JSON.stringify((await storage.getConversation('c1'))!.snapshot)).not.toContain('4111');
      }
    } finally {
      await storage.close();
    }
  });
});
