/**
 * Training in either mode: the default (TF-IDF + word vectors) is `trainModel` as is; accurate
 * mode first embeds the examples it has not embedded before (`SentenceCache.ensure`), then adds
 * their sentence embeddings as one more dense block of the same softmax.
 */
import { sentenceBlock } from './dense-features';
import { trainModel, type IntentModel, type TrainOptions } from './model';
import type { SentenceCache } from './sentence-cache';
import type { LabelledExample } from './types';

/**
 * Norm of the sentence-embedding block next to the TF-IDF blocks (norms 1, 0.6, 0.4, 1) and the
 * word vectors (1); chosen on validation data only (`npm run bench:nlu-vectors -- --sentence`).
 */
export const DEFAULT_SENTENCE_SCALE = 1;

export interface ModeTrainOptions extends TrainOptions {
  /** Accurate mode: the embedding cache of its encoder. Omitted: the default mode. */
  sentences?: SentenceCache;
  /** Norm of the sentence block. Default `DEFAULT_SENTENCE_SCALE`. */
  sentenceScale?: number;
  /** While embedding (accurate mode): texts embedded so far and texts that needed embedding. */
  onEmbedding?: (done: number, total: number) => void;
}

/**
 * @example const model = await trainForMode(examples, { seed: 1, sentences: cache, onEmbedding: (d, t) => log(d, t) });
 */
export async function trainForMode(examples: LabelledExample[], opts: ModeTrainOptions = {}): Promise<IntentModel> {
  const { sentences, sentenceScale, onEmbedding, ...rest } = opts;
  if (!sentences) return trainModel(examples, rest);
  await sentences.ensure(
    examples.map((e) => e.text),
    onEmbedding,
  );
  const block = sentenceBlock(sentences.encoder, sentences.dims, sentenceScale ?? DEFAULT_SENTENCE_SCALE, sentences);
  return trainModel(examples, { ...rest, encoder: sentences.encoder, dense: [...(rest.dense ?? []), block] });
}
