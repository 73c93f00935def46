/** Accurate mode in the benchmarks: USE lite embeddings cached on disk across runs (node_modules/.cache/nlu-bench, or NLU_BENCH_CACHE). */
import path from 'node:path';
import { openSentenceCache, type SentenceCache } from '../../src/nlu/sentence-cache';
import { loadUseLite } from '../../src/nlu/sentence-encoder';

export const BENCH_CACHE_DIR = process.env.NLU_BENCH_CACHE ?? path.resolve(__dirname, '../../node_modules/.cache/nlu-bench');

let cache: Promise<SentenceCache> | undefined;

/** The benchmarks' shared embedding cache (loads the encoder once). */
export function benchSentenceCache(): Promise<SentenceCache> {
  cache ??= loadUseLite().then((encoder) => openSentenceCache({ encoder, dir: BENCH_CACHE_DIR }));
  return cache;
}
