/**
 * All of the widget's CSS, scoped to its shadow root. `:host { all: initial }` stops inherited
 * host-page styles (fonts, colours, line heights) from leaking in; every element sets what it needs.
 */
export const css = `
:host{all:initial!important;display:block!important;position:fixed!important;width:0!important;height:0!important;z-index:2147483000!important}
*,*::before,*::after{box-sizing:border-box}
.root{--sw-brand:#5a31f4;--sw-on-brand:#fff;--sw-brand-text:#5a31f4;--sw-bg:#fff;--sw-fg:#1d1d1f;--sw-muted:#5f6368;--sw-line:#e3e3e8;--sw-soft:#f3f3f6;
font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--sw-fg);text-align:left;letter-spacing:normal;text-transform:none}
button,textarea{font:inherit;color:inherit;margin:0}
button{cursor:pointer}
:focus-visible{outline:3px solid var(--sw-brand-text);outline-offset:2px}
svg{width:22px;height:22px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round;display:block}
.vh{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
[hidden]{display:none!important}
.launcher{position:fixed;right:20px;bottom:20px;width:58px;height:58px;border:0;border-radius:50%;background:var(--sw-brand);color:var(--sw-on-brand);
display:flex;align-items:center;justify-content:center;box-shadow:0 6px 20px rgba(0,0,0,.25);transition:transform .15s}
.launcher:hover{transform:scale(1.06)}
.launcher svg{width:26px;height:26px}
.badge{position:absolute;top:-2px;right:-2px;min-width:20px;height:20px;padding:0 5px;border-radius:10px;background:#d93025;color:#fff;font-size:12px;font-weight:700;line-height:20px;text-align:center}
.panel{position:fixed;right:20px;bottom:92px;width:400px;max-width:calc(100vw - 40px);height:min(620px,calc(100vh - 112px));background:var(--sw-bg);border-radius:16px;
box-shadow:0 12px 40px rgba(0,0,0,.25);display:flex;flex-direction:column;overflow:hidden;border:1px solid var(--sw-line)}
header{background:var(--sw-brand);color:var(--sw-on-brand);padding:12px 10px 12px 16px;display:flex;align-items:center;gap:8px;flex:none}
.avatar{width:34px;height:34px;border-radius:50%;background:rgba(255,255,255,.22);display:flex;align-items:center;justify-content:center;font-weight:700;flex:none}
.titles{flex:1;min-width:0}
h2{font-size:16px;line-height:1.2;margin:0;font-weight:700;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.sub{margin:2px 0 0;font-size:12px;opacity:.85;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.hbtn{background:transparent;border:0;color:inherit;border-radius:8px;padding:6px;display:flex;align-items:center;gap:4px;font-size:12px;font-weight:600;flex:none}
.hbtn:hover{background:rgba(255,255,255,.18)}
.hbtn svg{width:18px;height:18px}
.bar{padding:8px 16px;font-size:13px;border-bottom:1px solid var(--sw-line);flex:none;display:flex;align-items:center;gap:8px;flex-wrap:wrap}
.conn{background:#fff4ce;color:#5c4400}
.status{background:var(--sw-soft);color:var(--sw-fg)}
.ended{border-bottom:0;border-top:1px solid var(--sw-line);padding:12px 16px}
.status button,.conn button,button.link{background:none;border:0;padding:0;color:var(--sw-brand-text);font-weight:600;text-decoration:underline}
.conn.down{background:#fce8e6;color:#8c1d18}
.conn.down button{color:#8c1d18}
.confirm{background:#fff4ce;color:#3d2e00;flex-direction:column;align-items:stretch}
.confirm p{margin:0}
.actions{display:flex;gap:10px;align-items:center;flex-wrap:wrap}
.actions button{border:1.5px solid var(--sw-brand-text);background:var(--sw-bg);color:var(--sw-brand-text);border-radius:18px;padding:5px 12px;font-size:13px;font-weight:600}
.actions button.primary{background:var(--sw-brand);border-color:var(--sw-brand);color:var(--sw-on-brand)}
.actions button.link{border:0;padding:5px 4px;border-radius:0}
.scroll{flex:1;overflow-y:auto;padding:14px 12px 6px;background:var(--sw-bg);overscroll-behavior:contain}
.log{display:flex;flex-direction:column;gap:6px}
.msg{display:flex;flex-direction:column;max-width:85%;align-items:flex-start}
.msg.customer{align-self:flex-end;align-items:flex-end}
.msg.system{align-self:center;max-width:95%;align-items:center}
.who{font-size:11px;color:var(--sw-muted);margin:6px 4px 2px;display:flex;align-items:center;gap:6px}
.face{width:22px;height:22px;border-radius:50%;background:var(--sw-brand);color:var(--sw-on-brand);display:inline-flex;align-items:center;justify-content:center;font-size:10px;font-weight:700;flex:none}
.face.agent{background:#1e6b34;color:#fff}
.cases{list-style:none;margin:0 0 8px;padding:8px 10px;border:1px solid #d0d5dd;border-radius:12px;font-size:13px}.cases li{margin:2px 0}.cases .cases-title{font-weight:600}.cases .case-id{font-family:ui-monospace,monospace}.cases button{margin-left:4px;border:1px solid currentColor;border-radius:10px;background:none;color:var(--sw-brand-text,#1d4ed8);padding:1px 8px;cursor:pointer;font:inherit}
.bubble{padding:9px 12px;border-radius:16px;background:var(--sw-soft);white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-word}
.bubble a{color:inherit;text-decoration:underline}
.customer .bubble{background:var(--sw-brand);color:var(--sw-on-brand);border-bottom-right-radius:4px}
.bot .bubble,.agent .bubble{border-bottom-left-radius:4px}
.agent .bubble{background:#e6f4ea}
.system .bubble{background:transparent;color:var(--sw-muted);font-size:12px;text-align:center;padding:4px 8px}
.pending .bubble{opacity:.65}
.failed .bubble{background:#fce8e6;color:#a50e0e}
.meta{font-size:11px;color:var(--sw-muted);margin:2px 4px 0}
.failed .meta{color:#a50e0e}
.article{display:block;margin-top:6px;padding:10px 12px;border:1px solid var(--sw-line);border-radius:12px;background:var(--sw-bg);color:var(--sw-fg);text-decoration:none;max-width:100%}
.article:hover{border-color:var(--sw-brand)}
.cat{display:block;font-size:11px;text-transform:uppercase;letter-spacing:.04em;color:var(--sw-muted)}
.atitle{display:block;font-weight:600;margin:2px 0}
.more{display:block;font-size:12px;color:var(--sw-brand-text);font-weight:600}
.quick{display:flex;flex-wrap:wrap;gap:6px;justify-content:flex-end;padding:6px 0 4px}
.quick button,.stars button{border:1.5px solid var(--sw-brand-text);background:var(--sw-bg);color:var(--sw-brand-text);border-radius:18px;padding:6px 12px;font-size:13px;font-weight:600}
.quick button:hover,.stars button:hover,.stars button[aria-pressed=true]{background:var(--sw-brand);border-color:var(--sw-brand);color:var(--sw-on-brand)}
.typing{display:flex;gap:4px;padding:10px 12px;background:var(--sw-soft);border-radius:16px;width:max-content;margin-top:6px}
.typing i{width:7px;height:7px;border-radius:50%;background:var(--sw-muted);animation:sw-dot 1.2s infinite ease-in-out}
.typing i:nth-child(2){animation-delay:.15s}.typing i:nth-child(3){animation-delay:.3s}
@keyframes sw-dot{0%,60%,100%{opacity:.3;transform:translateY(0)}30%{opacity:1;transform:translateY(-3px)}}
@media (prefers-reduced-motion:reduce){.typing i{animation:none}.launcher{transition:none}}
.rating{margin:10px 0 4px;text-align:center;font-size:13px;color:var(--sw-muted)}
.rating p{margin:0}
.stars{display:flex;gap:6px;justify-content:center;margin-top:6px}
.stars button{width:38px;padding:6px 0}
.comment{margin-top:10px;display:flex;flex-direction:column;align-items:stretch;gap:6px;padding:0;border:0;text-align:left;color:var(--sw-fg)}
.comment textarea{min-height:56px;font-size:14px}
.comment .actions{justify-content:flex-end}
.notice{margin:0 12px 6px;padding:8px 10px;border-radius:10px;background:#fce8e6;color:#8c1d18;font-size:13px;display:flex;gap:8px;align-items:flex-start;flex:none}
.notice span{flex:1}
.notice button{background:none;border:0;padding:0;color:inherit}
.notice svg{width:16px;height:16px}
form{display:flex;align-items:flex-end;gap:8px;padding:10px 12px 12px;border-top:1px solid var(--sw-line);background:var(--sw-bg);flex:none}
textarea{flex:1;resize:none;color:var(--sw-fg);border:1px solid var(--sw-line);border-radius:12px;padding:9px 12px;max-height:120px;min-height:40px;background:var(--sw-bg);line-height:1.4;font-size:15px}
textarea:focus{outline:2px solid var(--sw-brand-text);outline-offset:0;border-color:transparent}
.send{width:40px;height:40px;border:0;border-radius:50%;background:var(--sw-brand);color:var(--sw-on-brand);display:flex;align-items:center;justify-content:center;flex:none}
.send svg{width:19px;height:19px}
@media (max-width:480px){
.panel{right:0;bottom:0;left:0;top:0;width:100%;max-width:none;height:100%;border-radius:0;border:0}
.open .launcher{display:none}
.launcher{right:12px;bottom:12px;width:52px;height:52px}
}
`;
