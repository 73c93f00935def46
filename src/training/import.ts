/**
 * Transcript import into the triage inbox (`cli import`): masking first, duplicates removed
 * (within the file and against what is already in the inbox, by normalised text).
 */
import { createHash } from 'node:crypto';
import { normalize } from '../nlu/tokenize';
import type { NewTriageItem, TrainingStore } from '../storage/training';

export interface ImportRow {
  text: string;
  /** The intent the source system gave it: shown as the top guess, not a label. */
  intent?: string;
}

export interface ImportResult {
  read: number;
  added: number;
  duplicates: number;
  /** Rows in which something sensitive (a card number…) was masked. */
  masked: number;
  /** Empty rows skipped. */
  empty: number;
}

/** Dedupe key of an imported text: the same words in another case or spacing are the same text. */
export function importKey(text: string): string {
  return `import:${createHash('sha256').update(normalize(text)).digest('hex').slice(0, 32)}`;
}

export async function importTranscripts(
  store: Pick<TrainingStore, 'addTriageItems'>,
  rows: ImportRow[],
  deps: { mask: (text: string) => { text: string; masked: boolean }; categoryOf?: (intent: string) => string; now?: () => number },
): Promise<ImportResult> {
  let masked = 0;
  let empty = 0;
  const items: NewTriageItem[] = [];
  for (const row of rows) {
    const m = deps.mask(row.text);
    const text = m.text.trim();
    if (!text) {
      empty++;
      continue;
    }
    if (m.masked) masked++;
    const item: NewTriageItem = { text, reason: 'imported', dedupeKey: importKey(text) };
    if (row.intent) item.topGuesses = [{ name: row.intent, category: deps.categoryOf?.(row.intent) ?? row.intent, confidence: 1 }];
    if (deps.now) item.createdAt = deps.now();
    items.push(item);
  }
  const { added, duplicates } = await store.addTriageItems(items);
  return { read: rows.length, added, duplicates, masked, empty };
}
