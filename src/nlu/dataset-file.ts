/**
 * Reading labelled utterances from CSV (header row; text in the first column, intent in the
 * second, as in BANKING77's files) or JSON Lines (`{"text","intent","category"?}` per line).
 */
import fs from 'node:fs';
import type { LabelledExample } from './types';

export class DatasetFormatError extends Error {
  override name = 'DatasetFormatError';
}

/** RFC 4180 rows: quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF. */
export function parseCsvRows(input: string): string[][] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  let line = 1;
  let fieldStarted = false;
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (ch === '\n') line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
      i++;
      continue;
    }
    if (ch === ',') {
      row.push(field);
      field = '';
      fieldStarted = false;
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      fieldStarted = false;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      continue;
    }
    field += ch;
    fieldStarted = true;
    i++;
  }
  if (quoted) throw new DatasetFormatError(`unterminated quoted field (started before line ${line})`);
  if (fieldStarted || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  // blank lines are not rows
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/**
 * Labelled examples from CSV text with a header row. When the header names an `intent` column,
 * columns are taken by name (`text`, `intent`, optional `category`); otherwise the text is the
 * first column and the intent the second (BANKING77's `text,category` files, where "category"
 * is the intent).
 */
export function parseCsv(input: string, source = 'CSV'): LabelledExample[] {
  const rows = parseCsvRows(input);
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const named = header.includes('intent');
  const textCol = named && header.includes('text') ? header.indexOf('text') : 0;
  const intentCol = named ? header.indexOf('intent') : 1;
  const categoryCol = named ? header.indexOf('category') : -1;
  const out: LabelledExample[] = [];
  rows.slice(1).forEach((r, k) => {
    const text = (r[textCol] ?? '').trim();
    const intent = (r[intentCol] ?? '').trim();
    if (!text || !intent) {
      throw new DatasetFormatError(`${source}: row ${k + 2} needs a text and an intent`);
    }
    const category = categoryCol >= 0 ? r[categoryCol]?.trim() : undefined;
    out.push(category ? { text, intent, category } : { text, intent });
  });
  return out;
}

/** Labelled examples from JSON Lines; blank lines are skipped. */
export function parseJsonl(input: string, source = 'JSONL'): LabelledExample[] {
  const out: LabelledExample[] = [];
  input.split(/\r?\n/).forEach((line, k) => {
    if (!line.trim()) return;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch {
      throw new DatasetFormatError(`${source}: line ${k + 1} is not valid JSON`);
    }
    const o = obj as Record<string, unknown>;
    if (typeof o !== 'object' || o === null || typeof o.text !== 'string' || typeof o.intent !== 'string') {
      throw new DatasetFormatError(`${source}: line ${k + 1} needs string fields "text" and "intent"`);
    }
    const ex: LabelledExample = { text: o.text, intent: o.intent };
    if (typeof o.category === 'string') ex.category = o.category;
    out.push(ex);
  });
  return out;
}

/** Reads a .csv or .jsonl/.json file (format from the extension, else sniffed from the first character). */
export function readLabelledFile(file: string): LabelledExample[] {
  const text = fs.readFileSync(file, 'utf8');
  const lower = file.toLowerCase();
  const jsonl =
    lower.endsWith('.jsonl') || lower.endsWith('.ndjson') || lower.endsWith('.json') ||
    (!lower.endsWith('.csv') && text.trimStart().startsWith('{'));
  const examples = jsonl ? parseJsonl(text, file) : parseCsv(text, file);
  if (examples.length === 0) throw new DatasetFormatError(`${file}: no examples`);
  return examples;
}
