/** The document title with an unread badge: "(2) Console · PayLater". Pure. */
export function badgeTitle(count: number, base: string): string {
  const n = Math.max(0, Math.floor(count));
  if (n === 0) return base;
  return `(${n > 99 ? '99+' : n}) ${base}`;
}
