/**
 * The reliability diagram of an evaluation as inline SVG (no external assets): per confidence bin,
 * a bar as high as the share predicted right, against the diagonal a perfectly calibrated model
 * would follow, and below it how many examples fell in each bin. Each bar's tooltip gives its figures.
 * The SVG carries its own namespace and styles, so it works inline in HTML and as an .svg file.
 */
import { escapeMarkup as esc } from './escape';
import type { ReliabilityBin } from './evaluate';

const W = 360;
const PLOT = 280;
const LEFT = 48;
const TOP = 12;
const STRIP = 60;
const GAP = 56;
/** Bins with fewer examples than this are drawn pale: their share right says little. */
export const FEW_EXAMPLES = 10;
const FEW = FEW_EXAMPLES;
const H = TOP + PLOT + GAP + STRIP + 36;

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const f = (x: number): string => x.toFixed(1);

/**
 * Bins with fewer than `FEW_EXAMPLES` examples are drawn pale.
 * @example reliabilitySvg(evaluate(predictions).reliability ?? []) // '<svg xmlns="http://www.w3.org/2000/svg" class="reliability" …'
 */
export function reliabilitySvg(bins: ReliabilityBin[]): string {
  const x = (c: number): number => LEFT + c * PLOT;
  const y = (a: number): number => TOP + (1 - a) * PLOT;
  const total = bins.reduce((s, b) => s + b.count, 0);
  const most = Math.max(1, ...bins.map((b) => b.count));
  // log scale: one bin usually holds most examples, and the others would not show at all
  const share = (n: number): number => Math.log1p(n) / Math.log1p(most);
  const stripTop = TOP + PLOT + GAP;
  const parts: string[] = [];
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<line x1="${x(0)}" y1="${f(y(t))}" x2="${x(1)}" y2="${f(y(t))}" class="grid"/>`);
    parts.push(`<text x="${x(0) - 6}" y="${f(y(t) + 4)}" text-anchor="end">${t * 100}%</text>`);
    parts.push(`<text x="${f(x(t))}" y="${TOP + PLOT + 16}" text-anchor="middle">${t * 100}%</text>`);
  }
  for (const b of bins) {
    const label = `confidence ${pct(b.lower)}–${pct(b.upper)}: ${b.count} examples (${pct(b.count / total)}), right ${pct(b.accuracy)}, mean confidence ${pct(b.confidence)}`;
    const w = (b.upper - b.lower) * PLOT - 1;
    parts.push(
      `<rect class="acc${b.count < FEW ? ' few' : ''}" x="${f(x(b.lower))}" y="${f(y(b.accuracy))}" width="${f(w)}" height="${f(b.accuracy * PLOT)}"><title>${esc(label)}</title></rect>`,
      `<line class="conf" x1="${f(x(b.lower))}" x2="${f(x(b.lower) + w)}" y1="${f(y(b.confidence))}" y2="${f(y(b.confidence))}"/>`,
      `<rect class="count" x="${f(x(b.lower))}" y="${f(stripTop + STRIP * (1 - share(b.count)))}" width="${f(w)}" height="${f(STRIP * share(b.count))}"><title>${esc(label)}</title></rect>`,
    );
  }
  parts.push(`<line class="ideal" x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}"/>`);
  parts.push(`<text x="${x(0.5)}" y="${TOP + PLOT + 30}" text-anchor="middle">top confidence</text>`);
  parts.push(`<text transform="translate(12 ${TOP + PLOT / 2}) rotate(-90)" text-anchor="middle">share predicted right</text>`);
  parts.push(`<text x="${x(0)}" y="${stripTop - 6}">examples per bin, log scale (most: ${most})</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" class="reliability" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="rel-title rel-desc">
<style>${CSS}</style>
<title id="rel-title">Reliability diagram</title>
<desc id="rel-desc">Bars: the share predicted right per confidence bin; short lines: the bin's mean confidence; diagonal: perfect calibration. Pale bars hold fewer than ${FEW} examples. Below: how many examples fell in each bin, on a log scale.</desc>
${parts.join('\n')}
</svg>`;
}

const CSS =
  '.reliability text{font-size:10px;fill:#444}.reliability .grid{stroke:#eee}.reliability .acc{fill:#4a7fc1}.reliability .acc.few{fill:#b9cde6}' +
  '.reliability .conf{stroke:#c0392b;stroke-width:2}.reliability .ideal{stroke:#888;stroke-dasharray:4 3}.reliability .count{fill:#9aa7b4}';
