import { createHash } from 'node:crypto';
import type { SentenceEncoder } from '../../src/nlu/sentence-encoder';

/**
 * A deterministic stand-in for USE lite (named `use-lite` so models record accurate mode): 16
 * dimensions from the text's sha256, instant. Records every text it embeds.
 */
export function standInEncoder(): SentenceEncoder & { embedded: string[] } {
  const embedded: string[] = [];
  return {
    name: 'use-lite',
    dims: 16,
    embedded,
    async embed(texts) {
      embedded.push(...texts);
      return texts.map((t) => Float32Array.from(createHash('sha256').update(t).digest().subarray(0, 16), (b) => b / 128 - 1));
    },
  };
}
