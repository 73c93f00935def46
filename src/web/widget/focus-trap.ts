const FOCUSABLE = 'a[href], button:not([disabled]), textarea:not([disabled]), input:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The visible, focusable elements inside `root`, in tab order (the widget sets no positive tabindex). */
export function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0 && !el.closest('[hidden]'));
}

/**
 * Keeps Tab and Shift+Tab inside `panel` while `active()` says so (the full-screen panel on a
 * phone, where the page behind is covered and must not take focus): from the last element Tab
 * goes to the first, from the first Shift+Tab to the last. Focus that is outside the panel (the
 * shadow root's active element is elsewhere) is brought back to the first element.
 * @example trapFocus(panel, () => isOpen && phone.matches)
 */
export function trapFocus(panel: HTMLElement, active: () => boolean): void {
  panel.addEventListener('keydown', (e) => {
    if (e.key !== 'Tab' || !active()) return;
    const items = focusables(panel);
    if (items.length === 0) return;
    const first = items[0] as HTMLElement;
    const last = items[items.length - 1] as HTMLElement;
    const current = (panel.getRootNode() as ShadowRoot | Document).activeElement;
    if (e.shiftKey && (current === first || !panel.contains(current))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (current === last || !panel.contains(current))) {
      e.preventDefault();
      first.focus();
    }
  });
}
