/** The training pages' styles, on top of the console's variables and classes (console.css). */
import { adoptCss } from '../adopt-css';

const CSS = `
.training { padding: 16px 20px 40px; display: flex; flex-direction: column; gap: 14px; max-width: 1200px; width: 100%; }
.training h1 { font-size: 20px; }
.training h3 { font-size: 15px; margin: 4px 0; }
.training .tabs { display: flex; gap: 4px; border-bottom: 1px solid var(--line); }
.training .tabs [role="tab"] { border: 1px solid transparent; border-bottom: 0; background: none; padding: 8px 14px; border-radius: var(--radius) var(--radius) 0 0; font-weight: 600; color: var(--muted); margin-bottom: -1px; }
.training .tabs [role="tab"][aria-selected="true"] { background: var(--panel); border-color: var(--line); color: var(--brand); }
.training .panel { background: var(--panel); border: 1px solid var(--line); border-radius: var(--radius); padding: 14px; display: flex; flex-direction: column; gap: 12px; }
.training .lead { color: var(--muted); margin: 0; }
.training .field { display: flex; flex-direction: column; gap: 3px; font-size: 13px; font-weight: 600; }
.training input, .training select { border: 1px solid var(--line); border-radius: var(--radius); padding: 5px 8px; background: #fff; font-weight: 400; }
.training .filters, .training .labelbar .row { display: flex; flex-wrap: wrap; gap: 10px; align-items: flex-end; }
.training .labelbar { position: sticky; top: 0; z-index: 2; background: var(--brand-soft); border: 1px solid var(--brand); border-radius: var(--radius); padding: 10px 12px; display: flex; flex-direction: column; gap: 8px; }
.training .labelbar fieldset { border: 0; padding: 0; margin: 0; display: flex; gap: 12px; flex-wrap: wrap; }
.training .labelbar input:not([type]) { min-width: 280px; }
.training .labelbar legend { font-weight: 700; margin-bottom: 4px; }
.training .labelbar label.opt { display: flex; gap: 5px; align-items: center; font-weight: 600; }
.training .err { color: var(--urgent); margin: 0; }
.training .status-line { color: var(--muted); min-height: 1.4em; margin: 0; }
.training .clusters { display: flex; flex-wrap: wrap; gap: 6px; list-style: none; margin: 0; padding: 0; }
.training .clusters li { border: 1px solid var(--line); border-radius: var(--radius); padding: 4px 8px; display: flex; gap: 8px; align-items: center; background: #fff; font-size: 13px; max-width: 360px; }
.training .clusters .ex { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.training .inbox { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 8px; }
.training .titem { border: 1px solid var(--line); border-radius: var(--radius); background: #fff; padding: 10px 12px; display: grid; grid-template-columns: auto 1fr auto; gap: 4px 10px; align-items: start; }
.training .titem.selected { border-color: var(--brand); box-shadow: 0 0 0 2px var(--brand-soft); }
.training .titem input[type="checkbox"] { width: 18px; height: 18px; margin-top: 2px; }
.training .titem .text { font-weight: 600; overflow-wrap: anywhere; white-space: pre-wrap; }
.training .titem .when { color: var(--muted); font-size: 12px; white-space: nowrap; }
.training .titem .chips, .training .titem .guesses { grid-column: 2 / -1; display: flex; flex-wrap: wrap; gap: 4px; list-style: none; margin: 0; padding: 0; align-items: center; }
.training .titem .guesses-label { font-size: 12px; color: var(--muted); }
.training .titem .more { grid-column: 2 / -1; display: flex; gap: 8px; align-items: center; }
.training .titem .context { grid-column: 2 / -1; list-style: none; margin: 0; padding: 6px 8px; background: var(--bg); border-radius: var(--radius); display: flex; flex-direction: column; gap: 3px; font-size: 13px; }
.training .titem .context .from { color: var(--muted); font-weight: 600; margin-right: 6px; }
.training .titem .context li.this { font-weight: 700; }
.training .chip.reason { background: var(--warn-soft); color: var(--warn); }
.training .chip.labelled { background: #e6f4ea; color: var(--ok); }
.training .progress { height: 14px; border-radius: 7px; background: #e7e8ec; overflow: hidden; }
.training .progress .bar { height: 100%; width: 0; background: var(--brand); transition: width .3s; }
.training .progress.done .bar { background: var(--ok); }
.training .progress.failed .bar { background: var(--urgent); }
.training .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(190px, 1fr)); gap: 10px; }
.training .card { border: 1px solid var(--line); border-radius: var(--radius); padding: 10px 12px; background: #fff; }
.training .card .k { color: var(--muted); font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: .03em; }
.training .card .v { font-size: 22px; font-weight: 800; font-variant-numeric: tabular-nums; }
.training .card .s { font-size: 13px; color: var(--muted); }
.training .up { color: var(--ok); } .training .down { color: var(--urgent); } .training .same { color: var(--muted); }
.training td.up { background: #e6f4ea; } .training td.down { background: var(--urgent-soft); }
.training table.data { border-collapse: collapse; width: 100%; font-size: 13px; }
.training table.data th, .training table.data td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); }
.training table.data td.num, .training table.data th.num { text-align: right; font-variant-numeric: tabular-nums; }
.training table.data th button { all: unset; cursor: pointer; font-weight: 700; }
.training table.data th button:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.training table.data th[aria-sort] button::after { content: " ↕"; color: var(--muted); }
.training table.data th[aria-sort="ascending"] button::after { content: " ▲"; color: var(--fg); }
.training table.data th[aria-sort="descending"] button::after { content: " ▼"; color: var(--fg); }
.training .badge { background: var(--ok); color: #fff; border-radius: 10px; padding: 1px 8px; font-size: 12px; font-weight: 700; }
.training .mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; }
.training .outcomes { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 10px; }
.training .outcomes ul { margin: 4px 0 0; padding-left: 18px; font-size: 13px; }
.training .heatmap-wrap { overflow: auto; max-width: 100%; border: 1px solid var(--line); border-radius: var(--radius); background: #fff; padding: 8px; }
.training table.heatmap { border-collapse: separate; border-spacing: 1px; font-size: 11px; }
.training table.heatmap th { font-weight: 600; color: var(--fg); white-space: nowrap; }
.training table.heatmap thead th { height: 130px; vertical-align: bottom; padding: 0; }
.training table.heatmap thead th span { display: inline-block; writing-mode: vertical-rl; transform: rotate(180deg); padding: 2px 0; }
.training table.heatmap tbody th { text-align: right; padding-right: 6px; }
.training table.heatmap td.cell { width: 22px; min-width: 22px; height: 22px; text-align: center; border-radius: 3px; font-variant-numeric: tabular-nums; background: #f7f7f9; cursor: default; }
.training table.heatmap td.cell.light { color: #fff; }
.training table.heatmap td.cell:hover { outline: 2px solid var(--fg); }
.training table.heatmap .corner { font-weight: 700; color: var(--muted); text-align: left; vertical-align: bottom; }
.training .legend { display: flex; gap: 14px; align-items: center; font-size: 12px; color: var(--muted); flex-wrap: wrap; }
.training .legend .sw { display: inline-block; width: 14px; height: 14px; border-radius: 3px; vertical-align: middle; margin-right: 4px; }
.training .legend .sw.ok { background: rgba(30,125,50,.85); } .training .legend .sw.bad { background: rgba(179,38,30,.6); }
.training .thr input { width: 80px; }
.training .row-note { font-size: 12px; color: var(--ok); align-self: center; } .training .row-note.err { color: var(--urgent); }
.training .row-actions { display: flex; gap: 6px; flex-wrap: wrap; }
.training .toolbar { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.training .toolbar .spacer { flex: 1; }
`;

/** Adds the training styles to the page once. */
export function ensureTrainingStyles(): void {
  adoptCss('training', CSS);
}
