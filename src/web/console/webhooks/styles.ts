/** The Webhooks section's styles, on top of console.css and the training pages' table look. */
import { adoptCss } from '../adopt-css';

const CSS = `
.webhooks-section h2 { font-size: 16px; margin: 8px 0 0; }
.webhooks-section .webhook-form { max-width: 640px; }
.webhooks-section .webhook-form input[type="url"], .webhooks-section .webhook-form input[type="text"] { width: 100%; }
.webhooks-section .webhook-form label { font-weight: 600; font-size: 13px; }
.webhooks-section fieldset { border: 1px solid var(--line); border-radius: var(--radius); display: flex; flex-wrap: wrap; gap: 6px 16px; padding: 8px 10px; }
.webhooks-section fieldset legend { font-weight: 700; font-size: 13px; padding: 0 4px; }
.webhooks-section label.check { font-weight: 400; display: inline-flex; gap: 4px; align-items: center; }
.webhooks-section .form-error { color: var(--urgent); margin: 0; font-weight: 600; }
.webhooks-section .secret-once { border-color: var(--brand); background: var(--brand-soft); }
.webhooks-section .secret-once code { overflow-wrap: anywhere; background: #fff; padding: 2px 6px; border-radius: 4px; }
.webhooks-section .wrap { overflow-wrap: anywhere; max-width: 360px; }
.webhooks-section .actions { display: flex; gap: 6px; flex-wrap: wrap; }
.webhooks-section .pill { display: inline-block; border-radius: 999px; padding: 1px 8px; font-size: 12px; font-weight: 700; border: 1px solid currentColor; }
.webhooks-section .pill.delivered { color: #1e6b34; }
.webhooks-section .pill.failed { color: var(--urgent); }
.webhooks-section .pill.pending, .webhooks-section .pill.delivering { color: #5b4a00; }
`;

export function ensureWebhookStyles(): void {
  adoptCss('webhooks', CSS);
}
