/**
 * SVG as plain data: the charts are built as a tree of `{ tag, attrs, children }`, which the unit
 * tests read in Node and `svg-dom.ts` turns into elements. Text stays text (a text node when
 * rendered), never markup, so nothing in a label can become an element.
 */
export interface SvgNode {
  tag: string;
  attrs: Record<string, string>;
  children: SvgChild[];
}

export type SvgChild = SvgNode | string;

/** Coordinates to a tenth of a unit: finer is invisible and only bloats the attributes. */
export function coord(x: number): string {
  return String(Math.round(x * 10) / 10);
}

/**
 * One node; numbers become coordinates, undefined attributes and empty children are left out.
 * @example s('line', { x1: 0, y1: 0, x2: 10, y2: 0, class: 'axis' })
 */
export function s(tag: string, attrs: Record<string, string | number | undefined> = {}, ...children: (SvgChild | null | undefined | false)[]): SvgNode {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) out[k] = typeof v === 'number' ? coord(v) : v;
  return { tag, attrs: out, children: children.filter((c): c is SvgChild => c !== null && c !== undefined && c !== false && c !== '') };
}
