/** A self-contained HTML evaluation report (inline CSS grid heatmap and SVG reliability diagram, no external assets). */
import type { EvaluationReport } from './evaluate';
import { escapeMarkup as esc } from './escape';
import { FEW_EXAMPLES, reliabilitySvg } from './reliability-chart';

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

export function renderEvalHtml(report: EvaluationReport, title = 'Intent model evaluation'): string {
  const { labels, matrix } = report.confusion;
  const n = labels.length;
  const cells: string[] = [];
  cells.push('<div class="corner">true ↓ / predicted →</div>');
  for (const l of labels) cells.push(`<div class="col" title="${esc(l)}">${esc(l)}</div>`);
  matrix.forEach((row, i) => {
    const support = row.reduce((a, b) => a + b, 0);
    cells.push(`<div class="row" title="${esc(labels[i] as string)}">${esc(labels[i] as string)}</div>`);
    row.forEach((v, j) => {
      const share = support === 0 ? 0 : v / support;
      const hue = i === j ? 140 : 0;
      const bg = v === 0 ? '#fff' : `hsl(${hue} 70% ${Math.round(95 - share * 55)}%)`;
      cells.push(
        `<div class="cell" style="background:${bg}" title="${esc(labels[i] as string)} → ${esc(labels[j] as string)}: ${v}">${v || ''}</div>`,
      );
    });
  });
  const rows = Object.entries(report.perIntent)
    .sort((a, b) => a[1].f1 - b[1].f1)
    .map(
      ([name, m]) =>
        `<tr><td>${esc(name)}</td><td>${pct(m.precision)}</td><td>${pct(m.recall)}</td><td>${pct(m.f1)}</td><td>${m.support}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
body{font:14px system-ui,sans-serif;margin:2rem;color:#222}
.summary span{display:inline-block;margin-right:2rem;font-size:1.2rem}
.grid{display:grid;grid-template-columns:12rem repeat(${n},1.6rem);gap:1px;font-size:10px;overflow:auto}
.grid .col{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;overflow:hidden;max-height:10rem}
.grid .row{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.grid .cell{text-align:center;line-height:1.6rem;border:1px solid #eee}
table{border-collapse:collapse;margin-top:2rem}td,th{padding:.2rem .6rem;border-bottom:1px solid #ddd;text-align:right}
td:first-child,th:first-child{text-align:left}
</style></head><body>
<h1>${esc(title)}</h1>
<p class="summary"><span>accuracy <b>${pct(report.accuracy)}</b></span><span>macro-F1 <b>${pct(report.macroF1)}</b></span>${
    report.ece === undefined ? '' : `<span>ECE <b>${pct(report.ece)}</b></span>`
  }<span>examples <b>${report.count}</b></span></p>
<h2>Confusion matrix</h2>
<div class="grid">${cells.join('')}</div>
${
    report.reliability?.length
      ? `<h2>Calibration</h2>\n<p>When the model is 80% sure, is it right 80% of the time? Bars that reach the dashed diagonal mean yes; the red line in each bar marks the bin's mean confidence; pale bars hold fewer than ${FEW_EXAMPLES} examples and say little. ECE is the average gap, weighted by the examples per bin.</p>\n${reliabilitySvg(report.reliability)}\n`
      : ''
  }<h2>Per intent (worst F1 first)</h2>
<table><thead><tr><th>intent</th><th>precision</th><th>recall</th><th>F1</th><th>support</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>
`;
}
