/**
 * Sentence embeddings cached by text hash, so a retrain embeds only the examples it has not seen
 * (embedding BANKING77's 10,000 training texts takes minutes; looking them up takes milliseconds).
 *
 * Training texts are kept in an append-only file, `<dir>/<encoder>.emb`: records of the text's
 * sha256 (32 bytes) and its float32 embedding. Several readers (the server and its training
 * worker thread) share it; `ensure` first reads what others appended. Texts that are only
 * classified (customer messages) are embedded by `prepare` into a bounded in-memory cache and are
 * never written to disk.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SentenceEncoder } from './sentence-encoder';

export interface SentenceCache {
  readonly encoder: string;
  /** Length of an embedding. */
  readonly dims: number;
  /** The embedding of a text already embedded (by `ensure` or `prepare`), else undefined. Synchronous. */
  lookup(text: string): Float32Array | undefined;
  /**
   * Embeds the texts that are not cached yet and stores them (on disk when the cache has a file).
   * `onProgress(done, total)` after each batch, counting only texts that needed embedding.
   */
  ensure(texts: string[], onProgress?: (done: number, total: number) => void): Promise<{ embedded: number; cached: number }>;
  /** Embeds unknown texts into the in-memory cache only (for classifying). */
  prepare(texts: string[]): Promise<void>;
  /** Texts cached on disk. */
  readonly size: number;
}

export interface SentenceCacheOptions {
  encoder: SentenceEncoder;
  /** Folder of the cache file (config `DATA_DIR/embeddings`); omitted: memory only. */
  dir?: string;
  /** Embeddings of classified texts kept in memory. Default 2000. */
  recent?: number;
  /** Texts embedded per progress report and file append. Default 64. */
  chunk?: number;
}

const HASH = 32;

const keyOf = (text: string): string => createHash('sha256').update(text).digest('base64');

/**
 * @example const cache = openSentenceCache({ encoder: await loadUseLite(), dir: path.join(dataDir, 'embeddings') });
 *          await cache.ensure(examples.map((e) => e.text), (done, total) => log(done, total));
 */
export function openSentenceCache(opts: SentenceCacheOptions): SentenceCache {
  const { encoder } = opts;
  const dims = encoder.dims;
  const record = HASH + dims * 4;
  const file = opts.dir ? path.join(opts.dir, `${encoder.name}.emb`) : undefined;
  const stored = new Map<string, Float32Array>();
  const recent = new Map<string, Float32Array>();
  const recentMax = opts.recent ?? 2000;
  const chunk = opts.chunk ?? 64;
  let readUpTo = 0;

  /** Reads the records appended since the last read (a trailing partial record is left for later). */
  const refresh = (): void => {
    if (!file || !fs.existsSync(file)) return;
    const size = fs.statSync(file).size;
    const whole = Math.floor((size - readUpTo) / record) * record;
    if (whole <= 0) return;
    const buf = Buffer.alloc(whole);
    const fd = fs.openSync(file, 'r');
    try {
      fs.readSync(fd, buf, 0, whole, readUpTo);
    } finally {
      fs.closeSync(fd);
    }
    for (let at = 0; at < whole; at += record) {
      const v = new Float32Array(dims);
      for (let d = 0; d < dims; d++) v[d] = buf.readFloatLE(at + HASH + d * 4);
      stored.set(buf.toString('base64', at, at + HASH), v);
    }
    readUpTo += whole;
  };

  const append = (keys: string[], vectors: Float32Array[]): void => {
    if (!file) return;
    const buf = Buffer.alloc(keys.length * record);
    keys.forEach((k, i) => {
      Buffer.from(k, 'base64').copy(buf, i * record);
      vectors[i]!.forEach((x, d) => buf.writeFloatLE(x, i * record + HASH + d * 4));
    });
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // one write of whole records (O_APPEND); the next refresh reads them back with whatever others
    // appended meanwhile, so readUpTo stays on a record boundary
    fs.appendFileSync(file, buf);
  };

  refresh();

  return {
    encoder: encoder.name,
    dims,
    get size() {
      return stored.size;
    },
    lookup(text) {
      const k = keyOf(text);
      return stored.get(k) ?? recent.get(k);
    },
    async ensure(texts, onProgress) {
      refresh();
      const missing = new Map<string, string>();
      for (const t of texts) {
        const k = keyOf(t);
        if (!stored.has(k)) missing.set(k, t);
      }
      const todo = [...missing];
      onProgress?.(0, todo.length);
      for (let i = 0; i < todo.length; i += chunk) {
        const part = todo.slice(i, i + chunk);
        const vectors = await encoder.embed(part.map(([, t]) => t));
        part.forEach(([k], j) => stored.set(k, vectors[j]!));
        append(
          part.map(([k]) => k),
          vectors,
        );
        onProgress?.(Math.min(todo.length, i + chunk), todo.length);
        // let a server answer chats between chunks (embedding runs on the calling thread)
        await new Promise((r) => setImmediate(r));
      }
      return { embedded: todo.length, cached: texts.length - todo.length };
    },
    async prepare(texts) {
      const todo = [...new Set(texts)].filter((t) => {
        const k = keyOf(t);
        return !stored.has(k) && !recent.has(k);
      });
      if (todo.length === 0) return;
      const vectors = await encoder.embed(todo);
      todo.forEach((t, i) => {
        recent.set(keyOf(t), vectors[i]!);
        if (recent.size > recentMax) recent.delete(recent.keys().next().value as string);
      });
    },
  };
}
