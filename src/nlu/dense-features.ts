/**
 * Dense feature blocks appended to the sparse TF-IDF vector of a text (early fusion: one softmax
 * sees both). Each block is a fixed-length vector per text, L2-normalised and scaled small, so the
 * TF-IDF features still carry most of the decision and the dense ones add what the training texts
 * alone cannot know (that two different words mean the same).
 */
import type { SparseVector } from './features';
import { normalize, words } from './tokenize';
import { averageVector, GLOVE_TABLE, loadGloveTable, type WordVectorTable } from './word-vectors';

/** Word-vector block options. */
export interface WordVectorOptions {
  /** L2 norm of the block (the TF-IDF blocks have norms 1, 0.6, 0.4 and 1; default 1). */
  scale: number;
  /** Frequency rank at which a word counts half (`frequencyWeight`). */
  halfAt: number;
}

export type DenseBlockJSON =
  | { kind: 'glove'; table: string; sha256: string; dims: number; scale: number; halfAt: number }
  | { kind: 'sentence'; encoder: string; dims: number; scale: number };

export interface DenseBlock {
  readonly dims: number;
  /** The block's values for one text (length `dims`). */
  values(text: string): Float32Array;
  /** Readies `values` for these texts when that needs asynchronous work (embedding them). */
  prepare?(texts: string[]): Promise<void>;
  toJSON(): DenseBlockJSON;
}

/** Where a sentence block gets embeddings from (`SentenceCache` is one). */
export interface SentenceSource {
  lookup(text: string): Float32Array | undefined;
  prepare(texts: string[]): Promise<void>;
}

/**
 * The frequency-weighted GloVe average of the text's words.
 * @example gloveBlock({ scale: 0.5, halfAt: 300 }).values('where is my cash')
 */
export function gloveBlock(opts: WordVectorOptions, table: WordVectorTable = loadGloveTable()): DenseBlock {
  return {
    dims: table.dims,
    values: (text) => averageVector(table, words(normalize(text)), opts.scale, opts.halfAt),
    toJSON: () => ({ kind: 'glove', table: GLOVE_TABLE.file, sha256: table.sha256, dims: table.dims, ...opts }),
  };
}

/**
 * A sentence encoder's embedding of the text, L2-normalised and scaled. `values` is synchronous:
 * texts are embedded ahead by `prepare` (src/nlu/sentence-cache.ts); a text nobody prepared gives
 * zeros, which leaves the TF-IDF and word-vector features to decide.
 * @example sentenceBlock('use-lite', 512, 1, cache)
 */
export function sentenceBlock(encoder: string, dims: number, scale: number, source: SentenceSource): DenseBlock {
  return {
    dims,
    prepare: (texts) => source.prepare(texts),
    values(text) {
      const e = source.lookup(text);
      const out = new Float32Array(dims);
      if (!e) return out;
      let norm = 0;
      for (let d = 0; d < dims; d++) norm += (e[d] as number) * (e[d] as number);
      if (norm === 0) return out;
      const k = scale / Math.sqrt(norm);
      for (let d = 0; d < dims; d++) out[d] = (e[d] as number) * k;
      return out;
    },
    toJSON: () => ({ kind: 'sentence', encoder, dims, scale }),
  };
}

/** Total number of dense features. */
export function denseSize(blocks: DenseBlock[]): number {
  return blocks.reduce((n, b) => n + b.dims, 0);
}

/**
 * `x` with the blocks' values appended at feature ids `offset`, `offset + 1`, …
 * @example withDense(space.vectorize(text), space.size, [glove], text)
 */
export function withDense(x: SparseVector, offset: number, blocks: DenseBlock[], text: string): SparseVector {
  if (blocks.length === 0) return x;
  const n = x.index.length + denseSize(blocks);
  const index = new Int32Array(n);
  const value = new Float32Array(n);
  index.set(x.index);
  value.set(x.value);
  let at = x.index.length;
  let id = offset;
  for (const b of blocks) {
    const v = b.values(text);
    for (let d = 0; d < b.dims; d++) {
      index[at] = id++;
      value[at++] = v[d] as number;
    }
  }
  return { index, value };
}
