/**
 * Text normalisation and feature tokens for the intent classifier.
 *
 * Customers type fast and badly, so besides stemmed words the classifier sees character n-grams
 * of each word: "refnud" still shares "ref", "efn"… with "refund", and the model learns from both.
 */
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer';
import AggressiveTokenizer from 'natural/lib/natural/tokenizers/aggressive_tokenizer';

const tokenizer = new AggressiveTokenizer();

/**
 * Lowercases, folds unicode compatibility forms and accents ("Café" → "cafe"), unifies curly
 * quotes, drops apostrophes inside words ("don't" → "dont"), collapses runs of three or more of
 * the same character to two ("sooooo" → "soo", "!!!!" → "!!") and squeezes whitespace.
 */
export function normalize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/(\p{L})'(\p{L})/gu, '$1$2')
    .replace(/(.)\1{2,}/gu, '$1$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Word tokens of normalised text (natural's aggressive tokenizer; digits kept, quotes and dashes trimmed). */
export function words(normalized: string): string[] {
  const out: string[] = [];
  for (const raw of tokenizer.tokenize(normalized)) {
    const t = raw.replace(/^['\-/]+|['\-/]+$/g, '');
    if (t) out.push(t);
  }
  return out;
}

const STEM_CACHE_MAX = 50_000;
const stemCache = new Map<string, string>();

/** Porter stem, memoised: the stemmer is regex-heavy and vocabularies are small. */
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = /^\d+$/.test(word) ? '<num>' : PorterStemmer.stem(word);
    if (stemCache.size >= STEM_CACHE_MAX) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

/** Character n-grams of one word, padded with a space on each side so prefixes and suffixes are marked. */
export function charNgrams(word: string, min = 3, max = 5): string[] {
  const padded = ` ${word} `;
  const out: string[] = [];
  for (let n = min; n <= max; n++) {
    for (let i = 0; i + n <= padded.length; i++) out.push(padded.slice(i, i + n));
  }
  return out;
}

export interface TokenOptions {
  /** Smallest character n-gram. Default 3. */
  charMin?: number;
  /** Largest character n-gram. Default 5. */
  charMax?: number;
  /**
   * `word`: n-grams inside each word; `text`: over the whole normalised text, so n-grams span
   * word boundaries and also catch split or joined words ("re fund", "myrefund"). Default `text`.
   */
  charScope?: 'word' | 'text';
  /** Also produce word trigrams. Default false. */
  trigrams?: boolean;
  /** Produce word pairs up to this distance apart (0 = none). Default 0. */
  pairWindow?: number;
  /**
   * Build the `chars` strings. Default true; false leaves `chars` empty for callers that look the
   * n-grams up from `charSources` directly (`CharGramIndex`), which saves a string per n-gram.
   */
  charStrings?: boolean;
}

/** The features of one text, grouped by kind; each list may repeat a token (counts matter). */
export interface Tokens {
  /** Stemmed words, prefixed `w:`. */
  words: string[];
  /** Adjacent stemmed word pairs with sentence boundaries, prefixed `b:`. */
  bigrams: string[];
  /** Character n-grams inside word boundaries, prefixed `c:` (empty when `charStrings` is false). */
  chars: string[];
  /** The strings the character n-grams come from, each to be padded with a space on both sides: the whole text, or each word. */
  charSources: string[];
  /** Adjacent stemmed word triples with sentence boundaries, prefixed `t:` (only when asked for). */
  trigrams: string[];
  /** Unordered pairs of distinct stemmed words within `pairWindow` of each other, prefixed `p:` (only when asked for). */
  pairs: string[];
}

/**
 * All feature tokens of a text.
 * @example tokens("Where's my refnud??").words // ['w:where', 'w:my', 'w:refnud']
 */
export function tokens(text: string, opts: TokenOptions = {}): Tokens {
  const charMin = opts.charMin ?? 3;
  const charMax = opts.charMax ?? 5;
  const ws = words(normalize(text));
  const stems = ws.map(stem);
  const charSources = (opts.charScope ?? 'text') === 'text' ? [ws.join(' ')] : ws;
  const out: Tokens = { words: [], bigrams: [], chars: [], charSources, trigrams: [], pairs: [] };
  for (const s of stems) out.words.push('w:' + s);
  const seq = ['<s>', ...stems, '</s>'];
  for (let i = 0; i + 1 < seq.length; i++) out.bigrams.push('b:' + seq[i] + ' ' + seq[i + 1]);
  if (opts.trigrams) {
    for (let i = 0; i + 2 < seq.length; i++) out.trigrams.push('t:' + seq[i] + ' ' + seq[i + 1] + ' ' + seq[i + 2]);
  }
  const window = opts.pairWindow ?? 0;
  for (let i = 0; i < stems.length; i++) {
    for (let j = i + 2; j <= i + window && j < stems.length; j++) {
      const a = stems[i] as string;
      const b = stems[j] as string;
      if (a !== b) out.pairs.push(a < b ? `p:${a} ${b}` : `p:${b} ${a}`);
    }
  }
  if (opts.charStrings ?? true) {
    for (const source of charSources) for (const g of charNgrams(source, charMin, charMax)) out.chars.push('c:' + g);
  }
  return out;
}
