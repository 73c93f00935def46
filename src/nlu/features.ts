/**
 * Sparse TF-IDF features over word unigrams, word bigrams (optionally trigrams and near word
 * pairs) and character n-grams.
 *
 * Each kind of token is weighted and L2-normalised as its own block, so the many character
 * n-grams of a text do not drown its few words; the blocks are then scaled by `weights`.
 */
import { CharGramIndex } from './char-grams';
import { tokens, type TokenOptions, type Tokens } from './tokenize';

/** Relative weight of each block; a block with weight 0 (or absent, for the optional ones) is not computed. */
export interface BlockWeights {
  words: number;
  bigrams: number;
  chars: number;
  trigrams?: number;
  pairs?: number;
}

export interface FeatureOptions extends TokenOptions {
  /** Tokens seen in fewer training texts are dropped. Default 2 (1 for tiny data sets). */
  minDf?: number;
  /** Relative weights of the blocks. Default words 1, bigrams 0.6, chars 1. */
  weights?: BlockWeights;
  /**
   * How vocabulary ids are assigned. `frequency` (default): most frequent token first, so the
   * weight rows that almost every example touches sit together in memory and training runs faster
   * (`npm run bench:train`); `alphabetical`: the order before. Predictions are the same either way.
   */
  vocabularyOrder?: 'frequency' | 'alphabetical';
}

export interface SparseVector {
  index: Int32Array;
  value: Float32Array;
}

export interface FeatureSpaceJSON {
  vocabulary: string[];
  idf: number[];
  options: Required<Pick<FeatureOptions, 'charMin' | 'charMax' | 'charScope'>> &
    Pick<FeatureOptions, 'trigrams' | 'pairWindow'> & { weights: BlockWeights };
}

const DEFAULT_WEIGHTS: BlockWeights = { words: 1, bigrams: 0.6, chars: 1 };
const BLOCKS = ['words', 'bigrams', 'trigrams', 'pairs', 'chars'] as const;

export class FeatureSpace {
  private readonly index: Map<string, number>;
  /** The same ids as `index` for character n-grams, looked up without building their strings. */
  private readonly charIndex: CharGramIndex;
  private readonly blocks: { name: (typeof BLOCKS)[number]; weight: number }[];
  /** IDF of the rarest known token: the weight an unknown token gets in `vectorizeWithCoverage`. */
  private readonly maxIdf: number = 0;
  /** Per-token counts while one text is vectorised (all zeros between calls); allocated on first use. */
  private counts: Int32Array | undefined;

  private constructor(
    readonly vocabulary: string[],
    readonly idf: Float32Array,
    readonly options: FeatureSpaceJSON['options'],
  ) {
    this.index = new Map(vocabulary.map((t, i) => [t, i]));
    this.charIndex = new CharGramIndex(vocabulary);
    this.blocks = activeBlocks(options.weights);
    for (const v of idf) this.maxIdf = Math.max(this.maxIdf, v);
  }

  get size(): number {
    return this.vocabulary.length;
  }

  /** Builds the vocabulary and inverse document frequencies from training texts. */
  static fit(texts: string[], opts: FeatureOptions = {}): FeatureSpace {
    return FeatureSpace.fitTransform(texts, opts).space;
  }

  /** `fit`, and the vectors of the same texts, tokenising each text once. */
  static fitTransform(texts: string[], opts: FeatureOptions = {}): { space: FeatureSpace; vectors: SparseVector[] } {
    const weights = opts.weights ?? DEFAULT_WEIGHTS;
    const options: FeatureSpaceJSON['options'] = {
      charMin: opts.charMin ?? 3,
      charMax: opts.charMax ?? 5,
      charScope: opts.charScope ?? 'text',
      weights,
    };
    if (weights.trigrams) options.trigrams = true;
    if (weights.pairs) options.pairWindow = opts.pairWindow ?? 4;
    const minDf = opts.minDf ?? (texts.length < 2000 ? 1 : 2);
    const blocks = activeBlocks(weights);
    // one pass: every distinct token gets a provisional id, and each text keeps its ids per block
    const provisional = new Map<string, number>();
    const names: string[] = [];
    const df: number[] = [];
    const lastText: number[] = [];
    const docs = texts.map((text, d) => {
      const t = tokens(text, options);
      return blocks.map(({ name }) => {
        const list = t[name];
        const ids = new Int32Array(list.length);
        for (let k = 0; k < list.length; k++) {
          const tok = list[k] as string;
          let id = provisional.get(tok);
          if (id === undefined) {
            id = names.length;
            provisional.set(tok, id);
            names.push(tok);
            df.push(0);
            lastText.push(-1);
          }
          ids[k] = id;
          if (lastText[id] !== d) {
            lastText[id] = d;
            df[id] = (df[id] as number) + 1;
          }
        }
        return ids;
      });
    });
    const kept = names.map((_, id) => id).filter((id) => (df[id] as number) >= minDf);
    // ties (and the alphabetical order) by name, so the ids are deterministic
    const byFrequency = (opts.vocabularyOrder ?? 'frequency') === 'frequency';
    kept.sort((x, y) => (byFrequency ? (df[y] as number) - (df[x] as number) : 0) || ((names[x] as string) < (names[y] as string) ? -1 : 1));
    const finalId = new Int32Array(names.length).fill(-1);
    const n = texts.length;
    const idf = new Float32Array(kept.length);
    kept.forEach((id, i) => {
      finalId[id] = i;
      idf[i] = Math.log((1 + n) / (1 + (df[id] as number))) + 1;
    });
    const space = new FeatureSpace(
      kept.map((id) => names[id] as string),
      idf,
      options,
    );
    const vectors = docs.map((perBlock) => space.vectorizeIds(perBlock.map((ids) => ids.map((id) => finalId[id] as number))));
    return { space, vectors };
  }

  static fromJSON(json: FeatureSpaceJSON): FeatureSpace {
    return new FeatureSpace(json.vocabulary, Float32Array.from(json.idf), json.options);
  }

  toJSON(): FeatureSpaceJSON {
    return { vocabulary: this.vocabulary, idf: Array.from(this.idf), options: this.options };
  }

  /** Sublinear TF-IDF vector of a text, each block L2-normalised and weighted. */
  vectorize(text: string): SparseVector {
    return this.vectorizeIds(this.tokenIds(text));
  }

  /**
   * The vector of a text and how much of it the vocabulary knows: per block, the IDF mass of its
   * known tokens over that of all its tokens (an unknown token weighs as the rarest known one),
   * multiplied over the word and character blocks. 1 when every word and character n-gram was seen
   * in training; out-of-scope requests use words the training data never had, so theirs is lower.
   */
  vectorizeWithCoverage(text: string): { vector: SparseVector; coverage: number } {
    const perBlock = this.tokenIds(text);
    let coverage = 1;
    this.blocks.forEach(({ name }, b) => {
      if (name !== 'words' && name !== 'chars') return;
      let known = 0;
      let unknown = 0;
      for (const i of perBlock[b] as Int32Array) {
        if (i >= 0) known += this.idf[i] as number;
        else unknown++;
      }
      const all = known + unknown * this.maxIdf;
      if (all > 0) coverage *= known / all;
    });
    return { vector: this.vectorizeIds(perBlock), coverage };
  }

  /** Vocabulary ids of a text's tokens, one array per active block in `blocks` order (-1 = unknown). */
  tokenIds(text: string): Int32Array[] {
    return this.idsOf(this.tokensOf(text));
  }

  /** The active blocks, in the order `tokenIds` returns them. */
  get blockNames(): string[] {
    return this.blocks.map((b) => b.name);
  }

  /** Tokens of a text as `idsOf` needs them: character n-grams are looked up from their sources, not built. */
  private tokensOf(text: string): Tokens {
    return tokens(text, { ...this.options, charStrings: false });
  }

  private idsOf(t: Tokens): Int32Array[] {
    return this.blocks.map(({ name }) => {
      if (name === 'chars') return this.charIndex.idsOf(t.charSources, this.options.charMin, this.options.charMax);
      const list = t[name];
      const ids = new Int32Array(list.length);
      for (let k = 0; k < list.length; k++) ids[k] = this.index.get(list[k] as string) ?? -1;
      return ids;
    });
  }

  /** The vector of a text given the vocabulary ids of its tokens per active block (-1 = unknown). */
  private vectorizeIds(perBlock: Int32Array[]): SparseVector {
    const idx: number[] = [];
    const val: number[] = [];
    // a typed array instead of a Map: the same first-seen order, several times faster per text
    const counts = (this.counts ??= new Int32Array(this.vocabulary.length));
    this.blocks.forEach(({ weight }, b) => {
      const start = idx.length;
      for (const i of perBlock[b] as Int32Array) {
        if (i < 0) continue;
        if (counts[i] === 0) idx.push(i);
        counts[i] = (counts[i] as number) + 1;
      }
      let norm = 0;
      for (let k = start; k < idx.length; k++) {
        const i = idx[k] as number;
        const v = (1 + Math.log(counts[i] as number)) * (this.idf[i] as number);
        counts[i] = 0;
        val.push(v);
        norm += v * v;
      }
      if (norm > 0) {
        const scale = weight / Math.sqrt(norm);
        for (let k = start; k < val.length; k++) val[k] = (val[k] as number) * scale;
      }
    });
    return { index: Int32Array.from(idx), value: Float32Array.from(val) };
  }
}

function activeBlocks(weights: BlockWeights): { name: (typeof BLOCKS)[number]; weight: number }[] {
  return BLOCKS.map((name) => ({ name, weight: weights[name] ?? 0 })).filter((b) => b.weight !== 0);
}
