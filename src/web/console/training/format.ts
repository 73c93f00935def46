/**
 * Pure helpers for the training pages: words for reasons, percentages and deltas, the inbox
 * query, label validation, sorting the per-intent table, heatmap shading. No DOM here, so the
 * unit tests run them in Node.
 */
import type { IntentDelta, LabelChoice, TriageFilter, TriageReason } from './types';
import { NOT_A_REQUEST } from './types';

const REASONS: Record<TriageReason, string> = {
  low_confidence: 'Bot unsure',
  handoff: 'Handed off',
  bad_rating: 'Bad rating',
  agent_corrected: 'Agent corrected',
  operator_flagged: 'Flagged by an operator',
  imported: 'Imported',
};

/**
 * Why a message is in the inbox, in words. Unknown codes (a newer server) are humanised.
 * @example triageReasonLabel('bad_rating') // 'Bad rating'
 */
export function triageReasonLabel(reason: string): string {
  if (Object.prototype.hasOwnProperty.call(REASONS, reason)) return REASONS[reason as TriageReason];
  const words = reason.replace(/[_-]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'Other';
}

/** An intent name for people: `refund_status` → `refund status`; the "not a request" label in words. */
export function intentLabel(name: string): string {
  if (name === NOT_A_REQUEST) return 'not a real request';
  return name.replace(/_/g, ' ');
}

/**
 * A 0…1 share as a percentage.
 * @example pct(0.8361) // '83.6%'
 */
export function pct(x: number | undefined, digits = 1): string {
  if (x === undefined || !Number.isFinite(x)) return '—';
  return `${(x * 100).toFixed(digits)}%`;
}

/** Deltas smaller than this (half a tenth of a point) read as "no change". */
const EPS = 0.0005;

/**
 * A difference of two shares in percentage points, always signed (a real minus sign), so the
 * direction is readable without colour.
 * @example signedPoints(0.0123) // '+1.2 pts'
 */
export function signedPoints(delta: number | undefined): string {
  if (delta === undefined || !Number.isFinite(delta)) return '—';
  if (Math.abs(delta) < EPS) return '±0.0 pts';
  const v = (Math.abs(delta) * 100).toFixed(1);
  return `${delta > 0 ? '+' : '−'}${v} pts`;
}

/** Which way a delta went: colours the cell (green up, red down). */
export function deltaDirection(delta: number | undefined): 'up' | 'down' | 'same' {
  if (delta === undefined || !Number.isFinite(delta) || Math.abs(delta) < EPS) return 'same';
  return delta > 0 ? 'up' : 'down';
}

/** The epoch-ms range for the inbox query from two local days (both inclusive). */
export function dayRange(fromDay?: string, toDay?: string): { from?: number; to?: number } {
  const parse = (d: string | undefined): number | undefined => {
    const m = d ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(d) : null;
    if (!m) return undefined;
    const t = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime();
    return Number.isFinite(t) ? t : undefined;
  };
  const out: { from?: number; to?: number } = {};
  const from = parse(fromDay);
  const to = parse(toDay);
  if (from !== undefined) out.from = from;
  // `to` is exclusive on the server: the start of the next day.
  if (to !== undefined) out.to = to + 86_400_000;
  return out;
}

/**
 * The query string for `GET /api/training/triage`.
 * @example triageQuery({ reason: 'handoff', intent: 'late_fee' }) // '?reason=handoff&intent=late_fee&limit=200'
 */
export function triageQuery(filter: TriageFilter, limit = 200): string {
  const p = new URLSearchParams();
  if (filter.reason) p.set('reason', filter.reason);
  if (filter.intent && filter.intent.trim()) p.set('intent', filter.intent.trim());
  const { from, to } = dayRange(filter.fromDay, filter.toDay);
  if (from !== undefined) p.set('from', String(from));
  if (to !== undefined) p.set('to', String(to));
  if (filter.status && filter.status !== 'unlabelled') p.set('status', filter.status);
  p.set('limit', String(limit));
  return `?${p.toString()}`;
}

const NAME_RE = /^[a-z][a-z0-9_]{0,63}$/;

/** Turns what someone typed into an intent name: `Card Upgrade` → `card_upgrade`. */
export function toIntentName(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

export type LabelForm =
  | { mode: 'existing'; intent: string }
  | { mode: 'new'; name: string; category: string }
  | { mode: 'not_request' };

/**
 * Checks the label form against the known intents; returns the request body part or the
 * sentence to show.
 */
export function labelChoice(form: LabelForm, known: readonly string[]): { ok: LabelChoice } | { error: string } {
  if (form.mode === 'not_request') return { ok: { notARequest: true } };
  if (form.mode === 'existing') {
    const name = form.intent.trim();
    if (!name) return { error: 'Choose an intent.' };
    if (!known.includes(name)) return { error: `There is no intent called “${name}”. Pick one from the list or create a new intent.` };
    return { ok: { intent: name } };
  }
  const name = toIntentName(form.name);
  const category = toIntentName(form.category);
  if (!name || !NAME_RE.test(name)) return { error: 'Give the new intent a name that starts with a letter (letters, digits and _).' };
  if (known.includes(name)) return { error: `“${name}” already exists. Choose it as an existing intent.` };
  if (!category || !NAME_RE.test(category)) return { error: 'Give the new intent a category, for example billing.' };
  return { ok: { newIntent: { name, category } } };
}

/** Intents whose name or category contains every word of the query (for the searchable pick). */
export function searchIntents<T extends { name: string; category: string }>(intents: readonly T[], query: string): T[] {
  const words = query.toLowerCase().split(/[\s_]+/).filter(Boolean);
  if (!words.length) return [...intents];
  return intents.filter((i) => {
    const hay = `${i.name} ${i.category}`.toLowerCase().replace(/_/g, ' ');
    return words.every((w) => hay.includes(w));
  });
}

export type IntentSortKey = 'intent' | 'candidateF1' | 'activeF1' | 'delta' | 'support';

export interface IntentRow extends IntentDelta {
  intent: string;
}

/**
 * The per-intent rows sorted by a column; ties by name so the order is stable.
 * @example sortIntentRows(perIntent, 'delta', 'asc')[0] // the intent that got worst
 */
export function sortIntentRows(perIntent: Record<string, IntentDelta>, key: IntentSortKey, dir: 'asc' | 'desc'): IntentRow[] {
  const rows = Object.entries(perIntent).map(([intent, d]) => ({ intent, ...d }));
  const sign = dir === 'asc' ? 1 : -1;
  return rows.sort((a, b) => {
    const byName = a.intent < b.intent ? -1 : a.intent > b.intent ? 1 : 0;
    if (key === 'intent') return sign * byName;
    const d = a[key] - b[key];
    return d !== 0 ? sign * d : byName;
  });
}

export interface HeatCell {
  count: number;
  /** Share of the true label's examples (row), 0…1. */
  share: number;
  /** On the diagonal: predicted right. */
  correct: boolean;
  /** Background opacity, 0 for an empty cell. */
  alpha: number;
  /** Dark cells get light text. */
  darkText: boolean;
  /** For the tooltip and screen readers. */
  title: string;
}

/**
 * Shades a confusion matrix by row share: right answers (diagonal) in green, confusions in red;
 * an empty cell stays blank. Counts are kept for the tooltip: "true refund status → predicted
 * refund missing: 3 of 12 (25%)".
 */
export function heatCells(labels: readonly string[], matrix: readonly (readonly number[])[]): HeatCell[][] {
  return labels.map((truth, i) => {
    const row = matrix[i] ?? [];
    const total = row.reduce((s, n) => s + n, 0);
    return labels.map((pred, j) => {
      const count = row[j] ?? 0;
      const share = total > 0 ? count / total : 0;
      const alpha = count > 0 ? 0.15 + 0.85 * share : 0;
      return {
        count,
        share,
        correct: i === j,
        alpha: Math.round(alpha * 1000) / 1000,
        darkText: alpha <= 0.55,
        title: `true ${intentLabel(truth)} → predicted ${intentLabel(pred)}: ${count} of ${total} (${pct(share, 0)})`,
      };
    });
  });
}

/** What the progress line says. */
export function runText(run: { status: string; progress: number; error?: string; embedding?: { done: number; total: number } }): string {
  const p = Math.round(Math.max(0, Math.min(1, run.progress)) * 100);
  if (run.status === 'succeeded') return 'Training finished: 100%. The report is below.';
  if (run.status === 'failed') return `Training failed${run.error ? `: ${run.error}` : '.'}`;
  if (run.embedding) return `Embedding examples for accurate mode: ${run.embedding.done} of ${run.embedding.total}… ${p}%`;
  return `Training… ${p}%`;
}

/**
 * A model version's mode as operators read it (`metrics.mode`; versions from before modes are the default).
 * @example modeName('use-lite') // 'Accurate (USE lite)'
 */
export function modeName(mode: string | undefined): string {
  if (!mode || mode === 'default') return 'Default';
  if (mode === 'use-lite') return 'Accurate (USE lite)';
  return mode;
}

/** What a mode means, for the cell's tooltip. */
export function modeHint(mode: string | undefined): string {
  if (!mode || mode === 'default') return 'Words, character groups and word vectors';
  return `Also sentence embeddings (${mode}); servers need NLU_ENCODER=${mode} to use it`;
}

/**
 * Reads a threshold field: empty means "use the global one" (null).
 * @example parseThreshold('0.7') // { value: 0.7 }
 */
export function parseThreshold(raw: string): { value: number | null } | { error: string } {
  const t = raw.trim();
  if (!t) return { value: null };
  const n = Number(t.replace(',', '.'));
  if (!Number.isFinite(n) || n < 0 || n > 1) return { error: 'Enter a number from 0 to 1, or leave it empty to use the global threshold.' };
  return { value: n };
}

/** A long id shortened for a table cell (the full one goes in the tooltip). */
export function shortId(id: string, keep = 8): string {
  return id.length > keep + 1 ? `${id.slice(0, keep)}…` : id;
}
