/**
 * Pretrained word vectors: knowledge from outside the training data, so "cash" and "money" or
 * "delivered" and "arrived" look alike to the intent model even when the training examples use
 * only one of them.
 *
 * The table is GloVe 6B 100-d (Pennington, Socher & Manning 2014; Public Domain Dedication and
 * License v1.0), the 50,000 most frequent all-letter words, stored as int8 with one float32
 * scale per word (vectors/README.md; derived by scripts/glove-table.ts). It is loaded once per
 * process and checked against its sha256, so a damaged or different file fails loudly instead of
 * silently changing predictions.
 *
 * File layout (little-endian): "GV8\0", u32 words, u32 dimensions, u32 byte length of the word
 * list (padded to 4), the words joined by "\n" (zero-padded), float32 scale per word, then
 * int8 values word by word (value = int8 × scale).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The shipped table: its file name under vectors/ and the sha256 it must have. */
export const GLOVE_TABLE = {
  file: 'glove-6b-100d-50k.bin',
  sha256: '398025712f2ee44b70ec5bfc52e984d5ce9587383d6a3db6e2ee2a33cbd3f3a1',
  dims: 100,
} as const;

const MAGIC = 'GV8\0';

export class VectorTableError extends Error {
  override name = 'VectorTableError';
}

export interface WordVectorTable {
  readonly size: number;
  readonly dims: number;
  /** sha256 of the file it was read from. */
  readonly sha256: string;
  /** Row of a (lowercase) word, or -1. Rows are in frequency order: row 0 is the most frequent word. */
  row(word: string): number;
  /** `out[d] += weight × vector(row)[d]` for every dimension. */
  addRow(out: Float64Array, row: number, weight: number): void;
}

/**
 * Encodes words and their vectors as the int8 table format (deterministic: the same input gives the same bytes).
 * @example encodeVectorTable(['cash', 'money'], [[0.1, -0.2], [0.12, -0.19]], 2)
 */
export function encodeVectorTable(words: string[], rows: number[][], dims: number): Buffer {
  if (words.length !== rows.length) throw new Error('encodeVectorTable: one row per word');
  const list = Buffer.from(words.join('\n'), 'utf8');
  const listBytes = Math.ceil(list.length / 4) * 4;
  const out = Buffer.alloc(16 + listBytes + words.length * 4 + words.length * dims);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(words.length, 4);
  out.writeUInt32LE(dims, 8);
  out.writeUInt32LE(listBytes, 12);
  list.copy(out, 16);
  const scalesAt = 16 + listBytes;
  const valuesAt = scalesAt + words.length * 4;
  rows.forEach((v, i) => {
    if (v.length !== dims) throw new Error(`encodeVectorTable: row ${i} has ${v.length} values, not ${dims}`);
    let max = 0;
    for (const x of v) max = Math.max(max, Math.abs(x));
    const scale = Math.fround(max / 127 || 1);
    out.writeFloatLE(scale, scalesAt + i * 4);
    for (let d = 0; d < dims; d++) out.writeInt8(Math.max(-127, Math.min(127, Math.round((v[d] as number) / scale))), valuesAt + i * dims + d);
  });
  return out;
}

/** Reads the table format; `expectedSha256` (when given) must match the bytes. */
export function decodeVectorTable(bytes: Buffer, expectedSha256?: string): WordVectorTable {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (expectedSha256 !== undefined && sha256 !== expectedSha256) {
    throw new VectorTableError(`word-vector table checksum mismatch: sha256 ${sha256}, expected ${expectedSha256} (regenerate it with scripts/glove-table.ts)`);
  }
  if (bytes.length < 16 || bytes.toString('latin1', 0, 4) !== MAGIC) throw new VectorTableError('not a word-vector table (bad magic)');
  const size = bytes.readUInt32LE(4);
  const dims = bytes.readUInt32LE(8);
  const listBytes = bytes.readUInt32LE(12);
  const scalesAt = 16 + listBytes;
  const valuesAt = scalesAt + size * 4;
  if (bytes.length !== valuesAt + size * dims) throw new VectorTableError(`word-vector table is ${bytes.length} bytes, expected ${valuesAt + size * dims}`);
  const words = bytes.toString('utf8', 16, 16 + listBytes).replace(/\0+$/, '').split('\n');
  if (words.length !== size) throw new VectorTableError(`word-vector table lists ${words.length} words, header says ${size}`);
  const index = new Map(words.map((w, i) => [w, i]));
  const scales = new Float32Array(size);
  for (let i = 0; i < size; i++) scales[i] = bytes.readFloatLE(scalesAt + i * 4);
  const values = new Int8Array(bytes.buffer, bytes.byteOffset + valuesAt, size * dims);
  return {
    size,
    dims,
    sha256,
    row: (word) => index.get(word) ?? -1,
    addRow(out, row, weight) {
      const s = weight * (scales[row] as number);
      const at = row * dims;
      for (let d = 0; d < dims; d++) out[d] = (out[d] as number) + s * (values[at + d] as number);
    },
  };
}

/** The shipped table's path: `vectors/<file>` in the nearest folder above this module that has it (source and compiled layouts alike). */
export function defaultTablePath(file: string = GLOVE_TABLE.file): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'vectors', file);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new VectorTableError(`word-vector table vectors/${file} not found above ${__dirname}`);
  }
}

const loaded = new Map<string, WordVectorTable>();

/**
 * The shipped GloVe table, read and checksum-checked once per process.
 * @example const glove = loadGloveTable(); glove.row('refund') // ≥ 0
 */
export function loadGloveTable(file: string = defaultTablePath(), sha256: string = GLOVE_TABLE.sha256): WordVectorTable {
  const key = `${file}\u0000${sha256}`;
  let table = loaded.get(key);
  if (!table) {
    table = decodeVectorTable(fs.readFileSync(file), sha256);
    loaded.set(key, table);
  }
  return table;
}

/**
 * Frequency weight of the word in `row` (0 = most frequent): `row / (row + halfAt)`, so "the",
 * "my", "i" count for little and content words almost fully (a smooth inverse frequency, after
 * Arora et al. 2017's SIF weights, with GloVe's frequency order standing in for counts).
 */
export function frequencyWeight(row: number, halfAt: number): number {
  return (row + 1) / (row + 1 + halfAt);
}

/**
 * The frequency-weighted average of the known words' vectors, L2-normalised and multiplied by
 * `scale` (all zeros when no word is known). `words` are lowercase, unstemmed.
 * @example averageVector(loadGloveTable(), ['where', 'is', 'my', 'refund'], 0.5, 100)
 */
export function averageVector(table: WordVectorTable, words: string[], scale: number, halfAt: number): Float32Array {
  const sum = new Float64Array(table.dims);
  for (const w of words) {
    const r = table.row(w);
    if (r >= 0) table.addRow(sum, r, frequencyWeight(r, halfAt));
  }
  let norm = 0;
  for (const v of sum) norm += v * v;
  const out = new Float32Array(table.dims);
  if (norm === 0) return out;
  const k = scale / Math.sqrt(norm);
  for (let d = 0; d < out.length; d++) out[d] = (sum[d] as number) * k;
  return out;
}
