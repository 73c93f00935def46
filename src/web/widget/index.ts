/**
 * Entry of the embeddable support widget (dist/web/widget.js). One tag embeds it:
 * <script src="https://support.example.com/widget.js" data-brand="PayLater" data-color="#5a31f4"
 *   data-locale="en" data-order-id="48213977" async></script>
 * and the page can drive it through `window.SupportWidget`.
 */
import { readOptions } from './options';
import { createWidget, type SupportWidgetApi } from './widget';

declare global {
  interface Window {
    SupportWidget?: SupportWidgetApi;
  }
}

// currentScript is only set while this file first runs, so read it now, not on DOMContentLoaded.
const script = (document.currentScript as HTMLScriptElement | null) ?? document.querySelector<HTMLScriptElement>('script[src*="widget.js"]');
const MOUNTED = '__supportWidgetMounted';

function start() {
  const w = window as unknown as Record<string, unknown>;
  if (w[MOUNTED]) return; // the tag was included twice
  w[MOUNTED] = true;
  window.SupportWidget = createWidget(readOptions(script));
  dispatchEvent(new Event('supportwidget:ready'));
}

if (document.body) start();
else document.addEventListener('DOMContentLoaded', start, { once: true });
