/** The Insights section's styles, on top of console.css and the training pages' look (cards, tables). */
import { adoptCss } from '../adopt-css';
import { ensureTrainingStyles } from '../training/styles';

const CSS = `
.insights h2 { font-size: 16px; margin: 0 0 6px; }
.insights .toolbar .field { flex-direction: row; align-items: center; gap: 8px; }
.insights .ins-body { display: flex; flex-direction: column; gap: 18px; }
.insights section { display: flex; flex-direction: column; gap: 8px; }
.insights ul.cards { list-style: none; margin: 0; padding: 0; }
.insights .card .s.better { color: var(--ok); font-weight: 600; }
.insights .card .s.worse { color: var(--urgent); font-weight: 600; }
.insights .ins-error { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
.insights .empty { color: var(--muted); margin: 0; padding: 18px; background: var(--panel); border: 1px dashed var(--line); border-radius: var(--radius); }
.insights .ins-figure { margin: 0; padding: 12px; background: var(--panel); border: 1px solid var(--line); border-radius: var(--radius); display: flex; flex-direction: column; gap: 8px; }
.insights .ins-figure figcaption { font-size: 12px; color: var(--muted); }
.insights .ins-chart { width: 100%; max-width: 900px; height: auto; display: block; font-size: 12px; }
.insights .ins-chart text { fill: var(--muted); }
.insights .ins-chart .grid line { stroke: var(--line); }
.insights .ins-chart .axis { stroke: var(--muted); }
.insights .ins-chart .axis-title { fill: var(--fg); font-weight: 600; }
.insights .ins-chart .series .line { fill: none; stroke-width: 2.5; stroke-linejoin: round; stroke-linecap: round; }
.insights .ins-chart .series.resolved .line { stroke: var(--brand); } .insights .ins-chart .series.resolved .pt { fill: var(--brand); }
.insights .ins-chart .series.handed .line { stroke: #c26a00; } .insights .ins-chart .series.handed .pt { fill: #c26a00; }
.insights .ins-chart .series .pt { stroke: #fff; stroke-width: 1.5; }
.insights .ins-chart .marker { stroke: var(--fg); stroke-width: 1.5; }
.insights .ins-chart .activations text { fill: var(--fg); font-weight: 600; font-size: 11px; }
.insights .ins-chart .legend text { fill: var(--fg); }
.insights .ins-chart .bars rect { fill: var(--brand); opacity: .75; }
.insights .ins-chart .bars text { fill: var(--fg); font-size: 11px; font-variant-numeric: tabular-nums; }
.insights .table-wrap { overflow-x: auto; background: var(--panel); border: 1px solid var(--line); border-radius: var(--radius); }
.insights .table-wrap:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.insights table.ins-table caption { text-align: left; padding: 8px; color: var(--muted); font-size: 12px; }
.insights table.ins-table th[scope="row"] { white-space: nowrap; font-weight: 600; }
.insights table.ins-table th.reason { font-weight: 600; }
.insights table.ins-table tr.quiet td, .insights table.ins-table tr.quiet th { color: var(--muted); }
.insights table.ins-table .this-week { color: var(--muted); font-weight: 400; }
.insights table.ins-table td.changes ul { margin: 0; padding-left: 16px; }
`;

export function ensureInsightsStyles(): void {
  ensureTrainingStyles();
  adoptCss('insights', CSS);
}
