/** Turns a chart's SVG tree (svg-tree.ts) into elements; strings become text nodes, never markup. */
import type { SvgNode } from './svg-tree';

const SVG_NS = 'http://www.w3.org/2000/svg';

export function toSvgElement(node: SvgNode): SVGElement {
  const el = document.createElementNS(SVG_NS, node.tag) as SVGElement;
  for (const [k, v] of Object.entries(node.attrs)) el.setAttribute(k, v);
  for (const c of node.children) el.append(typeof c === 'string' ? document.createTextNode(c) : toSvgElement(c));
  return el;
}
