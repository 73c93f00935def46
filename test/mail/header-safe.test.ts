import fc from 'fast-check';
import { headerText, isPlainAddress } from '../../src/mail/header-safe';

describe('mail header hygiene', () => {
  test('header text never holds a line break or control character, whatever comes in', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (raw) => {
        const out = headerText(raw);
        // eslint-disable-next-line no-control-regex
        expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
        expect(out.length).toBeLessThanOrEqual(200);
      }),
    );
    expect(headerText('PayLater\r\nBcc: evil@x.example')).toBe('PayLater Bcc: evil@x.example');
  });

  test('a recipient is one plain address: no lists, names, line breaks or spaces', () => {
    for (const ok of ['jane@example.com', 'j.doe+chat@mail.example.co.uk']) expect(isPlainAddress(ok)).toBe(true);
    for (const bad of ['jane@example.com\r\nBcc: evil@x.example', 'jane@example.com, evil@x.example', 'Jane <jane@example.com>', 'jane @example.com', 'jane@', 'jane@localhost', '', 42, undefined, `${'a'.repeat(250)}@example.com`]) {
      expect(isPlainAddress(bad)).toBe(false);
    }
  });
});
