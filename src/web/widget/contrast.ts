/**
 * Colour contrast by WCAG 2.x (relative luminance, contrast ratio), used to keep a site's brand
 * colour readable: as text on the widget's white background it must reach 4.5:1 (AA for normal
 * text), and text on a brand-coloured background is black or white, whichever contrasts more.
 */

export type Rgb = readonly [number, number, number];

/**
 * `#rgb`, `#rrggbb` (any case) or `rgb(r, g, b)` (what a browser's computed style gives for any
 * CSS colour) as 0–255 channels; undefined for anything else.
 */
export function parseHex(color: string): Rgb | undefined {
  const fn = /^rgba?\(\s*(\d{1,3})[\s,]+(\d{1,3})[\s,]+(\d{1,3})\s*(?:[,/]\s*[\d.]+%?\s*)?\)$/i.exec(color.trim());
  if (fn) return [fn[1], fn[2], fn[3]].map((c) => Math.min(255, Number(c))) as unknown as Rgb;
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return undefined;
  const hex = (m[1] as string).length === 3 ? (m[1] as string).replace(/./g, '$&$&') : (m[1] as string);
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as unknown as Rgb;
}

/** WCAG relative luminance, 0 (black) to 1 (white). */
export function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio of two colours, 1 to 21. @example contrastRatio([0,0,0],[255,255,255]) // 21 */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [17, 17, 17];

export function toHex(rgb: Rgb): string {
  return '#' + rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('');
}

/**
 * The colour to use for brand-coloured text on white: the colour itself when it already reaches
 * `minRatio` against white, otherwise the same hue darkened (mixed towards black) just enough.
 * Undefined for a colour {@link parseHex} cannot read (the caller keeps its default).
 * @example textSafeOnWhite('#ffcc00') // '#7a6200' (4.5:1 or more), textSafeOnWhite('#5a31f4') // '#5a31f4'
 */
export function textSafeOnWhite(color: string, minRatio = 4.5): string | undefined {
  const rgb = parseHex(color);
  if (!rgb) return undefined;
  if (contrastRatio(rgb, WHITE) >= minRatio) return toHex(rgb);
  // Luminance falls monotonically as the mix moves towards black: bisect for the lightest that passes.
  let lo = 0; // share of black that fails
  let hi = 1; // share that passes (pure black: 21:1)
  const mix = (t: number): Rgb => rgb.map((c) => c * (1 - t)) as unknown as Rgb;
  for (let i = 0; i < 20; i++) {
    const mid = (lo + hi) / 2;
    if (contrastRatio(mix(mid), WHITE) >= minRatio) hi = mid;
    else lo = mid;
  }
  // Rounding to whole channels can only darken (floor), so the result still passes.
  return '#' + mix(hi).map((c) => Math.floor(c).toString(16).padStart(2, '0')).join('');
}

/** Text colour for a brand-coloured background: near-black or white, whichever contrasts more. */
export function textOn(color: string): string {
  const rgb = parseHex(color);
  if (!rgb) return '#fff';
  return contrastRatio(rgb, BLACK) > contrastRatio(rgb, WHITE) ? '#111' : '#fff';
}
