/** Reads `cli import` files: JSON Lines `{"text","intent"?}` or CSV with a header `text[,intent]`. */
import { DatasetFormatError, parseCsvRows } from '../nlu/dataset-file';
import type { ImportRow } from './import';

export function parseImportJsonl(input: string, source = 'JSONL'): ImportRow[] {
  const out: ImportRow[] = [];
  input.split(/\r?\n/).forEach((line, k) => {
    if (!line.trim()) return;
    let o: unknown;
    try {
      o = JSON.parse(line);
    } catch {
      throw new DatasetFormatError(`${source}: line ${k + 1} is not valid JSON`);
    }
    const r = o as Record<string, unknown>;
    if (typeof r !== 'object' || r === null || typeof r.text !== 'string') {
      throw new DatasetFormatError(`${source}: line ${k + 1} needs a string field "text"`);
    }
    if (r.intent !== undefined && typeof r.intent !== 'string') {
      throw new DatasetFormatError(`${source}: line ${k + 1}: "intent" must be a string`);
    }
    out.push(r.intent ? { text: r.text, intent: r.intent as string } : { text: r.text });
  });
  return out;
}

export function parseImportCsv(input: string, source = 'CSV'): ImportRow[] {
  const rows = parseCsvRows(input);
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const textCol = header.indexOf('text');
  if (textCol < 0) throw new DatasetFormatError(`${source}: the header row must name a "text" column (and optionally "intent")`);
  const intentCol = header.indexOf('intent');
  return rows.slice(1).map((r) => {
    const text = r[textCol] ?? '';
    const intent = intentCol >= 0 ? (r[intentCol] ?? '').trim() : '';
    return intent ? { text, intent } : { text };
  });
}

/** Format from the extension (.csv, else JSON Lines), or sniffed from the first character. */
export function parseImportFile(file: string, content: string): ImportRow[] {
  const lower = file.toLowerCase();
  const jsonl = lower.endsWith('.jsonl') || lower.endsWith('.ndjson') || (!lower.endsWith('.csv') && content.trimStart().startsWith('{'));
  return jsonl ? parseImportJsonl(content, file) : parseImportCsv(content, file);
}
