/**
 * Pure formatting for the agent console: waits, confidences, escalation reasons, clock times.
 * No DOM here, so the unit tests run these in Node.
 */

/** Why the bot handed a chat over, as the server sends it. */
export type ReasonCode = 'low_confidence' | 'asked_for_human' | 'frustration' | 'urgent_security';

const REASONS: Record<ReasonCode, string> = {
  asked_for_human: 'Asked for a person',
  low_confidence: 'Bot unsure twice',
  frustration: 'Frustrated',
  urgent_security: 'Urgent: security',
};

/**
 * The escalation reason in words an agent scans in a second. Unknown codes (a newer server) are
 * shown humanised rather than hidden.
 * @example reasonLabel('asked_for_human') // 'Asked for a person'
 */
export function reasonLabel(reason: string): string {
  if (Object.prototype.hasOwnProperty.call(REASONS, reason)) return REASONS[reason as ReasonCode];
  const words = reason.replace(/[_-]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'Escalated';
}

/**
 * How long someone has waited, for a live-ticking label: `0:07`, `4:32`, then `1 h 05 min` from
 * an hour on, `2 d 3 h` from a day on. Negative values (clock skew between server and browser)
 * count as zero.
 * @example formatWait(272_000) // '4:32'
 */
export function formatWait(ms: number): string {
  const total = Math.max(0, Math.floor((Number.isFinite(ms) ? ms : 0) / 1000));
  const s = total % 60;
  const m = Math.floor(total / 60) % 60;
  const h = Math.floor(total / 3600) % 24;
  const d = Math.floor(total / 86400);
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  return `${m}:${String(s).padStart(2, '0')}`;
}

/** The same wait for screen readers and tooltips: "4 minutes 32 seconds". */
export function formatWaitLong(ms: number): string {
  const total = Math.max(0, Math.floor((Number.isFinite(ms) ? ms : 0) / 1000));
  const parts: string[] = [];
  const units: [number, string][] = [
    [86400, 'day'],
    [3600, 'hour'],
    [60, 'minute'],
    [1, 'second'],
  ];
  let rest = total;
  for (const [size, name] of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 && parts.length < 2) parts.push(`${n} ${name}${n === 1 ? '' : 's'}`);
  }
  return parts.length ? parts.join(' ') : '0 seconds';
}

/**
 * A 0..1 confidence as a whole percentage; undefined or out-of-range input shows as a dash.
 * @example formatConfidence(0.873) // '87%'
 */
export function formatConfidence(confidence: number | undefined | null): string {
  if (typeof confidence !== 'number' || !Number.isFinite(confidence) || confidence < 0 || confidence > 1) return '–';
  return `${Math.round(confidence * 100)}%`;
}

/** 'low' under 50 %, 'mid' under 80 %, else 'high': drives the colour of an intent chip. */
export function confidenceLevel(confidence: number | undefined | null): 'low' | 'mid' | 'high' | 'none' {
  if (typeof confidence !== 'number' || !Number.isFinite(confidence)) return 'none';
  if (confidence < 0.5) return 'low';
  if (confidence < 0.8) return 'mid';
  return 'high';
}

/** An intent or entity name as words: `refund_status` → `refund status`. */
export function humanize(name: string): string {
  return name.replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * The wall-clock time of a message, `14:05`, in the browser's zone unless one is given.
 * @example formatClock(Date.UTC(2026, 0, 1, 9, 5), 'UTC') // '09:05'
 */
export function formatClock(at: number, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone }).format(at);
}

/** Shortens `text` to `max` characters on a word boundary where one is near, with an ellipsis. */
export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  // The cut already ends a word when the next character is a space.
  if (flat.charAt(max - 1) === ' ') return cut.trimEnd() + '…';
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd() + '…';
}
