/** The Transcripts section's styles, on top of console.css and the training pages' look. */
import { adoptCss } from '../adopt-css';
import { ensureTrainingStyles } from '../training/styles';

const CSS = `
.transcripts { max-width: 1400px; }
.transcripts .filters label.opt { display: flex; gap: 6px; align-items: center; font-weight: 600; font-size: 13px; padding-bottom: 6px; }
.transcripts .filters input[type="search"] { min-width: 240px; }
.transcripts .tx-filters { display: flex; flex-direction: column; gap: 6px; }
.transcripts .tx-body { display: grid; grid-template-columns: minmax(300px, 1fr) minmax(360px, 1.3fr); gap: 14px; align-items: start; }
@media (max-width: 900px) { .transcripts .tx-body { grid-template-columns: minmax(0, 1fr); } }
.transcripts .tx-list { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 6px; }
.transcripts .trow { display: flex; flex-direction: column; gap: 4px; padding: 8px 10px; border: 1px solid var(--line); border-radius: var(--radius); background: #fff; color: var(--fg); text-decoration: none; }
.transcripts .trow:hover { border-color: var(--brand); }
.transcripts .trow[aria-current="true"] { border-color: var(--brand); background: var(--brand-soft); }
.transcripts .trow .preview { font-weight: 600; overflow-wrap: anywhere; }
.transcripts .trow .facts { display: flex; flex-wrap: wrap; gap: 6px 10px; align-items: center; font-size: 12px; color: var(--muted); }
.transcripts .trow .rating.low { color: var(--urgent); font-weight: 600; }
.transcripts .chip.handoff { background: var(--warn-soft); color: var(--warn); }
.transcripts .chip.state-closed { background: #eef0f3; } .transcripts .chip.state-agent { background: var(--brand-soft); color: var(--brand); }
.transcripts .tx-transcript { position: sticky; top: 0; max-height: calc(100vh - 120px); overflow: hidden; }
.transcripts .tx-transcript .sub { color: var(--muted); margin: 0; font-size: 13px; }
.transcripts .tx-messages { flex: 1 1 auto; overflow-y: auto; display: flex; flex-direction: column; gap: 8px; padding: 4px 2px; background: var(--bg); border-radius: var(--radius); min-height: 120px; }
.transcripts .tx-messages .msg { margin: 0 8px; }
.transcripts .flag-box { display: inline-flex; gap: 6px; align-items: center; }
.transcripts .btn.flag:disabled { opacity: 1; cursor: default; background: #e6f4ea; border-color: #e6f4ea; color: var(--ok); }
@media (max-width: 900px) { .transcripts .tx-transcript { position: static; max-height: none; } }
`;

export function ensureTranscriptsStyles(): void {
  ensureTrainingStyles();
  adoptCss('transcripts', CSS);
}
