/**
 * Vocabulary ids of character n-grams looked up straight from the text: a hash over the n-gram's
 * UTF-16 code units and an exact comparison with the stored n-gram, so no substring or
 * `c:`-prefixed string is built per n-gram. Gives exactly what `Map.get('c:' + gram)` gives.
 */
const CHAR_PREFIX = 'c:';

function hashOf(s: string, start: number, n: number): number {
  let h = 0x811c9dc5;
  for (let j = 0; j < n; j++) h = Math.imul(h ^ s.charCodeAt(start + j), 0x01000193);
  return h >>> 0;
}

export class CharGramIndex {
  /** Open addressing, linear probing: vocabulary id + 1, 0 = empty. */
  private readonly slots: Int32Array;
  private readonly mask: number;

  /** Indexes every `c:…` entry of `vocabulary` by its position. */
  constructor(private readonly vocabulary: readonly string[]) {
    let count = 0;
    for (const v of vocabulary) if (v.startsWith(CHAR_PREFIX)) count++;
    let size = 16;
    while (size < count * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    vocabulary.forEach((v, id) => {
      if (!v.startsWith(CHAR_PREFIX)) return;
      let slot = hashOf(v, CHAR_PREFIX.length, v.length - CHAR_PREFIX.length) & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = id + 1;
    });
  }

  /** The id of the n-gram `text[start, start + n)`, or -1 when the vocabulary does not have it. */
  idOf(text: string, start: number, n: number): number {
    for (let slot = hashOf(text, start, n) & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = this.slots[slot] as number;
      if (entry === 0) return -1;
      const v = this.vocabulary[entry - 1] as string;
      if (v.length === n + CHAR_PREFIX.length && this.same(v, text, start, n)) return entry - 1;
    }
  }

  private same(v: string, text: string, start: number, n: number): boolean {
    for (let j = 0; j < n; j++) if (v.charCodeAt(CHAR_PREFIX.length + j) !== text.charCodeAt(start + j)) return false;
    return true;
  }

  /**
   * Ids of every n-gram (sizes `min`…`max`) of each source padded with one space on each side,
   * in the order `charNgrams` lists them (by size, then position), -1 for unknown ones.
   */
  idsOf(sources: readonly string[], min: number, max: number): Int32Array {
    const padded = sources.map((s) => ` ${s} `);
    let total = 0;
    for (const p of padded) for (let n = min; n <= max; n++) total += Math.max(0, p.length - n + 1);
    const ids = new Int32Array(total);
    let k = 0;
    for (const p of padded) {
      for (let n = min; n <= max; n++) for (let i = 0; i + n <= p.length; i++) ids[k++] = this.idOf(p, i, n);
    }
    return ids;
  }
}
