import fc from 'fast-check';
import { contrastRatio, parseHex, textOn, textSafeOnWhite } from '../../src/web/widget/contrast';

const WHITE = [255, 255, 255] as const;

describe('brand colour contrast', () => {
  test('contrast ratios match WCAG reference values', () => {
    expect(contrastRatio([0, 0, 0], WHITE)).toBeCloseTo(21, 5);
    expect(contrastRatio(WHITE, WHITE)).toBe(1);
    // #767676 is the classic lightest grey that passes 4.5:1 on white; #777777 fails.
    expect(contrastRatio(parseHex('#767676')!, WHITE)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(parseHex('#777777')!, WHITE)).toBeLessThan(4.5);
  });

  test('a dark enough brand colour is kept as it is', () => {
    expect(textSafeOnWhite('#5a31f4')).toBe('#5a31f4');
    expect(textSafeOnWhite('#0B57A4')).toBe('#0b57a4');
  });

  test('a light brand colour is darkened to 4.5:1, no darker than needed, keeping its hue', () => {
    const safe = textSafeOnWhite('#ffcc00')!;
    const ratio = contrastRatio(parseHex(safe)!, WHITE);
    expect(ratio).toBeGreaterThanOrEqual(4.5);
    expect(ratio).toBeLessThan(4.7);
    const [r, g, b] = parseHex(safe)!;
    expect(b).toBe(0);
    expect(g / r).toBeCloseTo(0xcc / 0xff, 1);
  });

  test('every #rrggbb colour comes out at 4.5:1 or more against white', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffff }), (n) => {
        const hex = '#' + n.toString(16).padStart(6, '0');
        const safe = textSafeOnWhite(hex)!;
        expect(contrastRatio(parseHex(safe)!, WHITE)).toBeGreaterThanOrEqual(4.5);
      }),
    );
  });

  test('short hex works; anything else is left to the caller', () => {
    expect(textSafeOnWhite('#fff')).toMatch(/^#[0-9a-f]{6}$/);
    expect(textSafeOnWhite('rgb(255, 204, 0)')).toBe(textSafeOnWhite('#ffcc00'));
    expect(textSafeOnWhite('rebeccapurple')).toBeUndefined();
    expect(textSafeOnWhite('#12345')).toBeUndefined();
  });

  test('text on a brand background is white on dark colours and near-black on light ones', () => {
    expect(textOn('#5a31f4')).toBe('#fff');
    expect(textOn('#ffcc00')).toBe('#111');
    expect(textOn('not a colour')).toBe('#fff');
  });
});
