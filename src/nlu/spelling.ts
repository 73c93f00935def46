/**
 * Spelling correction before classification: a word the model never saw in training and that is
 * not a common English word ("refnud", "verifcation", "faling") is replaced by the closest word of
 * the training vocabulary (at most one edit for words of up to 4 letters, two for longer ones:
 * a swap of two neighbouring letters, a dropped, doubled, added or changed letter), the most
 * frequent one on a tie. Everything else is left as typed: known words, words with digits, short
 * words, names the vocabulary has nothing close to. Pure: a lexicon in, a function out.
 *
 * Candidates come from symmetric deletes (SymSpell's idea): every lexicon word's variants with one
 * or two letters deleted are indexed once, so a typo is looked up by its own deletes instead of
 * generating every possible edit.
 */

/** Letters only (apostrophes inside a word kept), lowercased: the words the corrector reads. */
const WORD = /\p{L}+(?:['’]\p{L}+)*/gu;

export interface SpellCorrectorOptions {
  /** The model's training texts (intents' examples): their words, with frequencies, are what a typo is corrected to. */
  texts: Iterable<string>;
  /**
   * A word that is real even though the training texts lack it ("weather", "sofa"): never
   * corrected. Default: none (only the training vocabulary counts as known).
   */
  known?: (word: string) => boolean;
  /** Words shorter than this are never corrected. Default 3. */
  minLength?: number;
}

export interface SpellCorrector {
  /** The text with each unknown word replaced by its correction (case of the first letter kept). */
  correct(text: string): string;
  /** The correction of one lowercase word, or undefined when it is left as typed. */
  correctWord(word: string): string | undefined;
  /** Distinct words of the training vocabulary. */
  readonly size: number;
}

/** Edits allowed for a word of this length. */
function maxEdits(length: number): number {
  return length <= 4 ? 1 : 2;
}

/** The distinct strings of `word` with `n` letters deleted (n = 1 or 2). */
function deletes(word: string, n: number): Set<string> {
  const one = new Set<string>();
  for (let i = 0; i < word.length; i++) one.add(word.slice(0, i) + word.slice(i + 1));
  if (n < 2) return one;
  const two = new Set<string>(one);
  for (const w of one) for (let i = 0; i < w.length; i++) two.add(w.slice(0, i) + w.slice(i + 1));
  return two;
}

/** Optimal string alignment distance (Levenshtein plus the swap of two neighbouring letters). */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => Array.from({ length: n + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[m]![n]!;
}

/**
 * @example
 * const speller = createSpellCorrector({ texts: intents.flatMap((i) => i.examples) });
 * speller.correct('wheres my refnud') // 'wheres my refund' (when "refund" is in the examples)
 */
export function createSpellCorrector(opts: SpellCorrectorOptions): SpellCorrector {
  const minLength = opts.minLength ?? 3;
  const known = opts.known ?? (() => false);
  const freq = new Map<string, number>();
  for (const text of opts.texts) for (const w of text.toLowerCase().match(WORD) ?? []) freq.set(w, (freq.get(w) ?? 0) + 1);
  // delete-variant → lexicon words it comes from (the word itself is its own 0-delete variant)
  const index = new Map<string, string[]>();
  const add = (key: string, word: string) => {
    const list = index.get(key);
    if (list) list.push(word);
    else index.set(key, [word]);
  };
  for (const word of freq.keys()) {
    if (word.length < minLength) continue;
    add(word, word);
    for (const v of deletes(word, maxEdits(word.length))) add(v, word);
  }
  const cache = new Map<string, string | undefined>();

  function correctWord(word: string): string | undefined {
    if (word.length < minLength || freq.has(word) || known(word)) return undefined;
    if (cache.has(word)) return cache.get(word);
    const limit = maxEdits(word.length);
    const candidates = new Set<string>();
    for (const key of [word, ...deletes(word, limit)]) for (const w of index.get(key) ?? []) candidates.add(w);
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const c of candidates) {
      const d = editDistance(word, c);
      if (d > Math.min(limit, maxEdits(c.length))) continue;
      const better = d < bestDistance || (d === bestDistance && best !== undefined && ((freq.get(c) ?? 0) > (freq.get(best) ?? 0) || ((freq.get(c) ?? 0) === (freq.get(best) ?? 0) && c < best)));
      if (better) {
        best = c;
        bestDistance = d;
      }
    }
    if (cache.size > 50_000) cache.clear();
    cache.set(word, best);
    return best;
  }

  return {
    size: freq.size,
    correctWord,
    correct(text: string): string {
      return text.replace(WORD, (w) => {
        const fixed = correctWord(w.toLowerCase());
        if (fixed === undefined) return w;
        return w.charAt(0) === w.charAt(0).toUpperCase() && w.charAt(0) !== w.charAt(0).toLowerCase() ? fixed.charAt(0).toUpperCase() + fixed.slice(1) : fixed;
      });
    },
  };
}
